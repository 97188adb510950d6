import { describe, expect, it } from 'vitest';
import { commitImport } from '../../shared/repos/imports.ts';
import { createOrganisation, listOrganisations } from '../../shared/repos/organisations.ts';
import { createPlacement } from '../../shared/repos/placements.ts';
import { createPost } from '../../shared/repos/posts.ts';
import { applyReferenceData } from '../../shared/repos/reference.ts';
import { createTutor } from '../../shared/repos/tutors.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { referenceData } from '../../shared/sync/hqOutputs.ts';
import { keyNames } from '../../shared/sync/keys.ts';
import { testContext } from '../support/memoryDb.ts';
import { hqFixture, siteFixture } from '../support/sync.ts';
import { expectRefused, seedMeasure } from '../support/tig.ts';

/** A post with a tutor at the organisation, and a placement on it from 1 October 2026 (no habilitation recorded). */
async function place(ctx: RepoContext, organisationId: string) {
  const tutor = await createTutor(ctx, { organisationId, lastName: 'Morel', firstName: 'Claire', trained: false });
  const post = await createPost(ctx, {
    organisationId,
    tutorIds: [tutor.id],
    title: 'Entretien des espaces verts',
    domain: 'espaces_verts',
    communeName: 'Nancy',
    departement: '54',
    capacity: 2,
    openToMinors: true,
    accessiblePmr: false,
    active: true,
  });
  const { measure } = await seedMeasure(ctx, { caseNumber: `2026/${organisationId.slice(-5)}` });
  return () => createPlacement(ctx, { measureId: measure.id, postId: post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
}

async function statusOf(ctx: RepoContext, name: string) {
  return (await listOrganisations(ctx)).find((o) => o.name === name)?.habilitation.status;
}

const town = { name: 'Mairie de Laxou', kind: 'collectivite_territoriale', communeName: 'Laxou', departement: '54' } as const;
const club = { name: 'Club de foot de Laxou', kind: 'association', communeName: 'Laxou', departement: '54' } as const;

/**
 * Code pénal, art. 131-8: a collectivité territoriale, a personne morale de droit public, hosts a TIG without
 * habilitation; an association needs one. The same rule whichever way the organisation came to the site.
 */
describe('who needs a habilitation, whatever the way the organisation was created', () => {
  it('created with the form', async () => {
    const ctx = await testContext();
    const placeAtTown = await place(ctx, (await createOrganisation(ctx, town)).id);
    const placeAtClub = await place(ctx, (await createOrganisation(ctx, club)).id);
    expect(await statusOf(ctx, town.name)).toBe('non_requise');
    expect(await statusOf(ctx, club.name)).toBe('aucune');
    await placeAtTown();
    await expectRefused(ctx, placeAtClub, 'La structure « Club de foot de Laxou » n’est pas habilitée pour le TIG le 01/10/2026');
  });

  it('imported from a CSV file naming the kind by its label', async () => {
    const ctx = await testContext();
    const result = await commitImport(ctx, 'organisations', [
      { name: town.name, kind: 'Collectivité territoriale', communeName: 'Laxou', departement: '54' },
      { name: club.name, kind: 'Association', communeName: 'Laxou', departement: '54' },
    ]);
    expect(result.written).toBe(2);
    expect(await statusOf(ctx, town.name)).toBe('non_requise');
    expect(await statusOf(ctx, club.name)).toBe('aucune');
    const rows = await listOrganisations(ctx);
    await (
      await place(ctx, rows.find((o) => o.name === town.name)!.id)
    )();
    await expectRefused(ctx, await place(ctx, rows.find((o) => o.name === club.name)!.id), /n’est pas habilitée/);
  });

  it('received from headquarters in reference data, after travelling in a bundle (sync)', async () => {
    const atigip = await siteFixture({ code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip', departement: '75' });
    await createOrganisation(atigip.ctx, town);
    await createOrganisation(atigip.ctx, club);
    const hq = await hqFixture();
    // Headquarters' installation signs its own bundles with headquarters' signing key.
    await atigip.keys.put(keyNames.siteSigning, hq.keyring.signingSecret);
    expect(hq.import(await atigip.export(hq.pub))).toMatchObject({ status: 'accepted' });

    const ctx = await testContext();
    const outcome = await applyReferenceData(ctx, referenceData(hq.store, hq.keyring.signingPublic, '2026-11-25T13:00:00.000Z', ['organisation']));
    expect(outcome).toMatchObject({ applied: true, summary: { records: { organisation: 2 } } });
    expect(await statusOf(ctx, town.name)).toBe('non_requise');
    expect(await statusOf(ctx, club.name)).toBe('aucune');
    const rows = await listOrganisations(ctx);
    await (
      await place(ctx, rows.find((o) => o.name === town.name)!.id)
    )();
    await expectRefused(ctx, await place(ctx, rows.find((o) => o.name === club.name)!.id), /n’est pas habilitée/);
  });
});
