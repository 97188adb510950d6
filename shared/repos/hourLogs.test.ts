import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { tableContents, testContext, twinContexts } from '../../test/support/memoryDb.ts';
import { expectRefused, measureInput, seedPlacement } from '../../test/support/tig.ts';
import { historyOf } from './changes.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from '../errors.ts';
import {
  addHourLog,
  addHourLogs,
  deleteHourLog,
  editHourLog,
  hourLogsOfMeasure,
  insertHourLogs,
  logHours,
  placementTimesheet,
  removeHourLog,
  updateHourLog,
} from './hourLogs.ts';
import { countInTotals, lastHoursOfPlacements, measureTotals, monthTotals, rebuildHourTotals } from './hourTotals.ts';
import { createMeasure, listMeasures, suspendMeasure, updateMeasure } from './measures.ts';
import { personPage } from './persons.ts';
import { withdrawHabilitation, updateHabilitation } from './habilitations.ts';
import { createPlacement } from './placements.ts';
import { createPost } from './posts.ts';
import { writeTransaction } from './writer.ts';
import type { HourLogInput } from '../schemas/hourLog.ts';

async function setup(hoursOrdered = 70) {
  const ctx = await testContext();
  const seeded = await seedPlacement(ctx, {}, { hoursOrdered });
  const day = (date: string, hours: number, extra: Partial<HourLogInput> = {}): HourLogInput => ({
    measureId: seeded.measure.id,
    personId: seeded.person.id,
    placementId: seeded.placement.id,
    date,
    hours,
    confirmedByTutor: true,
    ...extra,
  });
  return { ctx, ...seeded, day };
}

/** Hours of a TIG pédagogique session: linked to an attendance, not a placement. */
function attendance(log: HourLogInput): HourLogInput {
  const { placementId: _placementId, ...rest } = log;
  return { ...rest, attendanceId: uuidv7() };
}

/** Every running sum the writer kept (measures, months, placements) is what a pass over the logs finds. */
async function totalsAgreeWithLogs(ctx: RepoContext) {
  // A sum taken back to nothing stays as a zero row; the pass writes none.
  const rows = async () => (await ctx.db.hourTotals.toArray()).filter((r) => r.hours !== 0 || r.days);
  const cached = await rows();
  await rebuildHourTotals(ctx);
  expect(await rows()).toEqual(cached);
}

