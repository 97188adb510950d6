import { describe, expect, it } from 'vitest';
import { memoryHqStore } from '../../test/support/memoryHqStore.ts';
import { craftedSite, hqFixture } from '../../test/support/sync.ts';
import type { WireRecord } from './bundle.ts';
import { heldClock } from './hqImport.ts';
import { signedAcknowledgement } from './hqOutputs.ts';
import { readAcknowledgement } from './signed.ts';

const at = (time: string, node: string) => `2026-11-25T${time}.000Z-0000-${node}`;

function organisation(id: string, node: string, time: string): WireRecord {
  return {
    entity: 'organisation',
    id,
    created: at(time, node),
    fields: Object.fromEntries(
      Object.entries({ name: `Structure ${time}`, kind: 'association', communeName: 'Nancy', departement: '54' }).map(([k, v]) => [k, [v, at(time, node)]]),
    ),
  };
}

describe('a bundle that leaves a gap', () => {
  it('is refused when it starts after what headquarters holds of the site, and accepted when it starts at or before it', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const site = craftedSite();
    expect(hq.import(site.seal([organisation('019b8d63-4710-707d-bcd3-b51ec7800001', site.node, '10:00:00')], hq.pub)).status).toBe('accepted');
    const held = heldClock(hq.store, site);
    expect(held).toBe(at('10:00:00', site.node));
    const before = hq.snapshot();

    const beyond = site.seal([organisation('019b8d63-4710-707d-bcd3-b51ec7800002', site.node, '10:10:00')], hq.pub, { afterClock: at('10:05:00', site.node) });
    expect(hq.import(beyond)).toMatchObject({
      status: 'refused',
      gap: true,
      reason:
        'Lot incomplet : il reprend après les modifications du site jusqu’au 25/11/2026 à 10:05 UTC, mais le siège n’en détient que jusqu’au 25/11/2026 à 10:00 UTC (sauvegarde du siège restaurée, ou lot précédent jamais importé ?). Il est refusé sans rien changer ; l’accusé de réception du siège dit ce qu’il détient, et le prochain export du site renverra ce qui manque.',
    });
    expect(hq.snapshot()).toBe(before);
    // What headquarters then tells the site: what it really holds.
    expect(readAcknowledgement(signedAcknowledgement(hq.store, site, '2026-11-25T12:00:00.000Z', hq.keyring.signingSecret), hq.pub.signingKey)).toMatchObject({
      ackedClock: held,
      bundleCount: 1,
    });

    const continuing = site.seal([organisation('019b8d63-4710-707d-bcd3-b51ec7800002', site.node, '10:10:00')], hq.pub, { afterClock: held });
    expect(hq.import(continuing).status).toBe('accepted');
    const overlapping = site.seal([organisation('019b8d63-4710-707d-bcd3-b51ec7800003', site.node, '10:20:00')], hq.pub, {
      afterClock: at('09:00:00', site.node),
    });
    expect(hq.import(overlapping).status).toBe('accepted');
    expect(heldClock(hq.store, site)).toBe(at('10:20:00', site.node));
  });

  it('is refused from a site headquarters does not know when it does not start from the beginning; its acknowledgement holds nothing', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const site = craftedSite();
    const outcome = hq.import(
      site.seal([organisation('019b8d63-4710-707d-bcd3-b51ec7800001', site.node, '10:10:00')], hq.pub, { afterClock: at('10:00:00', site.node) }),
    );
    expect(outcome).toMatchObject({
      status: 'refused',
      gap: true,
      reason: expect.stringContaining('mais le siège ne détient encore aucune modification de ce site'),
    });
    expect(hq.store.sites()).toEqual([]);
    expect(readAcknowledgement(signedAcknowledgement(hq.store, site, '2026-11-25T12:00:00.000Z', hq.keyring.signingSecret), hq.pub.signingKey)).toMatchObject({
      siteId: site.siteId,
      ackedClock: null,
      bundleCount: 0,
    });
    expect(hq.import(site.seal([organisation('019b8d63-4710-707d-bcd3-b51ec7800001', site.node, '10:10:00')], hq.pub)).status).toBe('accepted');
  });
});
