import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { addMeasure, addPerson, fiveDays, tigProgrammeInput, tigSessionInput } from '../../test/support/workshopFixtures.ts';
import type { MeasureInput } from '../schemas/measure.ts';
import { recordAttendance, removeAttendance, saveAttendanceGrid, updateAttendance } from './attendance.ts';
import { enrol, updateEnrolment } from './enrolments.ts';
import { RepoError } from '../errors.ts';
import { createProgramme } from './programmes.ts';
import { createSession } from './sessions.ts';
import { writeTransaction } from './writer.ts';

/**
 * A TIG pédagogique session of 16–20 November 2026, 6 h a day (today is 25 November), and participants
 * enrolled on a TIG measure each.
 */
async function tigSession(measures: Partial<MeasureInput>[] = [{}]) {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, tigProgrammeInput);
  const session = await createSession(ctx, tigSessionInput(programme.id));
  const enrolled = [];
  for (const over of measures) {
    const person = await addPerson(ctx);
    const measure = await addMeasure(ctx, person.id, over);
    const enrolment = await enrol(ctx, { sessionId: session.id, personId: person.id, measureId: measure.id });
    enrolled.push({ person, measure, enrolment });
  }
  return { ctx, session, enrolled };
}

async function logsOf(ctx: Awaited<ReturnType<typeof testContext>>, measureId: string) {
  const logs = await ctx.db.hourLogs.filter((l) => !l.deleted && l.measureId === measureId).toArray();
  return logs
    .map((l) => ({ date: l.date, hours: l.hours, attendanceId: l.attendanceId, placementId: l.placementId }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

describe('TIG pédagogique attendance counts as TIG hours on the measure', () => {
  it('logs each attended day on the measure of each participant, in the same write, and starts the measure', async () => {
    const { ctx, session, enrolled } = await tigSession([{ status: 'a_affecter' }, {}, {}]);
    const [a, b, c] = enrolled;
    const saved = await saveAttendanceGrid(ctx, session.id, [
      ...fiveDays.map((date) => ({ enrolmentId: a!.enrolment.id, date, present: true })),
      ...fiveDays.map((date, i) => ({ enrolmentId: b!.enrolment.id, date, present: i !== 2, hours: 5 })),
      { enrolmentId: c!.enrolment.id, date: fiveDays[0]!, present: true, hours: 2.5 },
    ]);
    const attendanceOf = (date: string, enrolmentId: string) => saved.find((x) => x.date === date && x.enrolmentId === enrolmentId)!.id;
    expect(await logsOf(ctx, a!.measure.id)).toEqual(
      fiveDays.map((date) => ({ date, hours: 6, attendanceId: attendanceOf(date, a!.enrolment.id), placementId: undefined })),
    );
    expect((await logsOf(ctx, b!.measure.id)).map((l) => [l.date, l.hours])).toEqual([
      ['2026-11-16', 5],
      ['2026-11-17', 5],
      ['2026-11-19', 5],
      ['2026-11-20', 5],
    ]);
    expect(await logsOf(ctx, c!.measure.id)).toEqual([
      { date: '2026-11-16', hours: 2.5, attendanceId: attendanceOf('2026-11-16', c!.enrolment.id), placementId: undefined },
    ]);
    expect((await ctx.db.measures.get(a!.measure.id))?.status).toBe('en_cours');
    const logs = await ctx.db.hourLogs.toArray();
    const changes = await ctx.db.changes.filter((x) => x.entity === 'hourLog').toArray();
    expect(changes.map((x) => x.recordId).sort()).toEqual(logs.map((l) => l.id).sort());
  });

  it('refuses attendance beyond the hours ordered with the TIG hour-limit message, and writes nothing of the grid', async () => {
    const { ctx, session, enrolled } = await tigSession([{ hoursOrdered: 20 }]);
    const [{ enrolment, measure }] = enrolled as [(typeof enrolled)[number]];
    const attempt = saveAttendanceGrid(
      ctx,
      session.id,
      fiveDays.map((date) => ({ enrolmentId: enrolment.id, date, present: true })),
    );
    const error = (await attempt.catch((e: unknown) => e)) as RepoError;
    expect(error).toBeInstanceOf(RepoError);
    expect(error.message).toMatch(/le 19\/11\/2026 : Le total dépasserait les 20 h ordonnées : 18 h déjà effectuées, 2 h restantes/);
    expect(await ctx.db.attendance.count()).toBe(0);
    expect(await ctx.db.hourLogs.count()).toBe(0);

    await saveAttendanceGrid(ctx, session.id, [
      ...fiveDays.slice(0, 3).map((date) => ({ enrolmentId: enrolment.id, date, present: true })),
      { enrolmentId: enrolment.id, date: fiveDays[3]!, present: true, hours: 2 },
    ]);
    const done = await ctx.db.measures.get(measure.id);
    expect([done?.status, done?.endedOn]).toEqual(['terminee', '2026-11-19']);
    await expect(recordAttendance(ctx, { enrolmentId: enrolment.id, date: fiveDays[4]!, present: true })).rejects.toThrow(
      /La mesure a pris fin le 19\/11\/2026/,
    );
  });

  it('refuses hours on days before the measure’s period starts, as a placement there is refused; an absence is kept', async () => {
    const { ctx, session, enrolled } = await tigSession([{ decisionDate: '2026-11-02', periodStart: '2026-11-18' }]);
    const [{ enrolment, measure }] = enrolled as [(typeof enrolled)[number]];
    const error = (await saveAttendanceGrid(
      ctx,
      session.id,
      fiveDays.map((date) => ({ enrolmentId: enrolment.id, date, present: true })),
    ).catch((e: unknown) => e)) as RepoError;
    expect(error).toBeInstanceOf(RepoError);
    expect(error.message).toMatch(
      /le 16\/11\/2026 : Le délai d’exécution de la mesure commence le 18\/11\/2026 : des heures du 16\/11\/2026 ne peuvent compter sur elle/,
    );
    expect(await ctx.db.attendance.count()).toBe(0);
    await saveAttendanceGrid(ctx, session.id, [
      ...fiveDays.slice(0, 2).map((date) => ({ enrolmentId: enrolment.id, date, present: false })),
      ...fiveDays.slice(2).map((date) => ({ enrolmentId: enrolment.id, date, present: true })),
    ]);
    expect((await logsOf(ctx, measure.id)).map((l) => l.date)).toEqual(fiveDays.slice(2));
  });

  it('applies the 12 hours a day per person with the hours the person did elsewhere that day', async () => {
    const { ctx, enrolled } = await tigSession();
    const [{ enrolment, person }] = enrolled as [(typeof enrolled)[number]];
    const other = await addMeasure(ctx, person.id);
    await writeTransaction(ctx, (w) =>
      w.insert('hourLog', {
        measureId: other.id,
        personId: person.id,
        placementId: '0190b7a0-0000-7000-8000-0000000000bb',
        date: '2026-11-16',
        hours: 8,
        confirmedByTutor: true,
      }),
    );
    await expect(recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: true })).rejects.toThrow(
      /12 heures au plus par jour pour une même personne/,
    );
    expect(await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: true, hours: 4 })).toMatchObject({ hours: 4 });
  });

  it('moves the hour log when the attendance is corrected, and removes it when the day becomes an absence or is cleared', async () => {
    const { ctx, session, enrolled } = await tigSession();
    const [{ enrolment, measure }] = enrolled as [(typeof enrolled)[number]];
    const monday = (await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: true }))!;
    await updateAttendance(ctx, monday.id, { hours: 4.5 });
    expect(await logsOf(ctx, measure.id)).toEqual([{ date: '2026-11-16', hours: 4.5, attendanceId: monday.id, placementId: undefined }]);
    await updateAttendance(ctx, monday.id, { date: '2026-11-18' });
    expect(await logsOf(ctx, measure.id)).toEqual([{ date: '2026-11-18', hours: 4.5, attendanceId: monday.id, placementId: undefined }]);
    await updateAttendance(ctx, monday.id, { present: false });
    expect(await logsOf(ctx, measure.id)).toEqual([]);
    await updateAttendance(ctx, monday.id, { present: true });
    expect((await logsOf(ctx, measure.id)).map((l) => l.hours)).toEqual([6]);
    await saveAttendanceGrid(ctx, session.id, [{ enrolmentId: enrolment.id, date: '2026-11-18', present: null }]);
    expect(await logsOf(ctx, measure.id)).toEqual([]);
    const tuesday = (await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-17', present: true }))!;
    await removeAttendance(ctx, tuesday.id);
    expect(await logsOf(ctx, measure.id)).toEqual([]);
  });

  it('allows no double entry: the same day entered twice is one attendance and one hour log', async () => {
    const { ctx, session, enrolled } = await tigSession();
    const [{ enrolment, measure }] = enrolled as [(typeof enrolled)[number]];
    await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: true });
    await saveAttendanceGrid(ctx, session.id, [{ enrolmentId: enrolment.id, date: '2026-11-16', present: true }]);
    await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: true, hours: 6 });
    expect(await ctx.db.attendance.filter((a) => !a.deleted).count()).toBe(1);
    expect(await logsOf(ctx, measure.id)).toHaveLength(1);
  });

  it('keeps the measure of an enrolment once its hours count on it', async () => {
    const { ctx, enrolled } = await tigSession();
    const [{ enrolment, person }] = enrolled as [(typeof enrolled)[number]];
    await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: true });
    const another = await addMeasure(ctx, person.id);
    await expect(updateEnrolment(ctx, enrolment.id, { measureId: another.id })).rejects.toThrow(/qui ne peut plus changer/);
  });

  it('keeps the hours that completed a measure: their attendance can no longer change', async () => {
    const { ctx, enrolled } = await tigSession([{ hoursOrdered: 20 }]);
    const [{ enrolment }] = enrolled as [(typeof enrolled)[number]];
    const days = [];
    for (const [i, date] of fiveDays.slice(0, 4).entries())
      days.push((await recordAttendance(ctx, { enrolmentId: enrolment.id, date, present: true, hours: i === 3 ? 2 : 6 }))!);
    await expect(removeAttendance(ctx, days[0]!.id)).rejects.toThrow(/La mesure est terminée/);
    await expect(updateAttendance(ctx, days[3]!.id, { hours: 1 })).rejects.toThrow(/La mesure est terminée/);
  });

  it('counts nothing on a measure outside TIG pédagogique', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'module_insertion' });
    const session = await createSession(ctx, tigSessionInput(programme.id));
    const enrolment = await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx)).id });
    await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: true });
    expect(await ctx.db.hourLogs.count()).toBe(0);
  });
});

