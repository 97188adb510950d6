import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { listAgreements, removeAgreement } from './agreements.ts';
import { listPartners, updatePartner } from './partners.ts';
import type { SiteSetupInput } from '../schemas/site.ts';
import { installNationalReference, nationalAgreementCounts, nationalAgreements, nationalPartners } from './nationalPartners.ts';

const headquarters: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

describe('national reference list', () => {
  it('holds what the public texts state: 34 agreements of 12 November 2019 as a count, seven of 20 November 2024 by name, the ECTI convention', () => {
    expect(nationalAgreementCounts).toEqual([expect.objectContaining({ signedOn: '2019-11-12', count: 34, kind: 'accord_cadre_national' })]);
    const signed2024 = nationalAgreements.filter((a) => a.signedOn === '2024-11-20');
    expect(signed2024.map((a) => a.partnerKey)).toEqual(['ratp', 'ush', 'laposte', 'sncf', 'enedis', 'ffe', 'jcdecaux']);
    expect(signed2024.every((a) => a.kind === 'accord_cadre_national')).toBe(true);
    const ecti = nationalAgreements.find((a) => a.partnerKey === 'ecti');
    expect(ecti).toMatchObject({ kind: 'convention_objectifs', signedOn: '2025-06-25', validFrom: '2025-01-01', validUntil: '2030-12-31' });
  });

  it('installs into the headquarters database as headquarters-authored records, once', async () => {
    const ctx = await testContext(headquarters);
    expect(await installNationalReference(ctx)).toEqual({ partnersCreated: nationalPartners.length, agreementsCreated: 8 });
    const partners = await listPartners(ctx);
    expect(partners).toHaveLength(12);
    expect(partners.every((p) => p.scope === 'national')).toBe(true);
    const identity = (await ctx.db.meta.get('identity'))!.value as { siteId: string };
    expect(partners.every((p) => p.siteId === identity.siteId)).toBe(true);
    const ecti = partners.find((p) => p.name === 'ECTI')!;
    expect((await listAgreements(ctx, { partnerId: ecti.id })).map((a) => a.kind)).toEqual(['convention_objectifs']);
    expect(await ctx.db.changes.count()).toBe(20);
    expect(await installNationalReference(ctx)).toEqual({ partnersCreated: 0, agreementsCreated: 0 });
    expect(await ctx.db.changes.count()).toBe(20);
  });

  it('completes a list that headquarters already began, without duplicating what it has', async () => {
    const ctx = await testContext(headquarters);
    await installNationalReference(ctx);
    const laPoste = (await listPartners(ctx)).find((p) => p.name === 'Groupe La Poste')!;
    const agreement = (await listAgreements(ctx, { partnerId: laPoste.id }))[0]!;
    await removeAgreement(ctx, agreement.id);
    expect(await installNationalReference(ctx)).toEqual({ partnersCreated: 0, agreementsCreated: 1 });
  });

  it('is refused on a site, which receives the list from headquarters', async () => {
    const ctx = await testContext();
    await expect(installNationalReference(ctx)).rejects.toThrow(/s’installe au siège/);
    expect(await ctx.db.partners.count()).toBe(0);
  });

  it('stays read only once received on a site', async () => {
    const hq = await testContext(headquarters);
    await installNationalReference(hq);
    const site = await testContext();
    await site.db.partners.bulkAdd(await hq.db.partners.toArray());
    const ratp = (await listPartners(site)).find((p) => p.name.startsWith('RATP'))!;
    await expect(updatePartner(site, ratp.id, { name: 'RATP Nancy' })).rejects.toThrow(/lecture seule/);
  });
});
