import { access, mkdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/bridge/contract.ts';
import { memoryKeyStore } from '../../../shared/ports/keyStore.ts';
import { signedAcknowledgement, signedReferenceData } from '../../../shared/sync/hqOutputs.ts';
import { ackFileName, REFERENCE_FILE } from '../../../shared/sync/signed.ts';
import { createHqKeys, loadHqKeyring } from '../../../shared/sync/keys.ts';
import { removeTempDirs, tempDir } from '../../../test/support/fakeElectron.ts';
import { fakeTimers } from '../../../test/support/fakeTimers.ts';
import { fixedClock } from '../../../test/support/memoryDb.ts';
import { openSqliteHqStore } from '../hq/sqliteStore.ts';
import { createSyncWatcher, type WatcherFs } from './watcher.ts';

const nodeFs: WatcherFs = { stat, access, readFile: async (p) => new Uint8Array(await readFile(p)) };
const siteId = '019b0000-0000-7000-8000-000000000054';

async function headquarters() {
  const keys = memoryKeyStore();
  const hq = await createHqKeys(keys, new Date('2026-11-25T08:00:00Z'));
  const ring = await loadHqKeyring(keys);
  const store = openSqliteHqStore(':memory:', { create: true });
  store.saveSite({
    siteId,
    code: 'SPIP-54',
    name: 'SPIP 54',
    kind: 'spip',
    departement: '54',
    publicKey: '00'.repeat(32),
    enrolledAt: '2026-11-25T08:00:00.000Z',
    ackedClock: '2026-11-25T09:00:00.000Z-0000-d',
  });
  const site = store.site(siteId)!;
  return {
    hq,
    ack: (issuedAt: string) => signedAcknowledgement(store, site, issuedAt, ring.signingSecret)!,
    reference: (issuedAt: string) => signedReferenceData(store, issuedAt, ring.signingSecret),
  };
}

function setup(options: { folder: string | undefined; fs?: WatcherFs; context?: Awaited<ReturnType<typeof headquarters>> }) {
  const timers = fakeTimers();
  const clock = fixedClock('2026-11-25T10:00:00.000Z');
  const emitted: { event: EventName; payload: unknown }[] = [];
  let folder = options.folder;
  const watcher = createSyncWatcher({
    fs: options.fs ?? nodeFs,
    timers,
    clock,
    emit: (event, payload) => void emitted.push({ event, payload }),
    folder: async () => folder,
    inboxContext: async () => (options.context ? { siteId, siteCode: 'SPIP-54', hq: options.context.hq } : undefined),
  });
  return {
    watcher,
    timers,
    clock,
    emitted,
    setFolder: (f: string | undefined) => (folder = f),
    of: (event: EventName) => emitted.filter((e) => e.event === event).map((e) => e.payload),
  };
}

describe('sync folder watcher', () => {
  afterAll(removeTempDirs);

  it('checks at start and then every minute, saying whether the folder is reachable', async () => {
    const share = await tempDir('share');
    const t = setup({ folder: share });
    t.watcher.start();
    await t.watcher.idle();
    expect([...t.timers.intervals.values()].map((i) => i.ms)).toEqual([60_000]);
    expect(t.of('syncFolderChecked')).toEqual([{ folder: share, reachable: true, checkedAt: '2026-11-25T10:00:00.000Z' }]);

    await rename(share, `${share}-débranché`);
    t.clock.advance(60_000);
    t.timers.fireIntervals();
    await t.watcher.idle();
    expect(t.of('syncFolderChecked').at(-1)).toEqual({ folder: share, reachable: false, checkedAt: '2026-11-25T10:01:00.000Z' });
    expect(t.watcher.status().reachable).toBe(false);

    await rename(`${share}-débranché`, share);
    t.clock.advance(60_000);
    t.timers.fireIntervals();
    await t.watcher.idle();
    expect(t.of('syncFolderChecked').at(-1)).toEqual({ folder: share, reachable: true, checkedAt: '2026-11-25T10:02:00.000Z' });

    t.watcher.stop();
    expect(t.timers.intervals.size).toBe(0);
  });

  it('says "no folder" when none is set, and never touches the disk', async () => {
    const t = setup({
      folder: undefined,
      fs: { stat: () => Promise.reject(new Error('no')), access: () => Promise.reject(new Error('no')), readFile: () => Promise.reject(new Error('no')) },
    });
    expect((await t.watcher.check()).status).toEqual({ folder: null, reachable: false, checkedAt: '2026-11-25T10:00:00.000Z' });
  });

  it('counts a share that does not answer in time as unreachable, and starts no second check meanwhile', async () => {
    const hanging: WatcherFs = {
      stat: () => new Promise(() => undefined),
      access: () => new Promise(() => undefined),
      readFile: () => new Promise(() => undefined),
    };
    const t = setup({ folder: '/mnt/partage', fs: hanging });
    t.watcher.start();
    // The first check hangs on the share until its time-out fires.
    await expect.poll(() => t.timers.timeouts.size).toBe(1);
    t.timers.fireIntervals();
    expect(t.timers.timeouts.size).toBe(1);
    t.timers.fireTimeouts();
    await t.watcher.idle();
    expect(t.of('syncFolderChecked')).toEqual([{ folder: '/mnt/partage', reachable: false, checkedAt: '2026-11-25T10:00:00.000Z' }]);
    t.watcher.stop();
  });

  it('picks up the site’s acknowledgement and the reference data once per version, signatures checked', async () => {
    const share = await tempDir('share');
    const hq = await headquarters();
    const t = setup({ folder: share, context: hq });
    t.watcher.start();
    await t.watcher.idle();
    expect(t.of('syncInboxReceived')).toEqual([]);

    await writeFile(join(share, ackFileName('SPIP-54')), hq.ack('2026-11-25T10:00:30.000Z'));
    await writeFile(join(share, REFERENCE_FILE), hq.reference('2026-11-25T10:00:30.000Z'));
    await writeFile(join(share, ackFileName('SPIP-57')), hq.ack('2026-11-25T10:00:30.000Z'));
    t.timers.fireIntervals();
    await t.watcher.idle();
    const [first] = t.of('syncInboxReceived') as { acknowledgement?: { siteCode: string }; reference?: { issuedAt: string }; problems: string[] }[];
    expect(first?.acknowledgement?.siteCode).toBe('SPIP-54');
    expect(first?.reference?.issuedAt).toBe('2026-11-25T10:00:30.000Z');
    expect(first?.problems).toEqual([]);

    t.timers.fireIntervals();
    await t.watcher.idle();
    expect(t.of('syncInboxReceived')).toHaveLength(1);

    await writeFile(join(share, ackFileName('SPIP-54')), hq.ack('2026-11-25T11:00:00.000Z'));
    await utimes(join(share, ackFileName('SPIP-54')), new Date(), new Date(Date.now() + 5000));
    t.timers.fireIntervals();
    await t.watcher.idle();
    const second = t.of('syncInboxReceived').at(-1) as { acknowledgement?: { issuedAt: string }; reference?: unknown };
    expect(second.acknowledgement?.issuedAt).toBe('2026-11-25T11:00:00.000Z');
    expect(second.reference).toBeUndefined();

    const fresh = await t.watcher.check({ fresh: true });
    expect(fresh.inbox.acknowledgement?.issuedAt).toBe('2026-11-25T11:00:00.000Z');
    expect(fresh.inbox.reference).toBeDefined();
    expect(t.of('syncInboxReceived')).toHaveLength(2);
    t.watcher.stop();
  });

  it('reports a file that is not from headquarters, once, in French, and applies nothing from it', async () => {
    const share = await tempDir('share');
    const hq = await headquarters();
    const impostor = await headquarters();
    await writeFile(join(share, ackFileName('SPIP-54')), impostor.ack('2026-11-25T10:00:00.000Z'));
    const forged = hq.reference('2026-11-25T10:00:00.000Z');
    forged[30]! ^= 1;
    await writeFile(join(share, REFERENCE_FILE), forged);
    const t = setup({ folder: share, context: hq });
    t.watcher.start();
    await t.watcher.idle();
    const [inbox] = t.of('syncInboxReceived') as { acknowledgement?: unknown; reference?: unknown; problems: string[] }[];
    expect(inbox?.acknowledgement).toBeUndefined();
    expect(inbox?.reference).toBeUndefined();
    expect(inbox?.problems).toEqual([
      expect.stringMatching(/^SPIP-54\.passerelle-ack : Accusé de réception : signature invalide/),
      expect.stringMatching(/^referentiel\.passerelle-ref : Données de référence : signature invalide/),
    ]);
    t.timers.fireIntervals();
    await t.watcher.idle();
    expect(t.of('syncInboxReceived')).toHaveLength(1);
    t.watcher.stop();
  });

  it('reads no inbox in headquarters mode or before headquarters’ key is known', async () => {
    const share = await tempDir('share');
    const hq = await headquarters();
    await mkdir(share, { recursive: true });
    await writeFile(join(share, ackFileName('SPIP-54')), hq.ack('2026-11-25T10:00:00.000Z'));
    const t = setup({ folder: share });
    const result = await t.watcher.check({ fresh: true });
    expect(result).toEqual({ status: { folder: share, reachable: true, checkedAt: '2026-11-25T10:00:00.000Z' }, inbox: { problems: [] } });
  });
});
