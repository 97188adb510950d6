import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { receiveFromElsewhere } from '../../test/support/workshopFixtures.ts';
import type { AgreementInput } from '../schemas/agreement.ts';
import type { SiteSetupInput } from '../schemas/site.ts';
import { agreementHosts, createAgreement, hostCountsByAgreement, listAgreements, removeAgreement, updateAgreement } from './agreements.ts';
import { createPartner, listPartners, removePartner, updatePartner } from './partners.ts';
import { writeTransaction } from './writer.ts';

const headquarters: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

const accord = (partnerId: string): AgreementInput => ({
  partnerId,
  kind: 'accord_cadre_national',
  signedOn: '2024-11-20',
  validFrom: '2024-11-20',
  scope: ['tig'],
});

describe('partners', () => {
  it('lets headquarters record a national partner and its framework agreement', async () => {
    const ctx = await testContext(headquarters);
    const ratp = await createPartner(ctx, { name: 'RATP', kind: 'entreprise', scope: 'national' });
    const agreement = await createAgreement(ctx, accord(ratp.id));
    expect(await listAgreements(ctx, { partnerId: ratp.id })).toEqual([agreement]);
  });

  it('keeps national partners and framework agreements to headquarters', async () => {
    const ctx = await testContext();
    await expect(createPartner(ctx, { name: 'RATP', kind: 'entreprise', scope: 'national' })).rejects.toThrow(/tenus par le siège/);
    const local = await createPartner(ctx, { name: 'Association Les Jardins', kind: 'association', scope: 'local' });
    await expect(updatePartner(ctx, local.id, { scope: 'national' })).rejects.toThrow(/tenus par le siège/);
    await expect(createAgreement(ctx, accord(local.id))).rejects.toThrow(/signés et tenus par le siège/);
    const convention = await createAgreement(ctx, { ...accord(local.id), kind: 'convention_locale' });
    await expect(updateAgreement(ctx, convention.id, { kind: 'accord_cadre_national' })).rejects.toThrow(/signés et tenus par le siège/);
    expect((await listAgreements(ctx)).map((a) => a.kind)).toEqual(['convention_locale']);
  });

  it('signs a framework agreement only with a national partner', async () => {
    const ctx = await testContext(headquarters);
    const local = await createPartner(ctx, { name: 'Régie de quartier', kind: 'association', scope: 'local' });
    await expect(createAgreement(ctx, accord(local.id))).rejects.toThrow(/partenaire national/);
  });

  it('refuses two partners of the same name, whatever the case and accents', async () => {
    const ctx = await testContext();
    const first = await createPartner(ctx, { name: 'Régie de quartier', kind: 'association', scope: 'local' });
    await expect(createPartner(ctx, { name: '  REGIE DE QUARTIER ', kind: 'association', scope: 'local' })).rejects.toThrow(
      /déjà le nom « Régie de quartier »/,
    );
    expect(await updatePartner(ctx, first.id, { name: 'Régie de Quartier' })).toMatchObject({ name: 'Régie de Quartier' });
  });

  it('refuses an agreement that ends before it starts or covers nothing, in French', async () => {
    const ctx = await testContext();
    const partner = await createPartner(ctx, { name: 'Mairie', kind: 'collectivite', scope: 'local' });
    const base = { ...accord(partner.id), kind: 'convention_locale' as const };
    await expect(createAgreement(ctx, { ...base, validUntil: '2024-01-01' })).rejects.toThrow(/fin de validité doit suivre le début/);
    await expect(createAgreement(ctx, { ...base, scope: [] })).rejects.toThrow(/au moins une mesure ou activité/);
    await expect(createAgreement(ctx, { ...base, scope: ['tig', 'tig'] })).rejects.toThrow(/cochée deux fois/);
  });

  it('shows as local hosts the organisations that name the agreement, and keeps the agreement while they do', async () => {
    const ctx = await testContext();
    const partner = await createPartner(ctx, { name: 'Mairie de Nancy', kind: 'collectivite', scope: 'local' });
    const agreement = await createAgreement(ctx, { ...accord(partner.id), kind: 'convention_locale' });
    const [host, gone] = await writeTransaction(ctx, async (w) => [
      await w.insert('organisation', {
        name: 'Service des espaces verts',
        kind: 'collectivite_territoriale',
        communeName: 'Nancy',
        departement: '54',
        agreementId: agreement.id,
      }),
      await w.insert('organisation', {
        name: 'Bibliothèque',
        kind: 'collectivite_territoriale',
        communeName: 'Nancy',
        departement: '54',
        agreementId: agreement.id,
      }),
      await w.insert('organisation', { name: 'Association sans accord', kind: 'association', communeName: 'Nancy', departement: '54' }),
    ]);
    await writeTransaction(ctx, (w) => w.remove('organisation', gone!.id));
    expect((await agreementHosts(ctx, agreement.id)).map((o) => o.id)).toEqual([host!.id]);
    expect(await hostCountsByAgreement(ctx)).toEqual(new Map([[agreement.id, 1]]));
    await expect(removeAgreement(ctx, agreement.id)).rejects.toThrow(/1 structure d’accueil se rattache/);
    await expect(removePartner(ctx, partner.id)).rejects.toThrow(/1 accord ou convention et 0 programme/);
    await writeTransaction(ctx, (w) => w.update('organisation', host!.id, { agreementId: undefined }));
    expect(await hostCountsByAgreement(ctx)).toEqual(new Map());
    await removeAgreement(ctx, agreement.id);
    await removePartner(ctx, partner.id);
    expect(await listPartners(ctx)).toEqual([]);
  });

  it('keeps reference data received from headquarters read only on a site', async () => {
    const ctx = await testContext();
    const ecti = await receiveFromElsewhere(ctx, 'partners', { name: 'ECTI', kind: 'association', scope: 'national' });
    const convention = await receiveFromElsewhere(
      ctx,
      'agreements',
      { partnerId: ecti.id, kind: 'convention_objectifs', signedOn: '2025-06-25', validFrom: '2025-01-01', scope: ['tig'] },
      ecti.siteId,
    );
    await expect(updatePartner(ctx, ecti.id, { name: 'ECTI Lorraine' })).rejects.toThrow(
      'Partenaire : donnée de référence reçue du siège ou d’un autre site, en lecture seule ici.',
    );
    await expect(removePartner(ctx, ecti.id)).rejects.toThrow(/lecture seule/);
    await expect(updateAgreement(ctx, convention.id, { commitments: 'Autre chose' })).rejects.toThrow(/Accord ou convention : donnée de référence/);
    await expect(removeAgreement(ctx, convention.id)).rejects.toThrow(/lecture seule/);
    expect(await ctx.db.changes.count()).toBe(0);
    const local = await createAgreement(ctx, {
      partnerId: ecti.id,
      kind: 'convention_locale',
      signedOn: '2026-02-01',
      validFrom: '2026-02-01',
      scope: ['tig'],
    });
    expect(local.siteId).not.toBe(ecti.siteId);
    expect((await listPartners(ctx)).map((p) => p.name)).toEqual(['ECTI']);
  });

  it('lets headquarters edit the reference list it authored', async () => {
    const ctx = await testContext(headquarters);
    const partner = await createPartner(ctx, { name: 'La Poste', kind: 'entreprise', scope: 'national' });
    expect(await updatePartner(ctx, partner.id, { name: 'Groupe La Poste' })).toMatchObject({ name: 'Groupe La Poste' });
  });
});
