import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { memoryHqStore } from '../../test/support/memoryHqStore.ts';
import { hqFixture, siteFixture } from '../../test/support/sync.ts';
import { exportFrom, headerOf, office, type Workstation } from '../../test/support/workstations.ts';
import { writeTransaction } from '../repos/writer.ts';
import { takeBundleSequence } from '../repos/syncState.ts';
import { pendingChangeCount } from '../repos/changes.ts';
import type { HqStore } from './hqStore.ts';
import { buildBundle } from './bundle.ts';
import { enrolmentOf, heldClock, importBundle, reenrolSite } from './hqImport.ts';
import { acknowledgementBody, ackStreams, signedAcknowledgement } from './hqOutputs.ts';
import { chainOf, foundRoster } from './officeTrust.ts';
import { siteKeysFrom } from './keys.ts';
import { ackFileName, readAcknowledgement } from './signed.ts';
import { acknowledgementRefusal, bundleInputFromPending, collectPending, recordAcknowledgement } from './site.ts';

const org = (name: string) => ({ name, kind: 'association' as const, communeName: 'Nancy', departement: '54' });
const issued = (minute: number) => `2026-11-25T12:${String(minute).padStart(2, '0')}:00.000Z`;

function ackFor(store: HqStore, w: Workstation, minute: number) {
  return acknowledgementBody(store, { siteId: w.identity.siteId, code: w.identity.code, deviceId: w.identity.deviceId }, issued(minute));
}