describe('hour logs in the repository', () => {
  it('records hours with the person of the measure and counts them', async () => {
    const { ctx, measure, day } = await setup();
    const log = await addHourLog(ctx, day('2026-11-02', 7));
    expect(log).toMatchObject({ hours: 7, personId: measure.personId });
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 7, days: 1 });
    expect(await monthTotals(ctx, ['2026-11'])).toEqual([{ month: '2026-11', hours: 7 }]);
    expect((await historyOf(ctx, 'hourLog', log.id))[0]).toMatchObject({ op: 'create', by: 'Camille Martin' });
  });

  it('refuses more than 12 hours on one day for one person, across placements and sessions', async () => {
    const { ctx, day, measure, organisation, tutor } = await setup();
    const second = await createPost(ctx, {
      organisationId: organisation.id,
      tutorIds: [tutor.id],
      title: 'Accueil',
      domain: 'administratif',
      communeName: 'Nancy',
      departement: '54',
      capacity: 1,
      openToMinors: false,
      accessiblePmr: true,
      active: true,
    });
    const other = await createPlacement(ctx, { measureId: measure.id, postId: second.id, startDate: '2026-11-01', plannedEnd: '2026-11-30' });
    await addHourLog(ctx, day('2026-11-03', 6));
    await addHourLog(ctx, day('2026-11-03', 4, { placementId: other.id }));
    await expectRefused(
      ctx,
      () => writeTransaction(ctx, (w) => logHours(w, attendance(day('2026-11-03', 2.25)))),
      /12 heures au plus par jour pour une même personne : 10 h déjà saisies le 03\/11\/2026, 2,25 h de plus/,
    );
    // Session hours are written by the attendance, inside its own transaction.
    await writeTransaction(ctx, (w) => logHours(w, attendance(day('2026-11-03', 2))));
  });

  it('refuses a date in the future, outside the placement or after the measure ended', async () => {
    const { ctx, day } = await setup();
    await expectRefused(ctx, () => addHourLog(ctx, day('2026-11-26', 3)), /Le 26\/11\/2026 est dans le futur/);
    await expectRefused(
      ctx,
      () => addHourLog(ctx, day('2026-09-30', 3)),
      /Le 30\/09\/2026 est en dehors de la mise en situation \(du 01\/10\/2026 au 31\/03\/2027\)/,
    );
    await addHourLog(ctx, day('2026-11-25', 3));
  });

  it('refuses hours after the measure ended and during a suspension', async () => {
    const { ctx, day, measure } = await setup();
    await addHourLog(ctx, day('2026-11-02', 3));
    await suspendMeasure(ctx, measure.id, { from: '2026-11-10', reason: 'Raison médicale' });
    await expectRefused(ctx, () => addHourLog(ctx, day('2026-11-12', 3)), /La mesure est suspendue le 12\/11\/2026/);
    await addHourLog(ctx, day('2026-11-09', 3));
  });

  it('never lets the total exceed the hours ordered', async () => {
    const { ctx, day } = await setup(20);
    await addHourLog(ctx, day('2026-11-02', 7));
    await addHourLog(ctx, day('2026-11-03', 7));
    await expectRefused(ctx, () => addHourLog(ctx, day('2026-11-04', 6.25)), /Le total dépasserait les 20 h ordonnées : 14 h déjà effectuées, 6 h restantes/);
  });

  it('ends the measure when the total reaches the hours ordered, on the day of the last hours', async () => {
    const { ctx, day, measure, placement } = await setup(20);
    await addHourLog(ctx, day('2026-11-10', 7));
    await addHourLog(ctx, day('2026-11-03', 7));
    await addHourLog(ctx, day('2026-11-05', 6));
    expect(await ctx.db.measures.get(measure.id)).toMatchObject({ status: 'terminee', endedOn: '2026-11-10' });
    expect(await ctx.db.placements.get(placement.id)).toMatchObject({ status: 'terminee', plannedEnd: placement.plannedEnd, endedOn: '2026-11-10' });
    await expectRefused(ctx, () => addHourLog(ctx, day('2026-11-10', 0.25)), /dépasserait/);
    const first = (await hourLogsOfMeasure(ctx, measure.id))[0]!;
    expect(first.date).toBe('2026-11-03');
    await expectRefused(ctx, () => deleteHourLog(ctx, first.id), /La mesure est terminée/);
    await expectRefused(ctx, () => editHourLog(ctx, first.id, { hours: 6 }), /La mesure est terminée/);
    await editHourLog(ctx, first.id, { comment: 'Confirmé par téléphone' });
  });

  it('lets the hours of a session start and end a measure without placement', async () => {
    const ctx = await testContext();
    const { person } = await seedPlacement(ctx);
    const measure = await createMeasure(ctx, {
      personId: person.id,
      kind: 'sursis_probatoire_tig',
      jurisdiction: 'Tribunal correctionnel de Nancy',
      decisionDate: '2026-06-01',
      offenceDate: '2026-01-10',
      offenceCategory: 'contravention_5e',
      hoursOrdered: 20,
      periodStart: '2026-07-01',
      periodMonths: 12,
    });
    const log = (date: string, hours: number): HourLogInput => ({
      measureId: measure.id,
      personId: person.id,
      attendanceId: uuidv7(),
      date,
      hours,
      confirmedByTutor: true,
    });
    await writeTransaction(ctx, (w) => logHours(w, log('2026-11-16', 7)));
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
    await writeTransaction(ctx, async (w) => {
      await logHours(w, log('2026-11-17', 7));
      await logHours(w, log('2026-11-18', 6));
    });
    expect(await ctx.db.measures.get(measure.id)).toMatchObject({ status: 'terminee', endedOn: '2026-11-18' });
  });

  it('refuses hours of another person or on another measure’s placement', async () => {
    const { ctx, day, person } = await setup();
    await expectRefused(ctx, () => addHourLog(ctx, day('2026-11-02', 3, { personId: uuidv7() })), /ne concernent pas la personne de la mesure/);
    await expectRefused(ctx, () => addHourLog(ctx, day('2026-11-02', 3, { placementId: person.id })), /introuvable/);
  });

  it('re-checks an edited log against the others, setting itself aside', async () => {
    const { ctx, day } = await setup(20);
    const a = await addHourLog(ctx, day('2026-11-02', 7));
    await addHourLog(ctx, day('2026-11-03', 7));
    const edited = await editHourLog(ctx, a.id, { hours: 5, date: '2026-11-04' });
    expect(edited).toMatchObject({ hours: 5, date: '2026-11-04' });
    await expectRefused(ctx, () => editHourLog(ctx, a.id, { hours: 13.5 }), /12 heures au plus/);
    await expectRefused(ctx, () => editHourLog(ctx, a.id, { date: '2026-12-01' }), /futur/);
    await expectRefused(ctx, () => editHourLog(ctx, a.id, { placementId: uuidv7() }), /reste attachée/);
    // 5 h become 8 h on that day: the 5 h being replaced do not count against the daily limit.
    expect((await editHourLog(ctx, a.id, { hours: 8 })).hours).toBe(8);
    await totalsAgreeWithLogs(ctx);
  });

  it('keeps the running sums equal to the logs through edits and deletions', async () => {
    const { ctx, day, measure, placement } = await setup();
    const a = await addHourLog(ctx, day('2026-10-30', 7));
    await addHourLog(ctx, day('2026-11-02', 3.5));
    await writeTransaction(ctx, (w) => updateHourLog(w, a.id, { date: '2026-11-03' }));
    expect(await lastHoursOfPlacements(ctx, [placement.id, 'none'])).toEqual(['2026-11-03', undefined]);
    await writeTransaction(ctx, (w) => removeHourLog(w, a.id));
    expect(await lastHoursOfPlacements(ctx, [placement.id])).toEqual(['2026-11-02']);
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 3.5, days: 1 });
    expect(await monthTotals(ctx, ['2026-10', '2026-11'])).toEqual([
      { month: '2026-10', hours: 0 },
      { month: '2026-11', hours: 3.5 },
    ]);
    await totalsAgreeWithLogs(ctx);
  });

  it('records a week in one form, all or nothing, naming the refused day', async () => {
    const { ctx, day, measure, placement } = await setup();
    const week = [day('2026-11-16', 7), day('2026-11-17', 7), day('2026-11-18', 7)];
    await addHourLogs(ctx, week);
    expect(await placementTimesheet(ctx, placement.id, '2026-11')).toHaveLength(3);
    const error = await expectRefused(
      ctx,
      () => addHourLogs(ctx, [day('2026-11-19', 7), day('2026-11-20', 7), day('2026-11-20', 6)]),
      /^20\/11\/2026 : 12 heures au plus/,
    );
    expect(error.issues).toEqual([{ path: '2.hours', message: expect.stringMatching(/12 heures au plus/) as string }]);
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 21, days: 3 });
  });

  it('reports invalid input with French field messages', async () => {
    const { ctx, day } = await setup();
    const error = await expectRefused(ctx, () => addHourLog(ctx, day('2026-11-02', 2.1)), /Heures : par quarts d’heure/);
    expect(error).toBeInstanceOf(RepoError);
  });

  it('refuses to lower the hours ordered below the hours done, and ends the measure when they meet', async () => {
    const { ctx, day, measure } = await setup(40);
    await addHourLog(ctx, day('2026-11-02', 7));
    await addHourLog(ctx, day('2026-11-03', 7));
    await addHourLog(ctx, day('2026-11-04', 7));
    await expectRefused(ctx, () => updateMeasure(ctx, measure.id, { hoursOrdered: 20 }), /Heures ordonnées : 21 h sont déjà effectuées sur cette mesure/);
    await updateMeasure(ctx, measure.id, { hoursOrdered: 21, kind: 'activite_de_jour' });
    expect(await ctx.db.measures.get(measure.id)).toMatchObject({ status: 'terminee', endedOn: '2026-11-04' });
  });
});

