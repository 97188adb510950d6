import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused, seedPlacement } from '../../test/support/tig.ts';
import { addHourLog } from './hourLogs.ts';
import { revokeMeasure, suspendMeasure, updateMeasure, type MeasureCreateInput } from './measures.ts';
import { endPlacement } from './placements.ts';
import type { HourLogInput } from '../schemas/hourLog.ts';

async function setup(measure: Parameters<typeof seedPlacement>[2] = {}, placement: Parameters<typeof seedPlacement>[1] = {}) {
  const ctx = await testContext();
  const seeded = await seedPlacement(ctx, placement, measure);
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

describe('editing a measure’s period', () => {
  it('refuses a new start that leaves logged hours before the period', async () => {
    const { ctx, measure, day } = await setup();
    await addHourLog(ctx, day('2026-10-05', 4));
    const error = await expectRefused(
      ctx,
      () => updateMeasure(ctx, measure.id, { periodStart: '2026-10-06' }),
      /^Des heures sont saisies le 05\/10\/2026, hors du nouveau délai d’exécution \(du 06\/10\/2026 au 06\/04\/2028\)/,
    );
    expect(error.issues[0]?.path).toBe('periodStart');
    await expectRefused(
      ctx,
      () => updateMeasure(ctx, measure.id, { periodStart: '2026-10-05' }),
      /^La mise en situation du 01\/10\/2026 au 31\/03\/2027 sortirait/,
    );
    expect((await updateMeasure(ctx, measure.id, { periodStart: '2026-10-01' })).periodStart).toBe('2026-10-01');
  });

  it('refuses a shorter period that leaves a placement past the deadline, counting an ended one up to its real end', async () => {
    // Placement from 1 October 2026 to 31 March 2027; 6 months from 1 July 2026 end on 1 January 2027.
    const { ctx, measure, placement } = await setup();
    const error = await expectRefused(
      ctx,
      () => updateMeasure(ctx, measure.id, { periodMonths: 6 }),
      /^La mise en situation du 01\/10\/2026 au 31\/03\/2027 sortirait du nouveau délai d’exécution \(du 01\/07\/2026 au 01\/01\/2027\)/,
    );
    expect(error.issues[0]?.path).toBe('periodMonths');
    await endPlacement(ctx, placement.id, '2026-11-20', 'terminee');
    expect((await updateMeasure(ctx, measure.id, { periodMonths: 6 })).periodMonths).toBe(6);
  });

  it('refuses hours logged after a deadline brought forward', async () => {
    const { ctx, measure, placement, day } = await setup({ periodStart: '2026-06-01', periodMonths: 18 }, { plannedEnd: '2026-11-30' });
    await addHourLog(ctx, day('2026-11-20', 4));
    await endPlacement(ctx, placement.id, '2026-11-20', 'terminee');
    // 5 months from 1 June 2026: 1 November 2026, before the hours of 20 November.
    await expectRefused(
      ctx,
      () => updateMeasure(ctx, measure.id, { periodMonths: 5 }),
      /^Des heures sont saisies le 20\/11\/2026, hors du nouveau délai d’exécution \(du 01\/06\/2026 au 01\/11\/2026\)/,
    );
  });

  it('refuses removing a suspension when the deadline it moved holds a placement', async () => {
    // 4 months from 1 July 2026 (1 November) moved by a 31-day suspension in August: 2 December 2026.
    const suspension = { from: '2026-08-01', to: '2026-08-31', reason: 'Hospitalisation' };
    const { ctx, measure } = await setup({ periodMonths: 4, suspensions: [suspension] }, { plannedEnd: '2026-12-01' });
    const error = await expectRefused(
      ctx,
      () => updateMeasure(ctx, measure.id, { suspensions: [] }),
      /^La mise en situation du 01\/10\/2026 au 01\/12\/2026 sortirait du nouveau délai d’exécution \(du 01\/07\/2026 au 01\/11\/2026\)/,
    );
    expect(error.issues[0]?.path).toBe('suspensions');
    await updateMeasure(ctx, measure.id, { suspensions: [{ ...suspension, reason: 'Hospitalisation (certificat reçu)' }] });
  });
});

describe('an ended measure', () => {
  it('keeps the decision’s data and lets its notes change', async () => {
    const { ctx, measure } = await setup();
    await revokeMeasure(ctx, measure.id, '2026-11-20');
    const legal: [Partial<MeasureCreateInput>, RegExp][] = [
      [{ hoursOrdered: 80 }, /^La mesure est révoquée depuis le 20\/11\/2026 : heures ordonnées et les autres données de la décision ne se modifient plus/],
      [{ decisionDate: '2026-05-30' }, /date de la décision/],
      [{ periodStart: '2026-07-02' }, /début du délai d’exécution/],
      [{ periodMonths: 17 }, /délai d’exécution \(mois\)/],
      [{ kind: 'sursis_probatoire_tig' }, /nature de la mesure/],
      [{ offenceCategory: 'contravention_5e' }, /catégorie d’infraction/],
      [{ jurisdiction: 'Tribunal correctionnel de Metz' }, /juridiction/],
      [{ offenceDate: '2026-01-11' }, /date des faits/],
      [{ suspensions: [{ from: '2026-08-01', to: '2026-08-02', reason: 'x' }] }, /suspensions/],
    ];
    for (const [patch, message] of legal) await expectRefused(ctx, () => updateMeasure(ctx, measure.id, patch), message);
    // A form sends every field back unchanged, with the notes.
    const { id: _id, siteId: _s, updatedAt: _u, updatedBy: _b, status: _st, endedOn: _e, ...unchanged } = (await ctx.db.measures.get(measure.id))!;
    expect((await updateMeasure(ctx, measure.id, { ...unchanged, notes: 'Révocation notifiée le 21/11' })).notes).toBe('Révocation notifiée le 21/11');
  });
});

describe('a suspended measure whose hours are complete', () => {
  it('ends as terminée when its last hours, done before the suspension, are entered', async () => {
    const { ctx, measure, placement, day } = await setup({ hoursOrdered: 20 });
    await addHourLog(ctx, day('2026-11-02', 7));
    await addHourLog(ctx, day('2026-11-03', 7));
    await suspendMeasure(ctx, measure.id, { from: '2026-11-10', reason: 'Incarcération' });
    await addHourLog(ctx, day('2026-11-04', 6));
    expect(await ctx.db.measures.get(measure.id)).toMatchObject({
      status: 'terminee',
      endedOn: '2026-11-04',
      suspensions: [{ from: '2026-11-10', to: '2026-11-10', reason: 'Incarcération' }],
    });
    expect(await ctx.db.placements.get(placement.id)).toMatchObject({ status: 'terminee', endedOn: '2026-11-04' });
  });

  it('ends as terminée when its hours ordered are corrected down to those done', async () => {
    const { ctx, measure, day } = await setup({ hoursOrdered: 30 });
    await addHourLog(ctx, day('2026-11-02', 7));
    await addHourLog(ctx, day('2026-11-03', 7));
    await addHourLog(ctx, day('2026-11-04', 7));
    await suspendMeasure(ctx, measure.id, { from: '2026-11-10', reason: 'Raison médicale' });
    expect(await updateMeasure(ctx, measure.id, { hoursOrdered: 21 })).toMatchObject({ status: 'terminee', endedOn: '2026-11-04' });
  });
});
