import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../shared/repos/organisations.ts';
import { buildBundle } from '../../shared/sync/bundle.ts';
import { bundleInputFromPending, collectPending } from '../../shared/sync/site.ts';
import { decryptedText, hqFixture, siteFixture } from '../../test/support/sync.ts';
import { nodeDeflate } from './deflate.ts';

describe('bundles compressed by Node’s zlib', () => {
  it('open at headquarters with the same payload as those compressed by fflate', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    for (let i = 0; i < 50; i++)
      await createOrganisation(site.ctx, { name: `Mairie n° ${i}`, kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' });
    const input = bundleInputFromPending(await collectPending(site.ctx), 1, site.ctx.clock.now());
    const native = buildBundle(input, site.siteKeys, hq.pub, nodeDeflate);
    const portable = buildBundle(input, site.siteKeys, hq.pub);
    expect(decryptedText(native.bytes, hq.keyring)).toBe(decryptedText(portable.bytes, hq.keyring));
    expect(decryptedText(native.bytes, hq.keyring).split('\n').filter(Boolean)).toHaveLength(50);
    expect(hq.import({ name: native.fileName, bytes: native.bytes })).toMatchObject({ status: 'accepted', records: 50 });
  });
});
