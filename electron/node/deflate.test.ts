import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../shared/repos/organisations.ts';
import { buildBundle, decryptBundle, readBundle, sealBundle } from '../../shared/sync/bundle.ts';
import { bundleInputFromPending, collectPending } from '../../shared/sync/site.ts';
import { craftedSite, decryptedText, hqFixture, siteFixture } from '../../test/support/sync.ts';
import { importBundle } from '../../shared/sync/hqImport.ts';
import { nodeDeflate, nodeInflate } from './deflate.ts';

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

  it('are read by Node’s zlib at headquarters as by fflate, and a payload that is not DEFLATE is refused the same way', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    for (let i = 0; i < 20; i++)
      await createOrganisation(site.ctx, { name: `Mairie n° ${i}`, kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' });
    const input = bundleInputFromPending(await collectPending(site.ctx), 1, site.ctx.clock.now());
    for (const bundle of [buildBundle(input, site.siteKeys, hq.pub, nodeDeflate), buildBundle(input, site.siteKeys, hq.pub)]) {
      const envelope = readBundle(bundle.bytes);
      if (!envelope.ok) throw new Error(envelope.reason);
      const native = decryptBundle(envelope, hq.keyring.decryptionKeys, nodeInflate);
      expect(native.ok && new TextDecoder().decode(native.payload)).toBe(decryptedText(bundle.bytes, hq.keyring));
    }
    const crafted = craftedSite();
    const broken = sealBundle(
      { site: crafted, sequence: 1, afterClock: undefined, firstClock: undefined, lastClock: undefined, changeCount: 0, createdAt: Date.now() },
      [],
      crafted.keys,
      hq.pub,
      () => new Uint8Array([0xff, 0xff, 0xff, 0xff]),
    );
    const outcome = importBundle(hq.store, hq.keyring, broken.bytes, { now: Date.now(), fileName: broken.fileName, inflate: nodeInflate });
    expect(outcome).toMatchObject({ status: 'refused', reason: 'Contenu illisible après déchiffrement : le lot a été mal produit.' });
    expect(hq.store.bundles()).toEqual([]);
  });
});