describe('hour logs in bulk', () => {
  it('keep the same logs, change rows and running sums as logs written one at a time', async () => {
    const twins = await twinContexts();
    const [single, bulk] = await Promise.all(
      twins.map(async (ctx) => {
        const seeded = await seedPlacement(ctx, {}, { hoursOrdered: 200 });
        // A day worked before the batch, and a later day on the placement than any of the batch.
        await addHourLog(ctx, {
          measureId: seeded.measure.id,
          personId: seeded.person.id,
          placementId: seeded.placement.id,
          date: '2026-10-05',
          hours: 3,
          confirmedByTutor: true,
        });
        await addHourLog(ctx, {
          measureId: seeded.measure.id,
          personId: seeded.person.id,
          placementId: seeded.placement.id,
          date: '2026-11-20',
          hours: 2,
          confirmedByTutor: true,
        });
        return { ctx, ...seeded };
      }),
    );
    const { measure, person, placement } = single!;
    const log = (date: string, hours: number, extra: Partial<HourLogInput> = {}): HourLogInput => ({
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date,
      hours,
      confirmedByTutor: false,
      ...extra,
    });
    const inputs = [
      log('2026-10-05', 1),
      log('2026-10-06', 4),
      log('2026-10-06', 2.5),
      log('2026-09-30', 3),
      attendance(log('2026-11-02', 6)),
      log('2026-11-10', 1),
    ];
    await writeTransaction(single!.ctx, async (w) => {
      for (const input of inputs) await countInTotals(w, await w.insert('hourLog', input), 1);
    });
    const written = await writeTransaction(bulk!.ctx, (w) => insertHourLogs(w, inputs));
    expect(written.map((l) => l.date)).toEqual(inputs.map((l) => l.date));
    expect(await tableContents(bulk!.ctx)).toEqual(await tableContents(single!.ctx));
    expect((await measureTotals(bulk!.ctx)).get(measure.id)).toEqual({ hours: 22.5, days: 6 });
    await totalsAgreeWithLogs(bulk!.ctx);
  });
});

