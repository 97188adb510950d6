import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { seedPlacement } from '../../test/support/tig.ts';
import { measureFile } from './documents.ts';
import { addHourLog, deleteHourLog } from './hourLogs.ts';
import { createIncident, removeIncident } from './incidents.ts';
import { createPlacement } from './placements.ts';
import { createPost } from './posts.ts';
import { withdrawHabilitation } from './habilitations.ts';
import { moveToBin } from './bin.ts';

describe('the measure file the documents print', () => {
  it('gathers the person, the placements with their host, the hours and incidents, live records only, in date order', async () => {
    const ctx = await testContext();
    const seeded = await seedPlacement(ctx, {}, { hoursOrdered: 20 });
    const { measure, person, placement, post, organisation, tutor } = seeded;
    const log = (date: string, hours: number, placementId = placement.id) =>
      addHourLog(ctx, { measureId: measure.id, personId: person.id, placementId, date, hours, confirmedByTutor: true });
    const second = await createPost(ctx, { ...post, title: 'Tri des dons', tutorIds: [tutor.id] });
    const earlier = await createPlacement(ctx, { measureId: measure.id, postId: second.id, startDate: '2026-09-01', plannedEnd: '2026-09-30' });
    await log('2026-11-04', 4);
    await log('2026-09-10', 3, earlier.id);
    const mistake = await log('2026-11-05', 2);
    await deleteHourLog(ctx, mistake.id);
    await createIncident(ctx, { measureId: measure.id, date: '2026-11-06', kind: 'retard', description: 'Retard' });
    const gone = await createIncident(ctx, { measureId: measure.id, date: '2026-11-01', kind: 'autre', description: 'Erreur' });
    await removeIncident(ctx, gone.id);
    await createIncident(ctx, { measureId: measure.id, placementId: placement.id, date: '2026-10-20', kind: 'comportement', description: 'Propos' });

    const file = await measureFile(ctx, measure.id);
    expect(file?.person.id).toBe(person.id);
    expect(file?.hoursDone).toBe(7);
    expect(file?.hourLogs.map((l) => l.date)).toEqual(['2026-09-10', '2026-11-04']);
    expect(file?.incidents.map((i) => i.date)).toEqual(['2026-10-20', '2026-11-06']);
    expect(file?.placements.map((p) => p.placement.id)).toEqual([earlier.id, placement.id]);
    const current = file!.placements[1]!;
    expect(current.post?.title).toBe('Entretien des espaces verts');
    expect(current.organisation?.id).toBe(organisation.id);
    expect(current.tutors.map((t) => t.id)).toEqual([tutor.id]);
    expect(current.habilitation?.status).toBe('valide');
    expect(file?.deadline).toEqual({ deadline: '2028-01-01', daysRemaining: 402, flagged: false, passed: false });
  });

  it('gives the habilitation as it stood on each placement’s start date', async () => {
    const ctx = await testContext();
    const { measure, habilitation } = await seedPlacement(ctx);
    await withdrawHabilitation(ctx, habilitation!.id, '2026-11-20');
    expect((await measureFile(ctx, measure.id))!.placements[0]!.habilitation).toEqual({ status: 'expire_bientot', until: '2026-11-19' });
  });

  it('is undefined for a deleted or unknown measure', async () => {
    const ctx = await testContext();
    const { measure } = await seedPlacement(ctx);
    await moveToBin(ctx, 'measure', measure.id);
    expect(await measureFile(ctx, measure.id)).toBeUndefined();
    expect(await measureFile(ctx, '01890000-0000-7000-8000-000000000000')).toBeUndefined();
  });
});
