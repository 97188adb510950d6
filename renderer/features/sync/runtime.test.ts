import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/bridge/contract.ts';
import type { SyncStatus } from '../../../shared/bridge/syncSchemas.ts';
import { memoryKeyStore } from '../../../shared/ports/keyStore.ts';
import { pendingChangeCount } from '../../../shared/repos/changes.ts';
import { readIdentity } from '../../../shared/repos/identity.ts';
import { exportHistory } from '../../../shared/repos/syncHistory.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { buildBundle, readBundle } from '../../../shared/sync/bundle.ts';
import type { CollapsedRecord } from '../../../shared/sync/collapse.ts';
import { createHqKeys, ensureSiteKeys } from '../../../shared/sync/keys.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { applyInbox, autoExportDue, AUTO_EXPORT_SPACING_MS, exportPending, exportReadiness, sinceLabel, syncStatusLine } from './runtime.ts';

const now = Date.parse('2026-11-25T14:00:00.000Z');
const org = { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' } as const;

describe('status bar wording', () => {
  it('has three states: offline, synchronised some time ago, changes waiting', () => {
    expect(syncStatusLine({ reachable: false, pending: 0, lastAcknowledgedAt: undefined, now })).toEqual({ state: 'offline', label: 'Hors ligne' });
    expect(syncStatusLine({ reachable: false, pending: 134, lastAcknowledgedAt: undefined, now })).toEqual({
      state: 'offline',
      label: 'Hors ligne · 134 changements en attente',
    });
    expect(syncStatusLine({ reachable: true, pending: 134, lastAcknowledgedAt: '2026-11-25T12:00:00.000Z', now })).toEqual({
      state: 'pending',
      label: '134 changements en attente',
    });
    expect(syncStatusLine({ reachable: true, pending: 1, lastAcknowledgedAt: undefined, now }).label).toBe('1 changement en attente');
    expect(syncStatusLine({ reachable: true, pending: 0, lastAcknowledgedAt: '2026-11-25T12:00:00.000Z', now })).toEqual({
      state: 'synced',
      label: 'Synchronisé il y a 2 h',
    });
    expect(syncStatusLine({ reachable: true, pending: 0, lastAcknowledgedAt: undefined, now }).label).toBe('Aucun changement en attente');
    expect(syncStatusLine({ reachable: true, pending: 1340, lastAcknowledgedAt: undefined, now }).label).toBe('1\u202f340 changements en attente');
  });

  it('counts elapsed time in minutes, hours, then days', () => {
    expect(sinceLabel(30_000)).toBe('à l’instant');
    expect(sinceLabel(5 * 60_000)).toBe('il y a 5 min');
    expect(sinceLabel(2 * 3600_000 + 59 * 60_000)).toBe('il y a 2 h');
    expect(sinceLabel(3 * 86_400_000)).toBe('il y a 3 j');
  });
});

describe('automatic export', () => {
  const base = { reachable: true, ready: true, exportNeeded: true, lastAttempt: undefined, now };
  it('runs when the folder answers, something changed and the keys are there, at most every quarter of an hour', () => {
    expect(autoExportDue(base)).toBe(true);
    expect(autoExportDue({ ...base, reachable: false })).toBe(false);
    expect(autoExportDue({ ...base, ready: false })).toBe(false);
    expect(autoExportDue({ ...base, exportNeeded: false })).toBe(false);
    expect(autoExportDue({ ...base, lastAttempt: now - AUTO_EXPORT_SPACING_MS + 1 })).toBe(false);
    expect(autoExportDue({ ...base, lastAttempt: now - AUTO_EXPORT_SPACING_MS })).toBe(true);
  });

  it('says what is missing before an export can work', () => {
    const ready: SyncStatus = {
      folder: null,
      reachable: false,
      checkedAt: null,
      hqKey: { keyId: 'abcd', createdAt: '2026-11-25T08:00:00.000Z' },
      siteKeys: { state: 'ready', keyId: 'k', publicKey: 'p', encryptionKeyId: 'e' },
      keyStorage: { label: 'x', problem: null },
    };
    expect(exportReadiness(ready)).toBeUndefined();
    expect(exportReadiness({ ...ready, hqKey: null })).toMatch(/clé publique du siège/);
    expect(exportReadiness({ ...ready, siteKeys: { state: 'missing' } })).toMatch(/Générez d’abord les clés/);
    expect(exportReadiness({ ...ready, siteKeys: { state: 'unreadable', message: 'Clés illisibles' } })).toBe('Clés illisibles');
  });
});

describe('export and inbox on the renderer side', () => {
  it('collects, numbers, hands over and records each export in the history', async () => {
    const ctx = await testContext();
    const keys = await ensureSiteKeys(memoryKeyStore());
    const hq = await createHqKeys(memoryKeyStore(), new Date(now));
    const received: unknown[] = [];
    // The Node side's part, played by the same engine: build the bundle from what the renderer sent.
    const bridge: Pick<Bridge, 'siteExport'> = {
      async siteExport({ pending, sequence, target }) {
        received.push({ sequence, target, changeCount: pending.changeCount });
        const built = buildBundle(
          {
            ...pending,
            afterClock: pending.afterClock,
            firstClock: pending.firstClock,
            lastClock: pending.lastClock,
            records: pending.records as CollapsedRecord[],
            sequence,
            createdAt: now,
          },
          keys,
          hq,
        );
        const envelope = readBundle(built.bytes);
        if (!envelope.ok) throw new Error(envelope.reason);
        const { header } = built;
        return {
          bundleId: header.bundleId,
          fileName: built.fileName,
          sequence,
          createdAt: header.createdAt,
          changeCount: header.changeCount,
          recordCount: 1,
          counts: header.counts,
          firstClock: header.firstClock,
          lastClock: header.lastClock,
          output: { files: [built.fileName], folder: typeof target === 'object' ? target.folder : null, download: null },
        };
      },
    };
    await writeTransaction(ctx, (w) => w.insert('organisation', org));
    const first = await exportPending(ctx, bridge, { folder: '/media/CLE' });
    const second = await exportPending(ctx, bridge, 'syncFolder');
    expect(received).toEqual([
      { sequence: 1, target: { folder: '/media/CLE' }, changeCount: 1 },
      { sequence: 2, target: 'syncFolder', changeCount: 1 },
    ]);
    const history = await exportHistory(ctx);
    expect(history.map((h) => [h.fileName, h.destination, h.folder, h.acknowledged])).toEqual([
      [second.fileName, 'syncFolder', undefined, false],
      [first.fileName, 'folder', '/media/CLE', false],
    ]);
  });

  it('applies an acknowledgement and reference data, and says so in French; a stranger’s acknowledgement is refused', async () => {
    const ctx = await testContext();
    const identity = (await readIdentity(ctx.db))!;
    await writeTransaction(ctx, (w) => w.insert('organisation', org));
    const clock = (await ctx.db.changes.toArray())[0]!.clock;
    const lines = await applyInbox(ctx, {
      acknowledgement: {
        kind: 'passerelle-ack',
        siteId: identity.siteId,
        siteCode: 'SPIP-54',
        ackedClock: clock,
        bundleCount: 1,
        issuedAt: '2026-11-25T12:00:00.000Z',
      },
      reference: {
        kind: 'passerelle-reference',
        issuedAt: '2026-11-25T12:00:00.000Z',
        activityDomains: [{ code: 'a', label: 'A' }],
        sites: [],
        records: { organisation: [] },
      },
      problems: ['referentiel.passerelle-ref : signature invalide'],
    });
    expect(lines).toEqual([
      { ok: true, text: expect.stringMatching(/^Accusé de réception du 25\/11\/2026 à 13:00 appliqué/) },
      { ok: true, text: 'Données de référence du 25/11/2026 appliquées (1 domaine, 0 site, Structure d’accueil : 0).' },
      { ok: false, text: 'referentiel.passerelle-ref : signature invalide' },
    ]);
    expect(await pendingChangeCount(ctx)).toBe(0);
    const redelivered = {
      kind: 'passerelle-ack',
      siteId: identity.siteId,
      siteCode: 'SPIP-54',
      ackedClock: clock,
      bundleCount: 1,
      issuedAt: '2026-11-25T12:00:00.000Z',
    } as const;
    expect(await applyInbox(ctx, { acknowledgement: redelivered, problems: [] })).toEqual([]);
    const stranger = await applyInbox(ctx, {
      acknowledgement: {
        kind: 'passerelle-ack',
        siteId: '019b0000-0000-7000-8000-0000000000ff',
        siteCode: 'SPIP-57',
        ackedClock: clock,
        bundleCount: 1,
        issuedAt: '2026-11-25T12:00:00.000Z',
      },
      problems: [],
    });
    expect(stranger).toEqual([{ ok: false, text: expect.stringContaining('destiné à un autre site') }]);
  });
});
