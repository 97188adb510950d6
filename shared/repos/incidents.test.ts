import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused, seedMeasure, seedPlacement } from '../../test/support/tig.ts';
import { createIncident, removeIncident, reportIncidentToJap, updateIncident } from './incidents.ts';

describe('incidents in the repository', () => {
  it('records an incident for the measure’s person and its report to the JAP', async () => {
    const ctx = await testContext();
    const { measure, placement, person } = await seedPlacement(ctx);
    const incident = await createIncident(ctx, { measureId: measure.id, placementId: placement.id, date: '2026-11-20', kind: 'absence_injustifiee', description: 'Absent lundi' });
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
    await expectRefused(ctx, () => createIncident(ctx, { measureId: measure.id, date: '2026-11-26', kind: 'retard', description: 'x' }), /ne peut être daté dans le futur/);
    await expectRefused(ctx, () => createIncident(ctx, { measureId: other.measure.id, placementId: placement.id, date: '2026-11-20', kind: 'retard', description: 'x' }), /relève d’une autre mesure/);
    const incident = await createIncident(ctx, { measureId: measure.id, date: '2026-11-20', kind: 'comportement', description: 'Propos déplacés' });
    await expectRefused(ctx, () => updateIncident(ctx, incident.id, { measureId: other.measure.id }), /reste attaché à sa mesure/);
    await expectRefused(ctx, () => createIncident(ctx, { measureId: measure.id, date: '2026-11-20', kind: 'retard', description: '  ' }), /Description : champ obligatoire/);
  });
});
