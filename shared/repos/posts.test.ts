import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused, seedHost, seedMeasure, seedPlacement } from '../../test/support/tig.ts';
import { createPlacement } from './placements.ts';
import { createPost, getPost, habilitationWarning, listPosts, removePost, searchPosts, updatePost } from './posts.ts';
import { updateHabilitation, withdrawHabilitation } from './habilitations.ts';
import { endPlacement } from './placements.ts';
import { removeTutor } from './tutors.ts';
import { createTutor } from './tutors.ts';
import { withSiretKey } from '../rules/siret.ts';
import type { PostInput } from '../schemas/post.ts';

describe('posts in the repository', () => {
  it('takes tutors of its own organisation only', async () => {
    const ctx = await testContext();
    const { organisation, post } = await seedHost(ctx);
    const other = await seedHost(ctx, { name: 'Autre', siret: withSiretKey('7820123400001') });
    await expectRefused(ctx, () => updatePost(ctx, post.id, { tutorIds: [other.tutor.id] }), /Claire Morel n’appartient pas à la structure du poste/);
    const second = await createTutor(ctx, { organisationId: organisation.id, lastName: 'Petit', firstName: 'Luc', trained: false });
    await expectRefused(ctx, () => updatePost(ctx, post.id, { tutorIds: [second.id, second.id] }), /désigné deux fois/);
    expect((await updatePost(ctx, post.id, { tutorIds: [second.id] })).tutorIds).toEqual([second.id]);
    await expectRefused(ctx, () => updatePost(ctx, post.id, { organisationId: other.organisation.id }), /reste attaché à sa structure/);
  });

  it('refuses a capacity below the persons already placed together', async () => {
    const ctx = await testContext();
    const { post } = await seedPlacement(ctx);
    const second = await seedMeasure(ctx, { caseNumber: 'B-2' });
    await createPlacement(ctx, { measureId: second.measure.id, postId: post.id, startDate: '2027-01-01', plannedEnd: '2027-02-28' });
    await expectRefused(ctx, () => updatePost(ctx, post.id, { capacity: 1 }), /Capacité : 2 personnes seront placées ensemble le 01\/01\/2027/);
    await updatePost(ctx, post.id, { capacity: 3 });
  });

  it('is deactivated, not deleted, once it served', async () => {
    const ctx = await testContext();
    const { post } = await seedPlacement(ctx);
    await expectRefused(ctx, () => removePost(ctx, post.id), /a servi à des mises en situation : désactivez-le/);
    expect((await updatePost(ctx, post.id, { active: false })).active).toBe(false);
  });

  it('is searched by domain, département, commune, openness to minors and free places', async () => {
    const ctx = await testContext();
    const { post, organisation, tutor } = await seedPlacement(ctx);
    const base: PostInput = { ...post, tutorIds: [tutor.id] };
    await createPost(ctx, { ...base, title: 'Cuisine', domain: 'restauration', capacity: 1, openToMinors: false });
    await createPost(ctx, { ...base, title: 'Archives', domain: 'administratif', communeName: 'Metz', departement: '57', organisationId: organisation.id });
    await createPost(ctx, { ...base, title: 'Ancien poste', active: false });
    const titles = async (search: Parameters<typeof searchPosts>[1]) => (await searchPosts(ctx, search)).map((p) => p.title).sort();
    expect(await titles({ domain: 'espaces_verts' })).toEqual(['Entretien des espaces verts']);
    expect(await titles({ departement: '57' })).toEqual(['Archives']);
    expect(await titles({ communeName: 'NANCY ' })).toEqual(['Cuisine', 'Entretien des espaces verts']);
    expect(await titles({ openToMinors: false })).toEqual(['Cuisine']);
    const row = (await searchPosts(ctx, { domain: 'espaces_verts', on: '2026-11-25' }))[0];
    expect(row).toMatchObject({
      organisationName: 'Association Les Jardins du Cœur',
      tutorNames: ['Claire Morel'],
      freePlaces: 1,
      organisationHabilitation: { status: 'valide' },
    });
    expect((await searchPosts(ctx, { domain: 'espaces_verts', on: '2027-04-01' }))[0]?.freePlaces).toBe(2);
    expect(await titles({ minFreePlaces: 2, on: '2026-12-01' })).toEqual(['Archives']);
    expect(await titles({ minFreePlaces: 2, on: '2027-03-31', until: '2027-04-15' })).toEqual(['Archives']);
    expect(await titles({ minFreePlaces: 2, on: '2027-04-01', until: '2027-04-15' })).toEqual(['Archives', 'Entretien des espaces verts']);
    expect((await listPosts(ctx)).map((p) => p.title).sort()).toEqual(['Ancien poste', 'Archives', 'Cuisine', 'Entretien des espaces verts']);
  });

  it('offers for a placement only the posts of hosts that may take one on its start: none withdrawn, expired or not yet habilitated', async () => {
    const ctx = await testContext();
    const { habilitation } = await seedHost(ctx);
    await seedHost(ctx, { name: 'Mairie de Laxou', kind: 'collectivite_territoriale', siret: undefined }, { title: 'Voirie' });
    const lapsed = await seedHost(ctx, { name: 'Club de foot', siret: undefined }, { title: 'Buvette' });
    await updateHabilitation(ctx, lapsed.habilitation!.id, { validUntil: '2026-06-30' });
    await withdrawHabilitation(ctx, habilitation!.id, '2026-11-20');
    const offered = async (on: string) => (await searchPosts(ctx, { on, habilitatedOnly: true })).map((p) => p.title).sort();
    expect(await offered('2026-11-25')).toEqual(['Voirie']);
    expect(await offered('2026-06-01')).toEqual(['Buvette', 'Entretien des espaces verts', 'Voirie']);
    expect((await searchPosts(ctx, { on: '2026-11-25' })).map((p) => p.title).sort()).toEqual(['Buvette', 'Entretien des espaces verts', 'Voirie']);
  });

  it('warns when a placement would run past the host’s habilitation, with its last valid day', async () => {
    const ctx = await testContext();
    const { post } = await seedHost(ctx);
    expect(await habilitationWarning(ctx, post.id, '2028-10-01', '2028-12-31')).toBeUndefined();
    expect(await habilitationWarning(ctx, post.id, '2028-10-01', '2029-01-31')).toBe(
      'L’habilitation de « Association Les Jardins du Cœur » n’est valable que jusqu’au 31/12/2028, avant la fin prévue de la mise en situation : sans renouvellement, aucune heure ne pourra y être saisie après cette date.',
    );
  });

  it('gives the post page: organisation, tutors, free places on a date and every placement, latest first', async () => {
    const ctx = await testContext();
    const { post, organisation, tutor, placement } = await seedPlacement(ctx);
    const second = await seedMeasure(ctx, { lastName: 'Durand', firstName: 'Inès', caseNumber: 'B-2' });
    const later = await createPlacement(ctx, { measureId: second.measure.id, postId: post.id, startDate: '2027-01-01', plannedEnd: '2027-02-28' });
    const detail = await getPost(ctx, post.id, { on: '2027-01-15' });
    expect(detail).toMatchObject({ organisation: { id: organisation.id }, organisationHabilitation: { status: 'valide' }, freePlaces: 0 });
    expect(detail?.tutors.map((t) => t.id)).toEqual([tutor.id]);
    expect(detail?.placements.map((p) => [p.id, p.personName])).toEqual([
      [later.id, 'DURAND Inès'],
      [placement.id, 'LEFÈVRE Julien'],
    ]);
    await endPlacement(ctx, placement.id, '2026-11-25', 'terminee');
    expect((await getPost(ctx, post.id, { on: '2027-01-15' }))?.freePlaces).toBe(1);
    expect((await getPost(ctx, post.id, { on: '2027-03-15' }))?.freePlaces).toBe(2);
    const bare = await createPost(ctx, { ...post, tutorIds: [], title: 'Sans tuteur' });
    await expectRefused(ctx, () => removeTutor(ctx, tutor.id), /retirez-le de ce poste/);
    expect((await getPost(ctx, bare.id))?.tutors).toEqual([]);
    await removePost(ctx, bare.id);
    expect(await getPost(ctx, bare.id)).toBeUndefined();
  });
});

