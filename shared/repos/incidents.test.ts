import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused, seedMeasure, seedPlacement } from '../../test/support/tig.ts';
import { createPlacement } from './placements.ts';
import { createIncident, removeIncident, reportIncidentToJap, updateIncident } from './incidents.ts';

describe('incidents in the repository', () => {
  it('records an incident for the measure’s person and its report to the JAP', async () => {
    const ctx = await testContext();
    const { measure, placement, person } = await seedPlacement(ctx);
    const incident = await createIncident(ctx, {
      measureId: measure.id,
      placementId: placement.id,
      date: '2026-11-20',
      kind: 'absence_injustifiee',
      description: 'Absent lundi',
    });
    expect(incident.personId).toBe(person.id);
    await expectRefused(ctx, () => reportIncidentToJap(ctx, incident.id, '2026-11-19'), /ne peut précéder l’incident/);
    await expectRefused(ctx, () => reportIncidentToJap(ctx, incident.id, '2026-11-26'), /ne peut être daté dans le futur/);
    expect((await reportIncidentToJap(ctx, incident.id, '2026-11-21')).reportedToJapOn).toBe('2026-11-21');
    await removeIncident(ctx, incident.id);
    expect((await ctx.db.incidents.get(incident.id))?.deleted).toBe(true);
  });

  it('refuses a future date, another measure’s placement and a change of measure', async () => {
    const ctx = await testContext();
    const { measure, placement } = await seedPlacement(ctx);
    const other = await seedMeasure(ctx, { caseNumber: 'B-1' });
    await expectRefused(
      ctx,
      () => createIncident(ctx, { measureId: measure.id, date: '2026-11-26', kind: 'retard', description: 'x' }),
      /ne peut être daté dans le futur/,
    );
    await expectRefused(
      ctx,
      () => createIncident(ctx, { measureId: other.measure.id, placementId: placement.id, date: '2026-11-20', kind: 'retard', description: 'x' }),
      /relève d’une autre mesure/,
    );
    const incident = await createIncident(ctx, { measureId: measure.id, date: '2026-11-20', kind: 'comportement', description: 'Propos déplacés' });
    await expectRefused(ctx, () => updateIncident(ctx, incident.id, { measureId: other.measure.id }), /reste attaché à sa mesure/);
    await expectRefused(
      ctx,
      () => createIncident(ctx, { measureId: measure.id, date: '2026-11-20', kind: 'retard', description: '  ' }),
      /Description : champ obligatoire/,
    );
  });

  it('corrects an incident under the rules of its creation, and logs only what changed', async () => {
    const ctx = await testContext();
    const { measure, placement, post } = await seedPlacement(ctx);
    const other = await seedMeasure(ctx, { caseNumber: 'B-1' });
    const otherPlacement = await createPlacement(ctx, { measureId: other.measure.id, postId: post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
    const incident = await createIncident(ctx, {
      measureId: measure.id,
      placementId: placement.id,
      date: '2026-11-20',
      kind: 'retard',
      description: 'Arrivé à 10 h',
    });
    await expectRefused(ctx, () => updateIncident(ctx, incident.id, { date: '2026-11-26' }), /ne peut être daté dans le futur/);
    await expectRefused(ctx, () => updateIncident(ctx, incident.id, { placementId: otherPlacement.id }), /relève d’une autre mesure/);
    await expectRefused(ctx, () => updateIncident(ctx, incident.id, { description: ' ' }), /Description : champ obligatoire/);
    await expectRefused(ctx, () => updateIncident(ctx, incident.id, { reportedToJapOn: '2026-11-19' }), /ne peut précéder l’incident/);
    await reportIncidentToJap(ctx, incident.id, '2026-11-21');
    // Moving the incident after its report would put the report before it.
    await expectRefused(ctx, () => updateIncident(ctx, incident.id, { date: '2026-11-22' }), /ne peut précéder l’incident/);

    // The form sends every field: an emptied placement or report date is cleared.
    const corrected = await updateIncident(ctx, incident.id, {
      measureId: measure.id,
      date: '2026-11-19',
      kind: 'absence_injustifiee',
      placementId: undefined,
      description: 'Absent toute la matinée',
      reportedToJapOn: undefined,
    });
    expect(corrected).toMatchObject({ date: '2026-11-19', kind: 'absence_injustifiee', description: 'Absent toute la matinée' });
    expect(corrected.placementId).toBeUndefined();
    expect(corrected.reportedToJapOn).toBeUndefined();
    const last = (await ctx.db.changes.where({ entity: 'incident', recordId: incident.id }).toArray()).at(-1)!;
    expect(last.op).toBe('update');
    expect(last.fields).toEqual({
      date: '2026-11-19',
      kind: 'absence_injustifiee',
      placementId: null,
      description: 'Absent toute la matinée',
      reportedToJapOn: null,
    });
  });
});