describe('hours and the host’s habilitation', () => {
  it('are refused from the day the habilitation is withdrawn', async () => {
    const { ctx, day, habilitation } = await setup();
    await withdrawHabilitation(ctx, habilitation!.id, '2026-11-10');
    const before = await addHourLog(ctx, day('2026-11-09', 4));
    const error = await expectRefused(
      ctx,
      () => addHourLog(ctx, day('2026-11-10', 4)),
      /^La structure « Association Les Jardins du Cœur » n’est pas habilitée pour le TIG le 10\/11\/2026 \(habilitation retirée le 10\/11\/2026\) : aucune heure ce jour-là$/,
    );
    expect(error.issues[0]?.path).toBe('date');
    await expectRefused(ctx, () => editHourLog(ctx, before.id, { date: '2026-11-16' }), /habilitation retirée le 10\/11\/2026/);
    await expectRefused(ctx, () => addHourLogs(ctx, [day('2026-11-06', 3), day('2026-11-12', 3)]), /^12\/11\/2026 : La structure .* n’est pas habilitée/);
  });

  it('are refused after the habilitation’s end', async () => {
    const { ctx, day, habilitation } = await setup();
    await updateHabilitation(ctx, habilitation!.id, { validUntil: '2026-11-05' });
    await addHourLog(ctx, day('2026-11-05', 4));
    await expectRefused(
      ctx,
      () => addHourLog(ctx, day('2026-11-06', 4)),
      /n’est pas habilitée pour le TIG le 06\/11\/2026 \(habilitation valable jusqu’au 05\/11\/2026\)/,
    );
  });
});

