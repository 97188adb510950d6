import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { adultInput, expectRefused, measureInput, seedMeasure, seedPlacement } from '../../test/support/tig.ts';
import { historyOf } from './changes.ts';
import { addHourLog } from './hourLogs.ts';
import { measureTotals } from './hourTotals.ts';
import { createIncident } from './incidents.ts';
import {
  createMeasure,
  expireMeasure,
  expireOverdueMeasures,
  listMeasures,
  removeMeasure,
  resumeMeasure,
  revokeMeasure,
  suspendMeasure,
  transferMeasure,
  updateMeasure,
} from './measures.ts';
import { createPerson } from './persons.ts';
import type { MeasureInput } from '../schemas/measure.ts';

async function person() {
  const ctx = await testContext();
  const p = await createPerson(ctx, adultInput);
  return { ctx, personId: p.id };
}

describe('measure rules in the repository', () => {
  it('creates a measure waiting for a placement', async () => {
    const { ctx, personId } = await person();
    const m = await createMeasure(ctx, measureInput(personId));
    expect(m).toMatchObject({ status: 'a_affecter', suspensions: [] });
    expect(m.endedOn).toBeUndefined();
  });

  it('keeps the TIG hours within 20–400 for a délit and 20–120 for a contravention, not for the other kinds', async () => {
    const { ctx, personId } = await person();
    await expectRefused(
      ctx,
      () => createMeasure(ctx, measureInput(personId, { hoursOrdered: 401 })),
      /Heures ordonnées : un TIG prononcé pour un délit compte de 20 à 400 heures/,
    );
    await expectRefused(ctx, () => createMeasure(ctx, measureInput(personId, { hoursOrdered: 19 })), /de 20 à 400/);
    await expectRefused(
      ctx,
      () => createMeasure(ctx, measureInput(personId, { kind: 'sursis_probatoire_tig', offenceCategory: 'contravention_5e', hoursOrdered: 121 })),
      /contravention de 5e classe compte de 20 à 120 heures/,
    );
    await createMeasure(ctx, measureInput(personId, { hoursOrdered: 400 }));
    await createMeasure(ctx, measureInput(personId, { kind: 'tnr', hoursOrdered: 10, periodMonths: 6 }));
    await createMeasure(ctx, measureInput(personId, { kind: 'activite_de_jour', hoursOrdered: 600 }));
    const tig = await createMeasure(ctx, measureInput(personId, { hoursOrdered: 120 }));
    await expectRefused(ctx, () => updateMeasure(ctx, tig.id, { offenceCategory: 'contravention_5e', hoursOrdered: 150 }), /de 20 à 120/);
  });

  it('keeps a TNR within 100 hours and 6 months for a délit, 30 hours and 3 months for a contravention, naming the article', async () => {
    const { ctx, personId } = await person();
    const tnr = (fields: Partial<MeasureInput>) => measureInput(personId, { kind: 'tnr', jurisdiction: 'Procureur de la République de Nancy', ...fields });
    await expectRefused(
      ctx,
      () => createMeasure(ctx, tnr({ hoursOrdered: 150, periodMonths: 6 })),
      /Heures ordonnées : un TNR pour un délit compte 100 heures au plus \(article 41-2 du code de procédure pénale\)/,
    );
    await expectRefused(ctx, () => createMeasure(ctx, tnr({ hoursOrdered: 100, periodMonths: 7 })), /6 mois au plus pour un TNR \(article 41-2/);
    await expectRefused(
      ctx,
      () => createMeasure(ctx, tnr({ offenceCategory: 'contravention_5e', hoursOrdered: 31, periodMonths: 3 })),
      /30 heures au plus \(article 41-3 du code de procédure pénale\)/,
    );
    await expectRefused(
      ctx,
      () => createMeasure(ctx, tnr({ offenceCategory: 'contravention_5e', hoursOrdered: 30, periodMonths: 4 })),
      /3 mois au plus pour un TNR/,
    );
    const accepted = await createMeasure(ctx, tnr({ hoursOrdered: 100, periodMonths: 6 }));
    await expectRefused(ctx, () => updateMeasure(ctx, accepted.id, { offenceCategory: 'contravention_5e' }), /30 heures au plus/);
  });

  it('allows a period of at most 18 months', async () => {
    const { ctx, personId } = await person();
    await expectRefused(ctx, () => createMeasure(ctx, measureInput(personId, { periodMonths: 19 })), /Délai d’exécution : 18 mois au plus/);
  });

  it('requires 16 on the offence date for a TIG only', async () => {
    const { ctx } = await person();
    const young = await createPerson(ctx, { ...adultInput, caseNumber: 'J-1', birthDate: '2010-05-20' });
    await expectRefused(
      ctx,
      () => createMeasure(ctx, measureInput(young.id, { offenceDate: '2026-05-19' })),
      /au moins 16 ans au moment des faits \(15 ans le 19\/05\/2026\)/,
    );
    await createMeasure(ctx, measureInput(young.id, { offenceDate: '2026-05-20' }));
    await createMeasure(ctx, measureInput(young.id, { kind: 'reparation_penale', offenceDate: '2025-01-10', hoursOrdered: 10 }));
  });

  it('refuses a status or end date typed by hand', async () => {
    const { ctx, personId } = await person();
    const withStatus = { ...measureInput(personId), status: 'terminee' } as MeasureInput;
    await expectRefused(ctx, () => createMeasure(ctx, withStatus), /ne se modifie pas directement/);
    const m = await createMeasure(ctx, measureInput(personId));
    await expectRefused(ctx, () => updateMeasure(ctx, m.id, { status: 'terminee' } as Partial<MeasureInput>), /ne se modifie pas directement/);
  });

  it('suspends, moves the deadline, resumes where it was', async () => {
    const ctx = await testContext();
    const { measure } = await seedPlacement(ctx);
    ctx.clock.set('2026-11-10T09:00:00Z');
    await suspendMeasure(ctx, measure.id, { from: '2026-11-01', reason: 'Hospitalisation' });
    ctx.clock.set('2026-11-25T09:00:00Z');
    const [row] = await listMeasures(ctx);
    // 1 July 2026 + 18 months = 1 January 2028, plus 25 days of suspension so far.
    expect(row).toMatchObject({ status: 'suspendue', deadline: { deadline: '2028-01-26' } });
    const resumed = await resumeMeasure(ctx, measure.id, '2026-11-21');
    expect(resumed.status).toBe('en_cours');
    expect(resumed.suspensions).toEqual([{ from: '2026-11-01', to: '2026-11-20', reason: 'Hospitalisation' }]);
    expect((await listMeasures(ctx))[0]?.deadline.deadline).toBe('2028-01-21');
    const changes = await historyOf(ctx, 'measure', measure.id);
    expect(changes.map((c) => c.fields.status)).toEqual(['a_affecter', 'en_cours', 'suspendue', 'en_cours']);
  });

  it('goes back to à affecter when resumed before any placement', async () => {
    const { ctx, personId } = await person();
    const m = await createMeasure(ctx, measureInput(personId));
    await suspendMeasure(ctx, m.id, { from: '2026-11-01', reason: 'Incarcération' });
    expect((await resumeMeasure(ctx, m.id, '2026-11-20')).status).toBe('a_affecter');
  });

  it('refuses a suspension over recorded hours, and illegal transitions naming both statuses', async () => {
    const ctx = await testContext();
    const { measure, person, placement } = await seedPlacement(ctx);
    await addHourLog(ctx, { measureId: measure.id, personId: person.id, placementId: placement.id, date: '2026-11-12', hours: 4, confirmedByTutor: false });
    await expectRefused(
      ctx,
      () => suspendMeasure(ctx, measure.id, { from: '2026-11-10', reason: 'Incarcération' }),
      /Des heures sont saisies le 12\/11\/2026, après le début de la suspension/,
    );
    await expectRefused(ctx, () => resumeMeasure(ctx, measure.id, '2026-11-20'), /La mesure est déjà au statut « En cours »/);
    await revokeMeasure(ctx, measure.id, '2026-11-20');
    await expectRefused(
      ctx,
      () => suspendMeasure(ctx, measure.id, { from: '2026-11-21', reason: 'x' }),
      /Une mesure au statut « Révoquée » ne peut pas passer au statut « Suspendue »/,
    );
    await expectRefused(ctx, () => transferMeasure(ctx, measure.id, '2026-11-21'), /« Révoquée ».*« Transférée »/);
  });

  it('revokes or transfers: the measure ends that day with its placements', async () => {
    const ctx = await testContext();
    const { measure, placement } = await seedPlacement(ctx);
    await expectRefused(ctx, () => revokeMeasure(ctx, measure.id, '2026-11-26'), /ne peut être dans le futur/);
    const revoked = await revokeMeasure(ctx, measure.id, '2026-11-20');
    expect(revoked).toMatchObject({ status: 'revoquee', endedOn: '2026-11-20' });
    expect(await ctx.db.placements.get(placement.id)).toMatchObject({ status: 'interrompue', plannedEnd: '2027-03-31', endedOn: '2026-11-20' });
    const other = await seedMeasure(ctx, { caseNumber: 'B-2' });
    await suspendMeasure(ctx, other.measure.id, { from: '2026-11-01', reason: 'Incarcération' });
    const transferred = await transferMeasure(ctx, other.measure.id, '2026-11-24');
    expect(transferred).toMatchObject({ status: 'transferee', endedOn: '2026-11-24', suspensions: [{ from: '2026-11-01', to: '2026-11-24' }] });
  });

  it('expires a measure only once its deadline has passed', async () => {
    const { ctx, personId } = await person();
    const m = await createMeasure(
      ctx,
      measureInput(personId, { decisionDate: '2025-01-10', offenceDate: '2024-06-01', periodStart: '2025-02-01', periodMonths: 12 }),
    );
    const fresh = await createMeasure(ctx, measureInput(personId));
    await expectRefused(ctx, () => expireMeasure(ctx, fresh.id), /L’échéance du 01\/01\/2028 n’est pas encore passée/);
    expect(await expireMeasure(ctx, m.id)).toMatchObject({ status: 'echue', endedOn: '2026-02-01' });
  });

  it('expires every overdue open measure in one go', async () => {
    const { ctx, personId } = await person();
    const old = { decisionDate: '2025-01-10', offenceDate: '2024-06-01', periodStart: '2025-02-01', periodMonths: 12 };
    const a = await createMeasure(ctx, measureInput(personId, old));
    const b = await createMeasure(ctx, measureInput(personId, old));
    await revokeMeasure(ctx, b.id, '2025-06-01');
    const c = await createMeasure(ctx, measureInput(personId));
    expect(await expireOverdueMeasures(ctx)).toBe(1);
    expect((await ctx.db.measures.get(a.id))?.status).toBe('echue');
    expect((await ctx.db.measures.get(b.id))?.status).toBe('revoquee');
    expect((await ctx.db.measures.get(c.id))?.status).toBe('a_affecter');
  });

  it('lists measures with person, deadline, days remaining and hours done', async () => {
    const ctx = await testContext();
    const { measure, person, placement } = await seedPlacement(
      ctx,
      { plannedEnd: '2026-12-31' },
      { periodStart: '2025-07-01', decisionDate: '2025-06-01', offenceDate: '2025-01-10', periodMonths: 18 },
    );
    await addHourLog(ctx, { measureId: measure.id, personId: person.id, placementId: placement.id, date: '2026-11-02', hours: 6.5, confirmedByTutor: true });
    const [row] = await listMeasures(ctx);
    expect(row).toMatchObject({
      personName: 'LEFÈVRE Julien',
      caseNumber: '2026/00123',
      hoursDone: 6.5,
      progress: { unit: 'hours', ordered: 70, done: 6.5, remaining: 63.5 },
      deadline: { deadline: '2027-01-01', daysRemaining: 37, flagged: true, passed: false },
    });
  });

  it('deletes a measure with its placements, hours and incidents, each in the change log', async () => {
    const ctx = await testContext();
    const { measure, person, placement } = await seedPlacement(ctx);
    const log = await addHourLog(ctx, {
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date: '2026-11-02',
      hours: 3,
      confirmedByTutor: true,
    });
    const incident = await createIncident(ctx, { measureId: measure.id, date: '2026-11-03', kind: 'absence_injustifiee', description: 'Absent sans prévenir' });
    await removeMeasure(ctx, measure.id);
    for (const [entity, id] of [
      ['measure', measure.id],
      ['placement', placement.id],
      ['hourLog', log.id],
      ['incident', incident.id],
    ] as const) {
      expect((await historyOf(ctx, entity, id)).at(-1)?.op).toBe('delete');
    }
    expect((await measureTotals(ctx)).get(measure.id)).toEqual({ hours: 0, days: 0 });
    expect(await listMeasures(ctx)).toEqual([]);
  });
});
