import { x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../ports/keyStore.ts';
import { memoryHqStore } from '../../test/support/memoryHqStore.ts';
import { craftedSite, hqFixture, siteFixture } from '../../test/support/sync.ts';
import { bytesToHex } from './bytes.ts';
import { referenceData } from './hqOutputs.ts';
import { ensureSiteKeys, keyIdOf, keyNames, loadSiteEncryptionKey, loadSiteKeys, siteKeysFrom } from './keys.ts';

const clock = (minute: number, node: string) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;

describe('a site’s encryption key', () => {
  it('is created beside older keys, which stay as they were', async () => {
    const signing = new Uint8Array(32).fill(1);
    const pseudonym = new Uint8Array(32).fill(2);
    const store = memoryKeyStore({ [keyNames.siteSigning]: signing, [keyNames.sitePseudonym]: pseudonym });
    expect((await loadSiteKeys(store))?.encryptionPublic).toBeUndefined();
    const keys = await ensureSiteKeys(store);
    expect([keys.signingSecret, keys.pseudonymSecret]).toEqual([signing, pseudonym]);
    const encryption = await loadSiteEncryptionKey(store);
    expect(encryption?.publicKey).toEqual(x25519.getPublicKey(encryption!.secret));
    expect(keys.encryptionPublic).toEqual(encryption?.publicKey);
    expect(encryption?.keyId).toBe(keyIdOf(encryption!.publicKey));
    expect((await ensureSiteKeys(store)).encryptionPublic).toEqual(encryption?.publicKey);
  });

  it('reaches headquarters in the bundle header, and the signed site directory publishes it with the pinned signing key', async () => {
    const site = await siteFixture({ code: 'SPIP-54' });
    const hq = await hqFixture('2026-11-25T12:00:00.000Z', undefined, memoryHqStore());
    const bundle = await site.export(hq.pub);
    expect(hq.import(bundle)).toMatchObject({ status: 'accepted', header: { siteEncryptionKey: bytesToHex(site.siteKeys.encryptionPublic!) } });
    const directory = referenceData(hq.store, hq.keyring.signingPublic, '2026-11-25T12:00:00.000Z').sites;
    expect(directory).toEqual([
      {
        siteId: site.identity.siteId,
        code: 'SPIP-54',
        name: site.identity.name,
        kind: 'spip',
        departement: site.identity.departement,
        signingKey: bytesToHex(site.siteKeys.signingPublic),
        encryptionKey: bytesToHex(site.siteKeys.encryptionPublic!),
      },
    ]);
  });

  it('stays known when a later bundle of an older version announces none, and follows a newer key', async () => {
    const hq = await hqFixture('2026-11-25T12:00:00.000Z', undefined, memoryHqStore());
    const signing = new Uint8Array(32).fill(3);
    const pseudonym = new Uint8Array(32).fill(4);
    const first = siteKeysFrom(signing, pseudonym, new Uint8Array(32).fill(5));
    const site = craftedSite({}, first);
    const record = (minute: number) => ({
      entity: 'partner' as const,
      id: '019b0000-0000-7000-8000-000000000001',
      fields: { name: ['P', clock(minute, site.node)] as [unknown, string] },
    });
    expect(
      hq.import(
        site.seal(
          [
            {
              ...record(1),
              created: clock(1, site.node),
              fields: { ...record(1).fields, kind: ['association', clock(1, site.node)], scope: ['national', clock(1, site.node)] },
            },
          ],
          hq.pub,
        ),
      ).status,
    ).toBe('accepted');
    const older = craftedSite({ siteId: site.siteId, code: site.code }, siteKeysFrom(signing, pseudonym));
    expect(hq.import(older.seal([record(2)], hq.pub)).status).toBe('accepted');
    expect(hq.store.site(site.siteId)?.encryptionKey).toBe(bytesToHex(first.encryptionPublic!));
    const renewed = siteKeysFrom(signing, pseudonym, new Uint8Array(32).fill(6));
    expect(hq.import(craftedSite({ siteId: site.siteId, code: site.code }, renewed).seal([record(3)], hq.pub)).status).toBe('accepted');
    expect(hq.store.site(site.siteId)?.encryptionKey).toBe(bytesToHex(renewed.encryptionPublic!));
  });
});