describe('a measure ordered in days', () => {
  async function stage(daysOrdered: number) {
    const ctx = await testContext();
    const seeded = await seedPlacement(ctx, {}, { kind: 'stage', hoursOrdered: undefined, daysOrdered });
    const day = (date: string, hours: number): HourLogInput => ({
      measureId: seeded.measure.id,
      personId: seeded.person.id,
      placementId: seeded.placement.id,
      date,
      hours,
      confirmedByTutor: true,
    });
    return { ctx, ...seeded, day };
  }

  it('counts each day with hours as one day done, and ends when the days ordered are done', async () => {
    const { ctx, day, measure, person } = await stage(2);
    await addHourLog(ctx, day('2026-11-02', 3));
    await addHourLog(ctx, day('2026-11-02', 3.5));
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 6.5, days: 1 });
    expect((await personPage(ctx, person.id))?.measures[0]?.progress).toEqual({ unit: 'days', ordered: 2, done: 1, remaining: 1 });
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
    await addHourLog(ctx, day('2026-11-03', 7));
    expect(await ctx.db.measures.get(measure.id)).toMatchObject({ status: 'terminee', endedOn: '2026-11-03' });
    const [row] = await listMeasures(ctx);
    expect(row).toMatchObject({ hoursDone: 13.5, progress: { unit: 'days', ordered: 2, done: 2, remaining: 0 } });
    await totalsAgreeWithLogs(ctx);
  });

  it('takes more hours on a day already counted, never one day more', async () => {
    const { ctx, day, measure } = await stage(2);
    await addHourLog(ctx, day('2026-11-02', 4));
    await addHourLog(ctx, day('2026-11-04', 4));
    await addHourLog(ctx, day('2026-11-04', 3));
    await expectRefused(
      ctx,
      () => addHourLog(ctx, day('2026-11-03', 2)),
      'Les 2 jours ordonnés sont déjà effectués : des heures le 03/11/2026 compteraient un jour de plus',
    );
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 11, days: 2 });
  });

  it('keeps the day counted while another log of the measure is on it', async () => {
    const { ctx, day, measure } = await stage(5);
    const a = await addHourLog(ctx, day('2026-11-02', 3));
    const b = await addHourLog(ctx, day('2026-11-02', 2));
    await deleteHourLog(ctx, a.id);
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 2, days: 1 });
    await editHourLog(ctx, b.id, { date: '2026-11-05' });
    await addHourLog(ctx, day('2026-11-06', 1));
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 3, days: 2 });
    await totalsAgreeWithLogs(ctx);
  });

  it('refuses to order fewer days than done, ends the measure when they meet, and moves between hours and days', async () => {
    const { ctx, day, measure } = await setup(40);
    await addHourLog(ctx, day('2026-11-02', 7));
    await addHourLog(ctx, day('2026-11-03', 3));
    await addHourLog(ctx, day('2026-11-03', 4));
    await addHourLog(ctx, day('2026-11-04', 7));
    await expectRefused(
      ctx,
      () => updateMeasure(ctx, measure.id, { kind: 'stage', hoursOrdered: undefined, daysOrdered: 2 }),
      'Jours ordonnés : 3 jours sont déjà effectués sur cette mesure',
    );
    await expectRefused(ctx, () => updateMeasure(ctx, measure.id, { hoursOrdered: undefined, daysOrdered: 5 }), /Un TIG se prononce en heures/);
    await updateMeasure(ctx, measure.id, { kind: 'stage', hoursOrdered: undefined, daysOrdered: 4 });
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
    await updateMeasure(ctx, measure.id, { daysOrdered: 3 });
    expect(await ctx.db.measures.get(measure.id)).toMatchObject({ status: 'terminee', endedOn: '2026-11-04', daysOrdered: 3 });
    expect((await ctx.db.measures.get(measure.id))?.hoursOrdered).toBeUndefined();
  });

  it('is refused for a TIG, and a measure orders hours or days, one of them', async () => {
    const ctx = await testContext();
    const { person } = await seedPlacement(ctx);
    await expectRefused(
      ctx,
      () => createMeasure(ctx, measureInput(person.id, { hoursOrdered: undefined, daysOrdered: 3 })),
      'Un TIG se prononce en heures : saisissez les heures ordonnées',
    );
    await expectRefused(
      ctx,
      () => createMeasure(ctx, measureInput(person.id, { kind: 'stage', daysOrdered: 3 })),
      /des heures ou des jours : renseignez l’un des deux, et un seul/,
    );
    await expectRefused(ctx, () => createMeasure(ctx, measureInput(person.id, { kind: 'stage', hoursOrdered: undefined })), /des heures ou des jours/);
    await expectRefused(
      ctx,
      () => createMeasure(ctx, measureInput(person.id, { kind: 'stage', hoursOrdered: undefined, daysOrdered: 1.5 })),
      /Jours ordonnés : nombre entier de jours attendu/,
    );
    const created = await createMeasure(ctx, measureInput(person.id, { kind: 'activite_de_jour', hoursOrdered: undefined, daysOrdered: 10 }));
    expect(created).toMatchObject({ daysOrdered: 10, status: 'a_affecter' });
  });
});
