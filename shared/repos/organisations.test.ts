import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { associationInput, expectRefused, seedHost, seedPlacement } from '../../test/support/tig.ts';
import { historyOf } from './changes.ts';
import { createHabilitation, removeHabilitation, updateHabilitation, withdrawHabilitation } from './habilitations.ts';
import { createAgreement, removeAgreement } from './agreements.ts';
import { createPartner } from './partners.ts';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './organisations.ts';
import { createTutor, removeTutor, updateTutor } from './tutors.ts';
import { withSiretKey } from '../rules/siret.ts';
import { deleteFromBin, moveToBin } from './bin.ts';

describe('organisations, habilitations and tutors in the repository', () => {
  it('refuses a name on more than one line, with a control character or a direction mark', async () => {
    const ctx = await testContext();
    for (const name of ['Mairie\nde Nancy', 'Mairie\u0007', 'Mairie \u202egpj.exe']) {
      await expectRefused(
        ctx,
        () => createOrganisation(ctx, { ...associationInput, name }),
        /Nom de la structure : retour à la ligne et caractères de contrôle interdits/,
      );
    }
    expect((await createOrganisation(ctx, { ...associationInput, name: 'Mairie de Saint-Dié-des-Vosges (88)' })).name).toBe(
      'Mairie de Saint-Dié-des-Vosges (88)',
    );
  });

  it('refuses a SIRET already used by another organisation', async () => {
    const ctx = await testContext();
    await createOrganisation(ctx, associationInput);
    await expectRefused(
      ctx,
      () => createOrganisation(ctx, { ...associationInput, name: 'Autre', siret: '215 403 954 00013' }),
      /Le SIRET 21540395400013 est déjà celui de la structure « Association Les Jardins du Cœur »/,
    );
    const other = await createOrganisation(ctx, { ...associationInput, name: 'Autre', siret: withSiretKey('7820123400001') });
    await expectRefused(ctx, () => updateOrganisation(ctx, other.id, { siret: associationInput.siret }), /déjà celui/);
    await updateOrganisation(ctx, other.id, { contactName: 'Mme Roux' });
  });

  it('refuses to delete an organisation with posts; moves one without to the bin with its habilitations and tutors', async () => {
    const ctx = await testContext();
    const { organisation, habilitation, tutor, post } = await seedHost(ctx);
    await expectRefused(ctx, () => moveToBin(ctx, 'organisation', organisation.id), /a encore 1 poste : supprimez-le d’abord/);
    await moveToBin(ctx, 'post', post.id);
    await moveToBin(ctx, 'organisation', organisation.id);
    expect(await listOrganisations(ctx)).toEqual([]);
    await deleteFromBin(ctx, 'organisation', organisation.id);
    for (const [entity, id] of [
      ['organisation', organisation.id],
      ['habilitation', habilitation!.id],
      ['tutor', tutor.id],
    ] as const) {
      expect((await historyOf(ctx, entity, id)).map((c) => c.op)).toEqual(['create', 'update', 'delete']);
    }
  });

  it('records no habilitation for a public body', async () => {
    const ctx = await testContext();
    const hospital = await createOrganisation(ctx, { ...associationInput, kind: 'organisme_public', name: 'CHU de Nancy' });
    await expectRefused(
      ctx,
      () => createHabilitation(ctx, { organisationId: hospital.id, decisionDate: '2024-01-01', validFrom: '2024-01-01' }),
      /« CHU de Nancy » est une personne morale de droit public/,
    );
  });

  it('shows each organisation’s habilitation status', async () => {
    const ctx = await testContext();
    const { organisation, habilitation } = await seedHost(ctx);
    const soon = await createOrganisation(ctx, {
      ...associationInput,
      name: 'Régie des transports de Laxou',
      kind: 'prive_mission_service_public',
      siret: withSiretKey('2154030400001'),
    });
    await createHabilitation(ctx, { organisationId: soon.id, decisionDate: '2021-12-01', validFrom: '2022-01-01', validUntil: '2027-01-10' });
    const none = await createOrganisation(ctx, { ...associationInput, name: 'Club de foot', siret: undefined });
    const hospital = await createOrganisation(ctx, { ...associationInput, kind: 'organisme_public', name: 'CHU', siret: undefined });
    const town = await createOrganisation(ctx, { ...associationInput, kind: 'collectivite_territoriale', name: 'Mairie de Laxou', siret: undefined });
    await withdrawHabilitation(ctx, habilitation!.id, '2026-10-01');
    const rows = await listOrganisations(ctx);
    const status = (id: string) => rows.find((r) => r.id === id)?.habilitation;
    expect(status(organisation.id)).toEqual({ status: 'retiree', until: '2026-10-01' });
    expect(status(soon.id)).toEqual({ status: 'expire_bientot', until: '2027-01-10' });
    expect(status(none.id)).toEqual({ status: 'aucune' });
    expect(status(hospital.id)).toEqual({ status: 'non_requise' });
    expect(status(town.id)).toEqual({ status: 'non_requise' });
    expect(rows.find((r) => r.id === organisation.id)).toMatchObject({ postCount: 1, activePostCount: 1, tutorCount: 1 });
    const detail = await getOrganisation(ctx, organisation.id);
    expect(detail?.habilitations).toHaveLength(1);
    await removeHabilitation(ctx, habilitation!.id);
    expect((await getOrganisation(ctx, organisation.id))?.habilitation).toEqual({ status: 'aucune' });
  });

  it('refuses a habilitation decision dated in the future, as every other decision', async () => {
    const ctx = await testContext();
    const { organisation, habilitation } = await seedHost(ctx);
    const future = { organisationId: organisation.id, decisionDate: '2026-11-26', validFrom: '2027-01-01' };
    await expectRefused(ctx, () => createHabilitation(ctx, future), 'La date de la décision d’habilitation ne peut être dans le futur');
    await expectRefused(ctx, () => updateHabilitation(ctx, habilitation!.id, { decisionDate: '2026-12-01' }), /ne peut être dans le futur/);
    // Decided today, valid from a later day: a habilitation yet to come is allowed.
    await createHabilitation(ctx, { ...future, decisionDate: '2026-11-25' });
  });

  it('keeps a habilitation and a tutor attached to their organisation', async () => {
    const ctx = await testContext();
    const { habilitation, tutor } = await seedHost(ctx);
    const other = await createOrganisation(ctx, { ...associationInput, name: 'Autre', siret: undefined });
    await expectRefused(ctx, () => updateHabilitation(ctx, habilitation!.id, { organisationId: other.id }), /reste attachée à sa structure/);
    await expectRefused(ctx, () => updateTutor(ctx, tutor.id, { organisationId: other.id }), /reste attaché à sa structure/);
    await expectRefused(
      ctx,
      () => updateHabilitation(ctx, habilitation!.id, { validUntil: '2023-01-01' }),
      /La fin de validité doit suivre le début de validité/,
    );
    await expectRefused(
      ctx,
      () => createTutor(ctx, { organisationId: other.id, lastName: 'Roux', firstName: 'Ali', trained: false, trainedOn: '2024-01-01' }),
      /seulement pour un tuteur formé/,
    );
  });

  it('refuses to delete a tutor named on a post', async () => {
    const ctx = await testContext();
    const { tutor } = await seedPlacement(ctx);
    await expectRefused(ctx, () => removeTutor(ctx, tutor.id), /Claire Morel est tuteur du poste « Entretien des espaces verts »/);
  });
});

