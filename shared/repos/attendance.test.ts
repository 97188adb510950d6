import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { addPerson, tigProgrammeInput, tigSessionInput } from '../../test/support/workshopFixtures.ts';
import { listAttendance, recordAttendance, removeAttendance, saveAttendanceGrid, updateAttendance } from './attendance.ts';
import { enrol, listEnrolments, updateEnrolment } from './enrolments.ts';
import { RepoError } from '../errors.ts';
import { createProgramme } from './programmes.ts';
import { createSession } from './sessions.ts';

/** A module d'insertion session of 16–20 November 2026, 6 h a day, with two participants; today is 25 November. */
async function moduleSession() {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'module_insertion' });
  const session = await createSession(ctx, tigSessionInput(programme.id));
  const anna = await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx, { lastName: 'Durand', firstName: 'Anna' })).id });
  const bilal = await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx, { lastName: 'Haddad', firstName: 'Bilal' })).id });
  return { ctx, session, anna, bilal };
}

describe('attendance', () => {
  it('records a day present with the session’s hours unless told otherwise, and marks the participant present', async () => {
    const { ctx, session, anna } = await moduleSession();
    const full = await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true });
    const short = await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-17', present: true, hours: 3.5 });
    expect([full?.hours, short?.hours]).toEqual([6, 3.5]);
    expect(full).toMatchObject({ sessionId: session.id, personId: anna.personId });
    expect((await listEnrolments(ctx, session.id)).find((e) => e.id === anna.id)?.status).toBe('present');
  });

  it('records an absence with no hours', async () => {
    const { ctx, anna } = await moduleSession();
    expect(await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: false, hours: 6 })).toMatchObject({ present: false, hours: 0 });
  });

  it('accepts only the session’s days, once they have come', async () => {
    const { ctx, anna } = await moduleSession();
    await expect(recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-21', present: true })).rejects.toThrow(
      'Le 21/11/2026 n’est pas un jour de la séance.',
    );
    ctx.clock.set('2026-11-18T08:00:00.000Z');
    await expect(recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-19', present: true })).rejects.toThrow(/n’est pas encore arrivé/);
    expect(await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-18', present: true })).toMatchObject({ hours: 6 });
  });

  it('bounds the hours of a day by the session’s', async () => {
    const { ctx, anna } = await moduleSession();
    await expect(recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true, hours: 6.25 })).rejects.toThrow(
      'Heures : 6 h au plus par jour dans cette séance.',
    );
    await expect(recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true, hours: 2.1 })).rejects.toThrow(/par quarts d’heure/);
  });

  it('keeps one attendance per participant and day: a second entry replaces the first', async () => {
    const { ctx, session, anna } = await moduleSession();
    await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true });
    await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true, hours: 4 });
    const rows = await listAttendance(ctx, session.id);
    expect(rows.map((a) => [a.date, a.hours])).toEqual([['2026-11-16', 4]]);
  });

  it('moves an attendance to another free day of the session', async () => {
    const { ctx, anna } = await moduleSession();
    const monday = (await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true }))!;
    await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-17', present: false });
    await expect(updateAttendance(ctx, monday.id, { date: '2026-11-17' })).rejects.toThrow(/déjà saisie le 17\/11\/2026/);
    expect(await updateAttendance(ctx, monday.id, { date: '2026-11-18', hours: 5 })).toMatchObject({ date: '2026-11-18', hours: 5, present: true });
    expect(await updateAttendance(ctx, monday.id, { present: false })).toMatchObject({ hours: 0 });
    expect(await updateAttendance(ctx, monday.id, { present: true })).toMatchObject({ hours: 6 });
  });

  it('saves a grid of cells, clearing the cells set to nothing', async () => {
    const { ctx, session, anna, bilal } = await moduleSession();
    await recordAttendance(ctx, { enrolmentId: bilal.id, date: '2026-11-16', present: true });
    const saved = await saveAttendanceGrid(ctx, session.id, [
      { enrolmentId: anna.id, date: '2026-11-16', present: true },
      { enrolmentId: anna.id, date: '2026-11-17', present: false },
      { enrolmentId: bilal.id, date: '2026-11-16', present: null },
      { enrolmentId: bilal.id, date: '2026-11-17', present: true, hours: 2 },
    ]);
    expect(saved).toHaveLength(3);
    const rows = await listAttendance(ctx, session.id);
    const cells = rows.map((a) => `${a.enrolmentId === anna.id ? 'A' : 'B'} ${a.date} ${a.hours}`).sort();
    expect(cells).toEqual(['A 2026-11-16 6', 'A 2026-11-17 0', 'B 2026-11-17 2']);
  });

  it('saves a grid all or nothing, naming the participant and the day that is refused', async () => {
    const { ctx, session, anna, bilal } = await moduleSession();
    await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true });
    const before = { attendance: await ctx.db.attendance.toArray(), changes: await ctx.db.changes.count() };
    const attempt = saveAttendanceGrid(ctx, session.id, [
      { enrolmentId: anna.id, date: '2026-11-16', present: null },
      { enrolmentId: anna.id, date: '2026-11-17', present: true },
      { enrolmentId: bilal.id, date: '2026-11-17', present: true, hours: 7 },
    ]);
    const error = (await attempt.catch((e: unknown) => e)) as RepoError;
    expect(error).toBeInstanceOf(RepoError);
    expect(error.message).toBe('Haddad Bilal, le 17/11/2026 : Heures : 6 h au plus par jour dans cette séance.');
    expect(error.issues).toEqual([{ path: `${bilal.id}/2026-11-17`, message: 'Heures : 6 h au plus par jour dans cette séance.' }]);
    expect(await ctx.db.attendance.toArray()).toEqual(before.attendance);
    expect(await ctx.db.changes.count()).toBe(before.changes);
  });

  it('refuses a grid cell of another session', async () => {
    const { ctx, session } = await moduleSession();
    const other = await moduleSession();
    await expect(saveAttendanceGrid(ctx, session.id, [{ enrolmentId: other.anna.id, date: '2026-11-16', present: true }])).rejects.toThrow(/introuvable/);
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'autre' });
    const second = await createSession(ctx, tigSessionInput(programme.id));
    const stranger = await enrol(ctx, { sessionId: second.id, personId: (await addPerson(ctx)).id });
    await expect(saveAttendanceGrid(ctx, session.id, [{ enrolmentId: stranger.id, date: '2026-11-16', present: true }])).rejects.toThrow(/d’une autre séance/);
  });

  it('removes an attendance', async () => {
    const { ctx, session, anna } = await moduleSession();
    const attendance = (await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true }))!;
    await removeAttendance(ctx, attendance.id);
    expect(await listAttendance(ctx, session.id)).toEqual([]);
  });

  it('takes no attendance for a participant who abandoned or was excluded: the days recorded before stay as they are', async () => {
    const { ctx, session, anna, bilal } = await moduleSession();
    const before = (await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: true }))!;
    await recordAttendance(ctx, { enrolmentId: bilal.id, date: '2026-11-16', present: true });
    await updateEnrolment(ctx, anna.id, { status: 'abandon' });
    await updateEnrolment(ctx, bilal.id, { status: 'exclu' });
    const abandon =
      'Participant en abandon : sa présence ne se saisit plus. Pour corriger une présence, remettez d’abord son statut à « Inscrit » ou « Présent ».';
    await expect(recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-17', present: true })).rejects.toThrow(abandon);
    await expect(recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-16', present: null })).rejects.toThrow(abandon);
    await expect(updateAttendance(ctx, before.id, { hours: 3 })).rejects.toThrow(abandon);
    await expect(removeAttendance(ctx, before.id)).rejects.toThrow(abandon);
    await expect(recordAttendance(ctx, { enrolmentId: bilal.id, date: '2026-11-17', present: false })).rejects.toThrow(
      /^Participant exclu : sa présence ne se saisit plus\./,
    );
    await expect(saveAttendanceGrid(ctx, session.id, [{ enrolmentId: bilal.id, date: '2026-11-18', present: true }])).rejects.toThrow(
      /^Haddad Bilal, le 18\/11\/2026 : Participant exclu/,
    );
    expect((await listAttendance(ctx, session.id)).map((a) => [a.enrolmentId === anna.id ? 'Anna' : 'Bilal', a.date, a.hours]).sort()).toEqual([
      ['Anna', '2026-11-16', 6],
      ['Bilal', '2026-11-16', 6],
    ]);

    await updateEnrolment(ctx, anna.id, { status: 'present' });
    expect(await recordAttendance(ctx, { enrolmentId: anna.id, date: '2026-11-17', present: true, hours: 2 })).toMatchObject({ hours: 2 });
  });
});
