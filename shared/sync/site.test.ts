import { describe, expect, it } from 'vitest';
import { hqFixture, siteFixture } from '../../test/support/sync.ts';
import { pendingChangeCount } from '../repos/changes.ts';
import { exportHistory, recordExport } from '../repos/syncHistory.ts';
import { lastAcknowledgement } from '../repos/syncState.ts';
import { writeTransaction } from '../repos/writer.ts';
import type { OrganisationInput } from '../schemas/organisation.ts';
import { readBundle } from './bundle.ts';
import { signedAcknowledgement } from './hqOutputs.ts';
import { signDocument, type Acknowledgement } from './signed.ts';
import { applyAcknowledgement } from './site.ts';

const org: OrganisationInput = { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' };

/** A site that exported twice, both bundles imported by headquarters, with the acknowledgement after each. */
async function acknowledgedTwice() {
  const hq = await hqFixture();
  const site = await siteFixture();
  const acks: Uint8Array[] = [];
  for (const [i, name] of ['Mairie de Nancy', 'Médiathèque de Laxou'].entries()) {
    site.ctx.clock.advance(60_000);
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name }));
    const bundle = await site.export(hq.pub);
    expect(hq.import(bundle).status).toBe('accepted');
    const envelope = readBundle(bundle.bytes);
    if (!envelope.ok) throw new Error(envelope.reason);
    const lastClock = envelope.header.lastClock;
    await recordExport(site.ctx, {
      id: `019b0000-0000-7000-8000-00000000000${i + 1}`,
      sequence: i + 1,
      fileName: bundle.name,
      createdAt: new Date(site.ctx.clock.now()).toISOString(),
      changeCount: 1,
      recordCount: 1,
      firstClock: lastClock,
      lastClock,
      destination: 'syncFolder',
    });
    acks.push(signedAcknowledgement(hq.store, hq.store.site(site.identity.siteId)!, `2026-11-25T12:0${i}:00.000Z`, hq.keyring.signingSecret)!);
  }
  return { hq, site, first: acks[0]!, second: acks[1]! };
}

/** An acknowledgement as headquarters would sign it. */
function signAck(body: Acknowledgement, signingSecret: Uint8Array): Uint8Array {
  return signDocument(body, signingSecret);
}

/** Everything an acknowledgement may change on a site. */
async function siteState(site: Awaited<ReturnType<typeof siteFixture>>) {
  return {
    receipt: await lastAcknowledgement(site.ctx),
    acked: (await site.ctx.db.meta.get('sync.ackedClock'))?.value,
    pending: await pendingChangeCount(site.ctx),
    history: (await exportHistory(site.ctx)).map((r) => [r.fileName, r.acknowledged]),
  };
}

describe('acknowledgements at a site', () => {
  it('are idempotent: the same acknowledgement delivered again changes nothing, not even when it was applied', async () => {
    const { site, first, second, hq } = await acknowledgedTwice();
    const applied = await applyAcknowledgement(site.ctx, second, hq.pub);
    expect(applied.applied).toBe(true);
    const once = await siteState(site);
    expect(once).toMatchObject({ pending: 0, history: [expect.arrayContaining([true]), expect.arrayContaining([true])] });
    expect(once.receipt).toEqual({
      ackedClock: applied.acknowledgement.ackedClock,
      issuedAt: '2026-11-25T12:01:00.000Z',
      bundleCount: 2,
      appliedAt: new Date(site.ctx.clock.now()).toISOString(),
    });

    // The sync folder is read again an hour later (at the next start): the same file, delivered again.
    site.ctx.clock.advance(3_600_000);
    const again = await applyAcknowledgement(site.ctx, second, hq.pub);
    expect(again).toMatchObject({ applied: false, previous: applied.current, current: applied.current });
    expect(await siteState(site)).toEqual(once);

    // An older acknowledgement read late changes nothing either.
    site.ctx.clock.advance(3_600_000);
    expect((await applyAcknowledgement(site.ctx, first, hq.pub)).applied).toBe(false);
    expect(await siteState(site)).toEqual(once);
  });

  it('keep the newer one: a later acknowledgement replaces the receipt and its date', async () => {
    const { site, first, second, hq } = await acknowledgedTwice();
    await applyAcknowledgement(site.ctx, first, hq.pub);
    const before = await siteState(site);
    expect(before.history.map(([, acknowledged]) => acknowledged)).toEqual([false, true]);
    site.ctx.clock.advance(3_600_000);
    expect((await applyAcknowledgement(site.ctx, second, hq.pub)).applied).toBe(true);
    const after = await siteState(site);
    expect(after.receipt).toMatchObject({ issuedAt: '2026-11-25T12:01:00.000Z', bundleCount: 2, appliedAt: new Date(site.ctx.clock.now()).toISOString() });
    expect(after.history.map(([, acknowledged]) => acknowledged)).toEqual([true, true]);
  });

  it('follow headquarters down: one issued later that holds less lowers the acknowledged clock, and the next export carries from there', async () => {
    const { site, first, second, hq } = await acknowledgedTwice();
    const firstClock = (await applyAcknowledgement(site.ctx, first, hq.pub)).current!;
    await applyAcknowledgement(site.ctx, second, hq.pub);
    expect(await pendingChangeCount(site.ctx)).toBe(0);
    // Headquarters restored an older store: it holds the first bundle only, and says so in a later acknowledgement.
    const restored = signAck(
      {
        kind: 'passerelle-ack',
        siteId: site.identity.siteId,
        siteCode: 'SPIP-54',
        ackedClock: firstClock,
        bundleCount: 1,
        issuedAt: '2026-11-25T13:00:00.000Z',
      },
      hq.keyring.signingSecret,
    );
    site.ctx.clock.advance(60_000);
    expect(await applyAcknowledgement(site.ctx, restored, hq.pub)).toMatchObject({ applied: true, current: firstClock });
    expect(await siteState(site)).toMatchObject({
      acked: firstClock,
      pending: 1,
      history: [
        [expect.any(String), false],
        [expect.any(String), true],
      ],
    });
    expect(await lastAcknowledgement(site.ctx)).toMatchObject({ ackedClock: firstClock, issuedAt: '2026-11-25T13:00:00.000Z' });
    const next = readBundle((await site.export(hq.pub)).bytes);
    expect(next.ok && next.header).toMatchObject({ afterClock: firstClock, counts: { organisation: 1 } });
    // The acknowledgement of before the restoration, read late, does not raise it back.
    expect((await applyAcknowledgement(site.ctx, second, hq.pub)).applied).toBe(false);
    expect(await pendingChangeCount(site.ctx)).toBe(1);

    // Headquarters holding nothing of the site: everything is pending and the next export starts from the beginning.
    const nothing = signAck(
      { kind: 'passerelle-ack', siteId: site.identity.siteId, siteCode: 'SPIP-54', ackedClock: null, bundleCount: 0, issuedAt: '2026-11-25T14:00:00.000Z' },
      hq.keyring.signingSecret,
    );
    expect(await applyAcknowledgement(site.ctx, nothing, hq.pub)).toMatchObject({ applied: true, current: undefined });
    expect(await siteState(site)).toMatchObject({ acked: undefined, pending: 2 });
    const full = readBundle((await site.export(hq.pub)).bytes);
    expect(full.ok && full.header).toMatchObject({ afterClock: null, counts: { organisation: 2 } });
  });
});