describe('the agreement an organisation names', () => {
  it('exists and is not deleted', async () => {
    const ctx = await testContext();
    const partner = await createPartner(ctx, { name: 'Ville de Nancy', kind: 'collectivite', scope: 'local' });
    const agreement = await createAgreement(ctx, {
      partnerId: partner.id,
      kind: 'convention_locale',
      signedOn: '2025-02-01',
      validFrom: '2025-02-01',
      scope: ['tig'],
    });
    const gone = await createAgreement(ctx, {
      partnerId: partner.id,
      kind: 'convention_locale',
      signedOn: '2024-02-01',
      validFrom: '2024-02-01',
      scope: ['tnr'],
    });
    await removeAgreement(ctx, gone.id);
    const missing = '0190b7a0-0000-7000-8000-00000000dead';
    for (const agreementId of [missing, gone.id, partner.id]) {
      const error = await expectRefused(
        ctx,
        () => createOrganisation(ctx, { ...associationInput, agreementId }),
        /^Accord de rattachement introuvable ou supprimé/,
      );
      expect(error.issues[0]?.path).toBe('agreementId');
    }
    const organisation = await createOrganisation(ctx, { ...associationInput, agreementId: agreement.id });
    await expectRefused(ctx, () => updateOrganisation(ctx, organisation.id, { agreementId: gone.id }), /introuvable ou supprimé/);
    expect((await updateOrganisation(ctx, organisation.id, { agreementId: undefined })).agreementId).toBeUndefined();
  });
});
