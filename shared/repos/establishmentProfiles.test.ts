import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import type { EstablishmentProfileInput } from '../schemas/establishmentProfile.ts';
import type { SiteSetupInput } from '../schemas/site.ts';
import { getLocalEstablishmentProfile, listEstablishmentProfiles, saveEstablishmentProfile } from './establishmentProfiles.ts';

const establishment: SiteSetupInput = {
  kind: 'etablissement',
  code: 'CP-NANCY',
  name: 'Centre pénitentiaire de Nancy-Maxéville',
  departement: '54',
  userName: 'Karim Benali',
};

const profile: EstablishmentProfileInput = {
  name: 'Centre pénitentiaire de Nancy-Maxéville',
  disp: 'strasbourg',
  communeName: 'Maxéville',
  departement: '54',
  capacity: 690,
  productionArea: 2400,
  storageArea: 600,
  domains: ['metallerie', 'conditionnement_logistique'],
  officerName: 'Karim Benali',
  officerEmail: 'karim.benali@justice.fr',
};

describe('establishment profile', () => {
  it('is kept by an establishment, one per site', async () => {
    const ctx = await testContext(establishment);
    const first = await saveEstablishmentProfile(ctx, profile);
    const second = await saveEstablishmentProfile(ctx, { ...profile, storageArea: 750 });
    expect(second.id).toBe(first.id);
    expect(await getLocalEstablishmentProfile(ctx)).toMatchObject({ storageArea: 750 });
    expect(await ctx.db.establishmentProfiles.count()).toBe(1);
  });

  it('belongs to establishments only', async () => {
    const ctx = await testContext();
    await expect(saveEstablishmentProfile(ctx, profile)).rejects.toThrow('Seul un établissement pénitentiaire tient une fiche établissement.');
    expect(await getLocalEstablishmentProfile(ctx)).toBeUndefined();
  });

  it('checks areas, domains and contact in French', async () => {
    const ctx = await testContext(establishment);
    await expect(saveEstablishmentProfile(ctx, { ...profile, productionArea: -1 })).rejects.toThrow(/Surface de production : nombre positif attendu/);
    await expect(saveEstablishmentProfile(ctx, { ...profile, domains: ['metallerie', 'metallerie'] })).rejects.toThrow(/un domaine est coché deux fois/);
    await expect(saveEstablishmentProfile(ctx, { ...profile, officerEmail: 'karim' })).rejects.toThrow(/Adresse électronique invalide/);
  });

  it('takes the DISP of its département', async () => {
    const ctx = await testContext(establishment);
    await expect(saveEstablishmentProfile(ctx, { ...profile, disp: 'lille' })).rejects.toThrow('DISP : le département 54 relève de la DISP de Strasbourg.');
    await expect(saveEstablishmentProfile(ctx, { ...profile, departement: '59', disp: 'strasbourg' })).rejects.toThrow(
      'DISP : le département 59 relève de la DISP de Lille.',
    );
    await expect(saveEstablishmentProfile(ctx, { ...profile, departement: '988', disp: 'paris' })).rejects.toThrow(
      'DISP : le département 988 relève de la Mission des services pénitentiaires de l’outre-mer.',
    );
    expect(await getLocalEstablishmentProfile(ctx)).toBeUndefined();
    expect(await saveEstablishmentProfile(ctx, { ...profile, departement: '59', disp: 'lille' })).toMatchObject({ disp: 'lille' });
  });

  it('is found by DISP, domain and minimum areas, largest production area first', async () => {
    const ctx = await testContext(establishment);
    await saveEstablishmentProfile(ctx, profile);
    const others = [
      { ...profile, name: 'Maison centrale d’Ensisheim', productionArea: 3000, storageArea: 200, domains: ['metallerie' as const] },
      { ...profile, name: 'Centre de détention de Bapaume', disp: 'lille' as const, productionArea: 5000, domains: ['metallerie' as const] },
      { ...profile, name: 'Centre de détention de Toul', productionArea: 800, domains: ['dao' as const] },
    ];
    await ctx.db.establishmentProfiles.bulkAdd(
      others.map((p, i) => ({
        ...p,
        id: `0190b7a0-0000-7000-8000-00000000000${i}`,
        siteId: `0190b7a0-0000-7000-9000-00000000000${i}`,
        updatedAt: 'x',
        updatedBy: 'x',
      })),
    );
    const found = await listEstablishmentProfiles(ctx, { disp: 'strasbourg', domain: 'metallerie', minProductionArea: 1000 });
    expect(found.map((p) => p.name)).toEqual(['Maison centrale d’Ensisheim', 'Centre pénitentiaire de Nancy-Maxéville']);
    expect((await listEstablishmentProfiles(ctx, { minStorageArea: 500 })).map((p) => p.name)).toEqual([
      'Centre de détention de Bapaume',
      'Centre pénitentiaire de Nancy-Maxéville',
      'Centre de détention de Toul',
    ]);
  });
});
