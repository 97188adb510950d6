import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused, measureInput, seedHost, seedMeasure, seedPlacement } from '../../test/support/tig.ts';
import { historyOf } from './changes.ts';
import { withdrawHabilitation } from './habilitations.ts';
import { addHourLog } from './hourLogs.ts';
import { createIncident } from './incidents.ts';
import { createMeasure, revokeMeasure, suspendMeasure } from './measures.ts';
import { createPerson } from './persons.ts';
import { createPlacement, endPlacement, updatePlacement } from './placements.ts';
import { updatePost } from './posts.ts';
import { withSiretKey } from '../rules/siret.ts';
import { moveToBin } from './bin.ts';

describe('placement rules in the repository', () => {
  it('places a person, starts the measure and logs both writes', async () => {
    const { ctx, measure, placement } = await withContext(seedPlacement);
    expect(placement).toMatchObject({ status: 'en_cours', personId: measure.personId });
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
    expect((await historyOf(ctx, 'measure', measure.id)).map((c) => [c.op, c.fields])).toEqual([
      ['create', expect.objectContaining({ status: 'a_affecter' })],
      ['update', { status: 'en_cours' }],
    ]);
    const future = await createPlacement(ctx, { measureId: measure.id, postId: placement.postId, startDate: '2026-12-01', plannedEnd: '2026-12-31' });
    expect(future.status).toBe('prevue');
  });

  it('refuses an inactive post', async () => {
    const { ctx, host, measure } = await ready();
    await updatePost(ctx, host.post.id, { active: false });
    await expectRefused(ctx, () => createPlacement(ctx, placementOn(host.post.id, measure.id)), /Le poste « Entretien des espaces verts » est inactif/);
  });

  it('refuses a post when its busiest day is full, even if the first day has room', async () => {
    const { ctx, host } = await ready();
    // Capacity 2: A from 5 to 12 March, B from 10 to 20 March; nobody on 1 March, but two on 10 March.
    const a = await otherMeasure(ctx, '2026/A');
    const b = await otherMeasure(ctx, '2026/B');
    await createPlacement(ctx, { measureId: a, postId: host.post.id, startDate: '2027-03-05', plannedEnd: '2027-03-12' });
    await createPlacement(ctx, { measureId: b, postId: host.post.id, startDate: '2027-03-10', plannedEnd: '2027-03-20' });
    const c = await otherMeasure(ctx, '2026/C');
    await expectRefused(
      ctx,
      () => createPlacement(ctx, { measureId: c, postId: host.post.id, startDate: '2027-03-01', plannedEnd: '2027-03-31' }),
      /^Le poste est complet le 10\/03\/2027 : 2 personnes déjà placées pour 2 places$/,
    );
    await createPlacement(ctx, { measureId: c, postId: host.post.id, startDate: '2027-03-13', plannedEnd: '2027-03-31' });
  });

  it('frees the place of an ended placement from the next day', async () => {
    const { ctx, post, placement } = await withContext(seedPlacement);
    await updatePost(ctx, post.id, { capacity: 1 });
    const other = await otherMeasure(ctx, '2026/B');
    await expectRefused(
      ctx,
      () => createPlacement(ctx, { measureId: other, postId: post.id, startDate: '2026-11-25', plannedEnd: '2026-12-31' }),
      /complet le 25\/11\/2026/,
    );
    const ended = await endPlacement(ctx, placement.id, '2026-11-24', 'interrompue');
    expect(ended).toMatchObject({ status: 'interrompue', plannedEnd: '2027-03-31', endedOn: '2026-11-24' });
    await createPlacement(ctx, { measureId: other, postId: post.id, startDate: '2026-11-25', plannedEnd: '2026-12-31' });
  });

  it('refuses a host whose habilitation is not valid on the start date', async () => {
    const { ctx, host, measure } = await ready();
    await withdrawHabilitation(ctx, host.habilitation!.id, '2026-11-01');
    await expectRefused(
      ctx,
      () => createPlacement(ctx, placementOn(host.post.id, measure.id)),
      /La structure « Association Les Jardins du Cœur » n’est pas habilitée pour le TIG le 02\/11\/2026/,
    );
    // Before the withdrawal it was valid.
    await createPlacement(ctx, { measureId: measure.id, postId: host.post.id, startDate: '2026-10-01', plannedEnd: '2026-10-31' });
  });

  it('needs no habilitation from a public body', async () => {
    const ctx = await testCtx();
    const host = await seedHost(ctx, { kind: 'organisme_public', name: 'Centre hospitalier', siret: withSiretKey('2654000150001') });
    expect(host.habilitation).toBeUndefined();
    const { measure } = await seedMeasure(ctx);
    await createPlacement(ctx, placementOn(host.post.id, measure.id));
  });

  it('keeps minors off posts not open to minors', async () => {
    const ctx = await testCtx();
    const host = await seedHost(ctx, {}, { openToMinors: false });
    const { measure } = await seedMeasure(ctx, { birthDate: '2009-06-01' }, { offenceDate: '2026-01-10' });
    await expectRefused(
      ctx,
      () => createPlacement(ctx, placementOn(host.post.id, measure.id)),
      /mineure le 02\/11\/2026 \(17 ans\) : ce poste n’est pas ouvert aux mineurs/,
    );
    await updatePost(ctx, host.post.id, { openToMinors: true });
    await createPlacement(ctx, placementOn(host.post.id, measure.id));
  });

  it('refuses a post without tutor', async () => {
    const ctx = await testCtx();
    const host = await seedHost(ctx);
    await updatePost(ctx, host.post.id, { tutorIds: [] });
    const { measure } = await seedMeasure(ctx);
    await expectRefused(ctx, () => createPlacement(ctx, placementOn(host.post.id, measure.id)), /n’a pas de tuteur/);
  });

  it('refuses a measure that ended or is suspended, and dates outside its period', async () => {
    const { ctx, host, measure } = await ready();
    await expectRefused(
      ctx,
      () => createPlacement(ctx, { ...placementOn(host.post.id, measure.id), startDate: '2026-06-30' }),
      /avant le début du délai d’exécution \(01\/07\/2026\)/,
    );
    await expectRefused(
      ctx,
      () => createPlacement(ctx, { ...placementOn(host.post.id, measure.id), plannedEnd: '2028-01-02' }),
      /au plus tard à l’échéance de la mesure \(01\/01\/2028\)/,
    );
    await suspendMeasure(ctx, measure.id, { from: '2026-11-20', reason: 'Incarcération' });
    await expectRefused(ctx, () => createPlacement(ctx, placementOn(host.post.id, measure.id)), /La mesure est suspendue/);
    const other = await otherMeasure(ctx, '2026/B');
    await revokeMeasure(ctx, other, '2026-11-20');
    await expectRefused(ctx, () => createPlacement(ctx, placementOn(host.post.id, other)), /La mesure a pris fin le 20\/11\/2026/);
  });

  it('checks changed dates again, setting the placement itself aside', async () => {
    const { ctx, post, placement } = await withContext(seedPlacement);
    await updatePost(ctx, post.id, { capacity: 1 });
    await updatePlacement(ctx, placement.id, { plannedEnd: '2027-05-31' });
    const other = await otherMeasure(ctx, '2026/B');
    await createPlacement(ctx, { measureId: other, postId: post.id, startDate: '2027-06-01', plannedEnd: '2027-06-30' });
    await expectRefused(ctx, () => updatePlacement(ctx, placement.id, { plannedEnd: '2027-06-15' }), /complet le 01\/06\/2027/);
    await addHourLog(ctx, {
      measureId: placement.measureId,
      personId: placement.personId,
      placementId: placement.id,
      date: '2026-10-05',
      hours: 4,
      confirmedByTutor: true,
    });
    await expectRefused(
      ctx,
      () => updatePlacement(ctx, placement.id, { startDate: '2026-10-06' }),
      /Des heures sont saisies le 05\/10\/2026, en dehors des nouvelles dates/,
    );
    await expectRefused(ctx, () => updatePlacement(ctx, placement.id, { postId: post.organisationId }), /reste attachée/);
  });

  it('refuses to delete a placement with hours or incidents, deletes one without', async () => {
    const { ctx, placement, measure } = await withContext(seedPlacement);
    await createIncident(ctx, { measureId: measure.id, placementId: placement.id, date: '2026-10-03', kind: 'retard', description: 'Arrivé à 10 h' });
    await expectRefused(ctx, () => moveToBin(ctx, 'placement', placement.id), /Des incidents sont enregistrés sur cette mise en situation/);
    const second = await createPlacement(ctx, { measureId: measure.id, postId: placement.postId, startDate: '2027-01-01', plannedEnd: '2027-01-31' });
    await moveToBin(ctx, 'placement', second.id);
    expect((await ctx.db.placements.get(second.id))?.binned).toMatchObject({ root: second.id });
  });
});

const testCtx = () => testContext();

async function withContext<T>(seed: (ctx: Awaited<ReturnType<typeof testCtx>>) => Promise<T>) {
  const ctx = await testCtx();
  return { ctx, ...(await seed(ctx)) };
}

async function ready() {
  const ctx = await testCtx();
  const host = await seedHost(ctx);
  const { measure } = await seedMeasure(ctx);
  return { ctx, host, measure };
}

function placementOn(postId: string, measureId: string) {
  return { measureId, postId, startDate: '2026-11-02', plannedEnd: '2027-02-28' };
}

let counter = 0;
async function otherMeasure(ctx: Awaited<ReturnType<typeof testCtx>>, caseNumber: string): Promise<string> {
  counter++;
  const person = await createPerson(ctx, { lastName: 'Autre', firstName: `Personne ${counter}`, birthDate: '1985-02-02', caseNumber });
  return (await createMeasure(ctx, measureInput(person.id))).id;
}