describe('one site, several workstations, at headquarters', () => {
  it('pins each workstation’s key under its site through its certificate chain, and shows the site once', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA, chainOfB } = await office();
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    const fromA = await exportFrom(a, hq, chainOfA);
    const fromB = await exportFrom(b, hq, chainOfB);

    // Both are their workstation's first export: the names differ, so neither overwrites the other in the share.
    expect(headerOf(fromA).sequence).toBe(1);
    expect(headerOf(fromB).sequence).toBe(1);
    expect(fromA.name).not.toBe(fromB.name);
    expect(fromA.name).toBe(`SPIP-54-${a.identity.deviceId.slice(-12)}-1.passerelle`);

    expect(hq.import(fromA).status).toBe('accepted');
    expect(hq.import(fromB)).toMatchObject({ status: 'accepted', enrolled: false });
    expect(hq.store.sites()).toHaveLength(1);
    expect(hq.store.workstations(a.identity.siteId)).toEqual([
      expect.objectContaining({ deviceId: a.identity.deviceId, name: 'Poste de l’accueil', publicKey: headerOf(fromA).sitePublicKey }),
      expect.objectContaining({ deviceId: b.identity.deviceId, name: 'Poste de Mme Durand', publicKey: headerOf(fromB).sitePublicKey }),
    ]);
    // The site's pinned key stays its founding workstation's.
    expect(hq.store.site(a.identity.siteId)?.publicKey).toBe(headerOf(fromA).sitePublicKey);
    expect([...hq.store.consolidated('organisation')].map((r) => r.siteId)).toEqual([a.identity.siteId, a.identity.siteId]);
  });

  it('refuses a workstation whose key no chain ties to the site, and a known workstation signing with another key, changing nothing', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA } = await office();
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    expect(hq.import(await exportFrom(a, hq, chainOfA)).status).toBe('accepted');
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    const before = hq.snapshot();

    // No chain, or A's chain (which does not name B): B is no workstation headquarters can trust.
    for (const chain of [undefined, chainOfA]) {
      await b.ctx.db.meta.put({ key: 'sync.sequence', value: 0 });
      expect(hq.import(await exportFrom(b, hq, chain))).toMatchObject({
        status: 'refused',
        reason: expect.stringMatching(/^Clé de signature différente de celle enregistrée pour le site SPIP-54 et ce poste/),
      });
    }
    // A chain B signed itself, as if it had founded the office.
    const forged = foundRoster(a.identity.siteId, { deviceId: b.identity.deviceId, name: 'Faux poste', secret: b.siteKeys.signingSecret }, 0);
    expect(hq.import(await exportFrom(b, hq, chainOf(forged, b.identity.deviceId))).status).toBe('refused');
    expect(hq.snapshot()).toBe(before);
    expect(hq.store.workstations()).toHaveLength(1);
  });

  it('acknowledges each workstation apart: one PC’s acknowledgement never covers changes another has not sent', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA, chainOfB } = await office();
    // A writes first and exports; then A writes again (not exported yet), and B writes later and exports.
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    const fromA = await exportFrom(a, hq, chainOfA);
    a.ctx.clock.advance(60_000);
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Toul')));
    b.ctx.clock.advance(120_000);
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    const fromB = await exportFrom(b, hq, chainOfB);
    expect(hq.import(fromA).status).toBe('accepted');
    expect(hq.import(fromB).status).toBe('accepted');

    // The site's highest clock is B's, later than A's unsent change: A's acknowledgement must not say it.
    expect(hq.store.site(a.identity.siteId)?.ackedClock).toBe(headerOf(fromB).lastClock);
    const ackA = ackFor(hq.store, a, 1);
    const ackB = ackFor(hq.store, b, 1);
    expect(ackA).toMatchObject({ deviceId: a.identity.deviceId, ackedClock: headerOf(fromA).lastClock });
    expect(ackB).toMatchObject({ deviceId: b.identity.deviceId, ackedClock: headerOf(fromB).lastClock });
    expect(
      ackStreams(hq.store)
        .map((s) => ackFileName(s.code, s.deviceId))
        .sort(),
    ).toEqual([ackFileName('SPIP-54', a.identity.deviceId), ackFileName('SPIP-54', b.identity.deviceId)].sort());

    // A refuses B's acknowledgement; it applies its own, and its later change stays pending.
    expect(acknowledgementRefusal(ackB, a.identity)).toMatch(/^Accusé de réception destiné à un autre poste du site SPIP-54/);
    await expect(recordAcknowledgement(a.ctx, ackB)).rejects.toThrow('destiné à un autre poste');
    expect(await pendingChangeCount(a.ctx)).toBe(2);
    const signed = readAcknowledgement(
      signedAcknowledgement(hq.store, { siteId: a.identity.siteId, code: 'SPIP-54', deviceId: a.identity.deviceId }, issued(2), hq.keyring.signingSecret),
      hq.pub.signingKey,
    );
    expect((await recordAcknowledgement(a.ctx, signed)).applied).toBe(true);
    expect(await pendingChangeCount(a.ctx)).toBe(1);
    // A's next bundle continues from A's own clock: no gap, though the site's clock (B's) is later.
    const next = await exportFrom(a, hq, chainOfA);
    expect(headerOf(next).afterClock).toBe(headerOf(fromA).lastClock);
    expect(hq.import(next).status).toBe('accepted');
    expect(heldClock(hq.store, { siteId: a.identity.siteId, deviceId: a.identity.deviceId })).toBe(headerOf(next).lastClock);
    expect([...hq.store.consolidated('organisation')]).toHaveLength(3);
  });

  it('checks each workstation’s bundle against what it holds of that workstation', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA, chainOfB } = await office();
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    expect(hq.import(await exportFrom(a, hq, chainOfA)).status).toBe('accepted');
    // B believes headquarters holds its changes up to a clock it never received: its bundle leaves a gap.
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    const bFirst = (await b.ctx.db.changes.orderBy('clock').first())?.clock as string;
    b.ctx.clock.advance(60_000);
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Toul')));
    await b.ctx.db.meta.put({ key: 'sync.ackedClock', value: bFirst });
    expect(hq.import(await exportFrom(b, hq, chainOfB))).toMatchObject({ status: 'refused', gap: true });
    expect(ackFor(hq.store, b, 3).ackedClock).toBeNull();
  });

  it('trusts the founding workstation when a later one reaches headquarters first', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA, chainOfB } = await office();
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    expect(hq.import(await exportFrom(b, hq, chainOfB))).toMatchObject({ status: 'accepted', enrolled: true });
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    expect(hq.import(await exportFrom(a, hq, chainOfA)).status).toBe('accepted');
    expect(
      hq.store
        .workstations()
        .map((w) => w.deviceId)
        .sort(),
    ).toEqual([a.identity.deviceId, b.identity.deviceId].sort());
  });

  it('takes a site from before offices (bundles naming no workstation) as its only workstation, then its colleagues', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA, chainOfB } = await office();
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    const { deviceId: _none, ...pending } = await collectPending(a.ctx);
    const built = buildBundle(bundleInputFromPending(pending, await takeBundleSequence(a.ctx), a.ctx.clock.now()), a.siteKeys, hq.pub);
    expect(built.fileName).toBe('SPIP-54-1.passerelle');
    expect(importBundle(hq.store, hq.keyring, built.bytes, { now: Date.parse(issued(0)), fileName: built.fileName }).status).toBe('accepted');
    expect(ackStreams(hq.store)).toEqual([{ siteId: a.identity.siteId, code: 'SPIP-54' }]);
    // Its acknowledgement names no workstation: A applies it (the clock is its own), B would not.
    const legacy = acknowledgementBody(hq.store, { siteId: a.identity.siteId, code: 'SPIP-54' }, issued(1));
    expect(acknowledgementRefusal(legacy, a.identity)).toBeUndefined();
    expect(acknowledgementRefusal(legacy, b.identity)).toMatch(/autre poste/);
    await recordAcknowledgement(a.ctx, legacy);

    // A colleague's later changes come first; then A, naming itself, continues from what the site held.
    b.ctx.clock.advance(600_000);
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    expect(hq.import(await exportFrom(b, hq, chainOfB)).status).toBe('accepted');
    a.ctx.clock.advance(60_000);
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Toul')));
    const continuing = await exportFrom(a, hq, chainOfA);
    expect(headerOf(continuing).afterClock).toBe(built.header.lastClock);
    expect(hq.import(continuing).status).toBe('accepted');
    expect(
      ackStreams(hq.store)
        .map((s) => s.deviceId)
        .sort(),
    ).toEqual([a.identity.deviceId, b.identity.deviceId].sort());
  });

  it('shows what a re-enrolment would retire when a second installation takes the code, and retires nothing unless it is named', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA, chainOfB } = await office();
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    expect(hq.import(await exportFrom(a, hq, chainOfA)).status).toBe('accepted');
    // B's bundle is a workstation of the site: nothing to re-enrol.
    expect(enrolmentOf(hq.store, headerOf(await exportFrom(b, hq, chainOfB)))).toMatchObject({ enrolment: 'same-key' });

    // A second first run that took the same code as a new site: a re-enrolment would retire the live site.
    const stray = await siteFixture();
    await writeTransaction(stray.ctx, (w) => w.insert('organisation', org('Mairie de Toul')));
    const strayBundle = await exportFrom(stray, hq);
    expect(hq.import(strayBundle)).toMatchObject({ status: 'refused', reason: expect.stringContaining('« Rejoindre un site existant »') });
    const seen = enrolmentOf(hq.store, headerOf(strayBundle));
    expect(seen).toMatchObject({
      enrolment: 'code-held',
      replaces: { siteId: a.identity.siteId, code: 'SPIP-54', records: 1, bundles: 1, workstations: 1, lastBundleAt: issued(0) },
    });
    const before = hq.snapshot();
    for (const replaces of [undefined, stray.identity.siteId]) {
      expect(() => reenrolSite(hq.store, strayBundle.bytes, { now: Date.parse(issued(5)), note: 'Réinstallation', replaces })).toThrow(
        /^Cette réinscription retirerait le site inscrit SPIP-54 \(.*1 enregistrement, 1 poste\)/,
      );
    }
    expect(hq.snapshot()).toBe(before);
    expect(hq.store.site(a.identity.siteId)?.retiredAt).toBeUndefined();
  });

  it('re-enrols one workstation’s new key without touching its colleagues’ or the site’s', async () => {
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { a, b, chainOfA, chainOfB } = await office();
    await writeTransaction(a.ctx, (w) => w.insert('organisation', org('Mairie de Nancy')));
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Laxou')));
    expect(hq.import(await exportFrom(a, hq, chainOfA)).status).toBe('accepted');
    expect(hq.import(await exportFrom(b, hq, chainOfB)).status).toBe('accepted');
    const siteKey = hq.store.site(a.identity.siteId)?.publicKey;

    // B reinstalled without its key backup: a new key, refused until headquarters re-enrols it.
    b.siteKeys = siteKeysFrom(ed25519.utils.randomSecretKey(), b.siteKeys.pseudonymSecret);
    b.ctx.clock.advance(60_000);
    await writeTransaction(b.ctx, (w) => w.insert('organisation', org('Refuge de Toul')));
    const rekeyed = await exportFrom(b, hq, chainOfB);
    expect(hq.import(rekeyed).status).toBe('refused');
    expect(reenrolSite(hq.store, rekeyed.bytes, { now: Date.parse(issued(5)), note: 'Poste réinstallé' })).toMatchObject({ siteCode: 'SPIP-54' });
    expect(hq.import(rekeyed).status).toBe('accepted');
    expect(hq.store.site(a.identity.siteId)?.publicKey).toBe(siteKey);
    expect(hq.store.workstation(a.identity.siteId, b.identity.deviceId)?.publicKey).toBe(headerOf(rekeyed).sitePublicKey);
    expect(hq.store.workstation(a.identity.siteId, a.identity.deviceId)?.publicKey).toBe(siteKey);
  });
});