describe('closing a post to minors', () => {
  it('is refused while a person who was a minor at the start of the placement holds a place on it', async () => {
    const ctx = await testContext();
    const { post } = await seedHost(ctx);
    const adult = await seedMeasure(ctx, { caseNumber: 'A-1' });
    await createPlacement(ctx, { measureId: adult.measure.id, postId: post.id, startDate: '2026-11-02', plannedEnd: '2027-01-29' });
    // An adult's placement does not keep the post open to minors.
    await updatePost(ctx, post.id, { openToMinors: false });
    await updatePost(ctx, post.id, { openToMinors: true });
    // 17 on 2 November 2026, 18 on 1 June 2027: a minor at the start, whatever the age today.
    const minor = await seedMeasure(ctx, { lastName: 'Petit', firstName: 'Léo', birthDate: '2009-06-01', caseNumber: 'M-1' });
    const placement = await createPlacement(ctx, { measureId: minor.measure.id, postId: post.id, startDate: '2026-11-02', plannedEnd: '2027-06-30' });
    const error = await expectRefused(
      ctx,
      () => updatePost(ctx, post.id, { openToMinors: false }),
      /^Léo PETIT, qui avait moins de 18 ans au début de sa mise en situation le 02\/11\/2026, occupe une place sur ce poste : il reste ouvert aux mineurs/,
    );
    expect(error.issues[0]?.path).toBe('openToMinors');
    await endPlacement(ctx, placement.id, '2026-11-20', 'interrompue');
    expect((await updatePost(ctx, post.id, { openToMinors: false })).openToMinors).toBe(false);
  });
});
