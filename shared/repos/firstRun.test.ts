import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { loadWorkshopsDemo } from '../demo/workshops.ts';
import { nationalAgreements, nationalPartners } from './nationalPartners.ts';
import type { SiteSetupInput } from '../schemas/site.ts';
import { listAgreements } from './agreements.ts';
import { finishFirstRun } from './firstRun.ts';
import { getSetupState } from './identity.ts';
import { listPartners } from './partners.ts';

const headquarters: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

describe('end of the first run', () => {
  it('installs the national reference list at headquarters on an empty start', async () => {
    const ctx = await testContext(headquarters);
    await finishFirstRun(ctx);
    expect((await getSetupState(ctx)).done).toBe(true);
    const partners = await listPartners(ctx);
    expect(partners.map((p) => p.name).sort()).toEqual(nationalPartners.map((p) => p.name).sort());
    expect(partners.every((p) => p.scope === 'national')).toBe(true);
    expect(await listAgreements(ctx)).toHaveLength(nationalAgreements.length);
  });

  it('installs it once at headquarters after demo data, which already brought it', async () => {
    const ctx = await testContext(headquarters);
    await loadWorkshopsDemo(ctx);
    await finishFirstRun(ctx);
    expect(await listPartners(ctx)).toHaveLength(nationalPartners.length);
    expect(await listAgreements(ctx)).toHaveLength(nationalAgreements.length);
  });

  it('installs nothing on a site, which receives the list from headquarters', async () => {
    const ctx = await testContext();
    await finishFirstRun(ctx);
    expect((await getSetupState(ctx)).done).toBe(true);
    expect(await ctx.db.partners.count()).toBe(0);
    expect(await ctx.db.agreements.count()).toBe(0);
  });
});