describe('hours that come from attendance', () => {
  it('cannot be entered, corrected or deleted from the TIG follow-up: the attendance is their one source', async () => {
    const { addHourLog, addHourLogs, deleteHourLog, editHourLog } = await import('./hourLogs.ts');
    const { ctx, enrolled } = await tigSession();
    const [a] = enrolled;
    await recordAttendance(ctx, { enrolmentId: a!.enrolment.id, date: '2026-11-16', present: true });
    const [log] = await logsOf(ctx, a!.measure.id);
    const stored = (await ctx.db.hourLogs.filter((l) => l.attendanceId === log!.attendanceId).first())!;
    const before = await ctx.db.changes.count();
    const message = /feuille de présence/;
    await expect(editHourLog(ctx, stored.id, { hours: 2 })).rejects.toThrow(message);
    await expect(deleteHourLog(ctx, stored.id)).rejects.toThrow(message);
    const copy = {
      measureId: a!.measure.id,
      personId: a!.person.id,
      attendanceId: stored.attendanceId!,
      date: '2026-11-17',
      hours: 6,
      confirmedByTutor: false,
    };
    await expect(addHourLog(ctx, copy)).rejects.toThrow(message);
    await expect(addHourLogs(ctx, [copy])).rejects.toThrow(message);
    expect(await ctx.db.changes.count()).toBe(before);
    expect(await logsOf(ctx, a!.measure.id)).toEqual([log]);
  });
});
