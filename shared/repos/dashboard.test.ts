import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { adultInput, measureInput, seedHost, seedPlacement } from '../../test/support/tig.ts';
import { dashboard } from './dashboard.ts';
import { createHabilitation, updateHabilitation } from './habilitations.ts';
import { addHourLog } from './hourLogs.ts';
import { createIncident, reportIncidentToJap } from './incidents.ts';
import { createMeasure, revokeMeasure, suspendMeasure } from './measures.ts';
import { createOrganisation } from './organisations.ts';
import { createPerson } from './persons.ts';
import { createPlacement } from './placements.ts';
import { withSiretKey } from '../rules/siret.ts';

describe('dashboard', () => {
  it('counts, charts and lists what needs action', async () => {
    const ctx = await testContext();
    // Julien: deadline 1 January 2027 (37 days), placed since 1 October, last hours on 5 November.
    const julien = await seedPlacement(ctx, { plannedEnd: '2026-12-31' }, { decisionDate: '2025-06-01', offenceDate: '2025-01-10', periodStart: '2025-07-01' });
    const log = (p: typeof julien.placement, date: string, hours: number) =>
      addHourLog(ctx, { measureId: p.measureId, personId: p.personId, placementId: p.id, date, hours, confirmedByTutor: true });
    await log(julien.placement, '2026-10-15', 7);
    await log(julien.placement, '2026-11-05', 3.5);
    const seen = await createIncident(ctx, { measureId: julien.measure.id, date: '2026-11-06', kind: 'retard', description: 'Retard' });
    const hidden = await createIncident(ctx, { measureId: julien.measure.id, date: '2026-11-10', kind: 'absence_injustifiee', description: 'Absence' });
    await reportIncidentToJap(ctx, seen.id, '2026-11-07');

    // Sarah: placed on 1 October too, hours last week: not idle.
    const sarah = await createPerson(ctx, { ...adultInput, lastName: 'Benali', firstName: 'Sarah', caseNumber: 'S-1' });
    const sarahMeasure = await createMeasure(ctx, measureInput(sarah.id));
    const sarahPlacement = await createPlacement(ctx, {
      measureId: sarahMeasure.id,
      postId: julien.post.id,
      startDate: '2026-10-01',
      plannedEnd: '2026-12-31',
    });
    await log(sarahPlacement, '2026-11-20', 6);

    // Marc: placed since 1 October without hours, but suspended; Léa: revoked; Tom: waiting, deadline far.
    const marc = await createPerson(ctx, { ...adultInput, lastName: 'Durand', firstName: 'Marc', caseNumber: 'M-1' });
    const marcMeasure = await createMeasure(ctx, measureInput(marc.id));
    const other = await seedHost(ctx, { name: 'Ressourcerie', siret: withSiretKey('5012345600001') }, { domain: 'environnement_recyclage', title: 'Tri' });
    await createPlacement(ctx, { measureId: marcMeasure.id, postId: other.post.id, startDate: '2026-10-01', plannedEnd: '2026-12-31' });
    await suspendMeasure(ctx, marcMeasure.id, { from: '2026-11-01', reason: 'Incarcération' });
    const lea = await createPerson(ctx, { ...adultInput, lastName: 'Roux', firstName: 'Léa', caseNumber: 'L-1' });
    await revokeMeasure(
      ctx,
      (await createMeasure(ctx, measureInput(lea.id, { decisionDate: '2025-06-01', offenceDate: '2025-01-10', periodStart: '2025-07-01' }))).id,
      '2026-11-01',
    );
    await createMeasure(ctx, measureInput(lea.id));

    const expiring = await createOrganisation(ctx, { name: 'Les Amis de Toul', kind: 'association', communeName: 'Toul', departement: '54' });
    await createHabilitation(ctx, { organisationId: expiring.id, decisionDate: '2021-12-01', validFrom: '2022-01-01', validUntil: '2027-01-10' });
    const renewed = await createOrganisation(ctx, { name: 'Secours populaire', kind: 'association', communeName: 'Nancy', departement: '54' });
    await createHabilitation(ctx, { organisationId: renewed.id, decisionDate: '2021-12-01', validFrom: '2022-01-01', validUntil: '2027-01-10' });
    await createHabilitation(ctx, { organisationId: renewed.id, decisionDate: '2026-11-01', validFrom: '2027-01-11', validUntil: '2032-01-10' });

    const d = await dashboard(ctx);
    expect(d.on).toBe('2026-11-25');
    expect(d.measuresByStatus).toEqual({ a_affecter: 1, en_cours: 2, suspendue: 1, terminee: 0, echue: 0, revoquee: 1, transferee: 0 });
    expect(d.hoursByMonth).toHaveLength(12);
    expect(d.hoursByMonth.slice(-2)).toEqual([
      { month: '2026-10', hours: 7 },
      { month: '2026-11', hours: 9.5 },
    ]);
    expect(d.hoursByMonth[0]).toEqual({ month: '2025-12', hours: 0 });
    expect(d.postsByDomain).toMatchObject({ espaces_verts: 1, environnement_recyclage: 1, restauration: 0 });
    expect(d.deadlinesSoon).toEqual([
      expect.objectContaining({
        measureId: julien.measure.id,
        personName: 'LEFÈVRE Julien',
        deadline: '2027-01-01',
        daysRemaining: 37,
        progress: { unit: 'hours', ordered: 70, done: 10.5, remaining: 59.5 },
      }),
    ]);
    expect(d.habilitationsExpiring).toEqual([{ organisationId: expiring.id, organisationName: 'Les Amis de Toul', until: '2027-01-10', daysRemaining: 46 }]);
    expect(d.idlePlacements).toEqual([
      expect.objectContaining({
        placementId: julien.placement.id,
        personName: 'LEFÈVRE Julien',
        postTitle: 'Entretien des espaces verts',
        lastHoursOn: '2026-11-05',
        daysWithoutHours: 20,
      }),
    ]);
    expect(d.unreportedIncidents.map((i) => [i.id, i.personName])).toEqual([[hidden.id, 'LEFÈVRE Julien']]);
  });

  it('lists the placements whose planned end falls after their host’s habilitation, before and after it ends', async () => {
    const ctx = await testContext();
    const { habilitation, post, person, measure } = await seedPlacement(ctx, { startDate: '2026-11-02', plannedEnd: '2027-03-31' });
    expect((await dashboard(ctx)).placementsPastHabilitation).toEqual([]);
    await updateHabilitation(ctx, habilitation!.id, { validUntil: '2027-01-10' });
    const item = {
      measureId: measure.id,
      personId: person.id,
      personName: 'LEFÈVRE Julien',
      postTitle: post.title,
      organisationName: 'Association Les Jardins du Cœur',
      plannedEnd: '2027-03-31',
      habilitatedUntil: '2027-01-10',
    };
    expect((await dashboard(ctx)).placementsPastHabilitation).toEqual([expect.objectContaining({ ...item, daysRemaining: 46 })]);
    expect((await dashboard(ctx, { on: '2027-01-20' })).placementsPastHabilitation).toEqual([expect.objectContaining({ ...item, daysRemaining: -10 })]);
    await createHabilitation(ctx, { organisationId: post.organisationId, decisionDate: '2026-11-20', validFrom: '2027-01-11' });
    expect((await dashboard(ctx)).placementsPastHabilitation).toEqual([]);
  });

  it('lists a placement that never had hours, 14 days after its start', async () => {
    const ctx = await testContext();
    const { placement } = await seedPlacement(ctx, { startDate: '2026-11-11' });
    expect((await dashboard(ctx)).idlePlacements).toEqual([expect.objectContaining({ placementId: placement.id, daysWithoutHours: 14 })]);
    expect((await dashboard(ctx)).idlePlacements[0]?.lastHoursOn).toBeUndefined();
    expect((await dashboard(ctx, { on: '2026-11-24' })).idlePlacements).toEqual([]);
  });
});
