import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge, EventName, EventPayload } from '../../../shared/bridge/contract.ts';
import type { SyncStatus } from '../../../shared/bridge/syncSchemas.ts';
import { pendingChangeCount } from '../../../shared/repos/changes.ts';
import { readIdentity } from '../../../shared/repos/identity.ts';
import { exportHistory } from '../../../shared/repos/syncHistory.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { RepoProvider } from '../../app/index.ts';
import { SyncProvider, useSync } from './SyncProvider.tsx';

const ready: SyncStatus = {
  folder: '/mnt/partage',
  reachable: true,
  checkedAt: '2026-11-25T10:00:00.000Z',
  hqKey: { keyId: '0123456789abcdef', createdAt: '2026-11-25T08:00:00.000Z' },
  siteKeys: { state: 'ready', keyId: 'fedcba9876543210', publicKey: '00'.repeat(32), encryptionKeyId: '0123456789abcdef' },
  keyStorage: { label: 'Mémoire', problem: null },
};

/**
 * The page's side of the bridge, played in memory: calls are recorded, and the Node side's events are fired
 * by the test. The export answers as main would, with the clocks it was given.
 */
function fakeBridge() {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let exports = 0;
  const bridge = {
    appInfo: vi.fn(async () => ({ version: 'test', host: 'web' as const, dataDir: '/tmp' })),
    startSession: vi.fn(async () => ({ mode: 'site' as const, hq: null })),
    syncStatus: vi.fn(async () => ready),
    officeStatus: vi.fn(async () => ({ enabled: false, deviceId: null, devices: [] as never[] })),
    officeFetch: vi.fn(async () => ({ batches: [], problems: [], remaining: 0, snapshotDue: false, gap: false, names: {} })),
    officePublish: vi.fn(async ({ rows }: Parameters<Bridge['officePublish']>[0]) => ({ sequence: rows.length > 0 ? 1 : null, pruned: 0 })),
    syncCheckNow: vi.fn(async () => ({ status: { folder: '/mnt/partage', reachable: false, checkedAt: '2026-11-25T10:00:00.000Z' }, inbox: { problems: [] } })),
    siteExport: vi.fn(async ({ pending, sequence }: Parameters<Bridge['siteExport']>[0]) => {
      exports += 1;
      return {
        bundleId: `019b0000-0000-7000-8000-00000000000${exports}`,
        fileName: `SPIP-54-${sequence}.passerelle`,
        sequence,
        createdAt: new Date().toISOString(),
        changeCount: pending.changeCount,
        recordCount: pending.records.length,
        counts: {},
        firstClock: pending.firstClock ?? null,
        lastClock: pending.lastClock ?? null,
        output: { files: [`SPIP-54-${sequence}.passerelle`], folder: '/mnt/partage', download: null },
      };
    }),
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
  const fire = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  };
  return { bridge, fire };
}

function Probe() {
  const sync = useSync();
  return (
    <>
      <p data-testid="folder">{sync.folder.reachable ? 'accessible' : 'injoignable'}</p>
      <ul>
        {sync.journal.map((entry) => (
          <li key={entry.at + entry.text}>{entry.text}</li>
        ))}
      </ul>
    </>
  );
}

// The renderer keeps the first bridge it finds for the page's lifetime: one fake for the file, calls cleared per test.
const fake = fakeBridge();
window.passerelle = fake.bridge as unknown as Bridge;

beforeEach(() => {
  for (const fn of Object.values(fake.bridge)) if (vi.isMockFunction(fn)) fn.mockClear();
});

afterEach(() => {
  cleanup();
});

async function mount() {
  const ctx = await testContext();
  const identity = (await readIdentity(ctx.db)) as SiteIdentity;
  render(
    <RepoProvider ctx={ctx} identity={identity}>
      <SyncProvider>
        <Probe />
      </SyncProvider>
    </RepoProvider>,
  );
  await waitFor(() => expect(fake.bridge.syncCheckNow).toHaveBeenCalled());
  return { ctx, identity };
}

describe('sync provider', () => {
  it('tells the Node side which site and workstation this is, then asks for what the sync folder holds', async () => {
    const { identity } = await mount();
    expect(fake.bridge.startSession).toHaveBeenCalledWith({
      site: { siteId: identity.siteId, code: 'SPIP-54', name: identity.name, kind: 'spip', departement: '54' },
      deviceId: identity.deviceId,
    });
  });

  it('exports on its own when the folder answers and something changed, once per quarter of an hour', async () => {
    const { ctx } = await mount();
    await writeTransaction(ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' }),
    );
    act(() => fake.fire('syncFolderChecked', { folder: '/mnt/partage', reachable: true, checkedAt: '2026-11-25T10:01:00.000Z' }));
    await waitFor(() => expect(screen.getByTestId('folder').textContent).toBe('accessible'));
    await waitFor(() => expect(fake.bridge.siteExport).toHaveBeenCalledTimes(1));
    expect(fake.bridge.siteExport.mock.calls[0]![0]).toMatchObject({ sequence: 1, target: 'syncFolder', pending: { changeCount: 1 } });
    await waitFor(async () => expect((await exportHistory(ctx)).map((h) => h.destination)).toEqual(['syncFolder']));

    await writeTransaction(ctx, (w) => w.insert('organisation', { name: 'CCAS de Nancy', kind: 'association', communeName: 'Nancy', departement: '54' }));
    act(() => fake.fire('syncFolderChecked', { folder: '/mnt/partage', reachable: true, checkedAt: '2026-11-25T10:02:00.000Z' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.bridge.siteExport).toHaveBeenCalledTimes(1);
  });

  it('exports nothing while the folder is out of reach', async () => {
    const { ctx } = await mount();
    await writeTransaction(ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' }),
    );
    act(() => fake.fire('syncFolderChecked', { folder: '/mnt/partage', reachable: false, checkedAt: '2026-11-25T10:01:00.000Z' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.bridge.siteExport).not.toHaveBeenCalled();
  });

  it('applies an acknowledgement announced by the Node side', async () => {
    const { ctx, identity } = await mount();
    await writeTransaction(ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' }),
    );
    const clock = (await ctx.db.changes.toArray())[0]!.clock;
    act(() =>
      fake.fire('syncInboxReceived', {
        acknowledgement: {
          kind: 'passerelle-ack',
          siteId: identity.siteId,
          siteCode: 'SPIP-54',
          ackedClock: clock,
          bundleCount: 1,
          issuedAt: '2026-11-25T12:00:00.000Z',
        },
        problems: [],
      }),
    );
    await waitFor(async () => expect(await pendingChangeCount(ctx)).toBe(0));
  });

  it('exchanges with the office share at start when this workstation belongs to an office, sending only its own changes', async () => {
    fake.bridge.officeStatus.mockResolvedValueOnce({ enabled: true, deviceId: null, devices: [] });
    fake.bridge.syncCheckNow.mockResolvedValueOnce({
      status: { folder: '/mnt/partage', reachable: true, checkedAt: '2026-11-25T10:00:00.000Z' },
      inbox: { problems: [] },
    });
    const ctx = await testContext();
    const identity = (await readIdentity(ctx.db)) as SiteIdentity;
    await writeTransaction(ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' }),
    );
    render(
      <RepoProvider ctx={ctx} identity={identity}>
        <SyncProvider>
          <Probe />
        </SyncProvider>
      </RepoProvider>,
    );
    await waitFor(() => expect(fake.bridge.officePublish).toHaveBeenCalledTimes(1));
    expect(fake.bridge.officeFetch).toHaveBeenCalledWith({ applied: {}, maxRows: 2000 });
    expect(fake.bridge.officePublish.mock.calls[0]![0].rows.map((r) => [r.entity, r.op])).toEqual([['organisation', 'create']]);
    await screen.findByText('Bureau : 1 changement de ce poste envoyé aux autres postes.');
  });

  it('leaves the office share alone on a workstation that belongs to no office', async () => {
    await mount();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.bridge.officeStatus).toHaveBeenCalled();
    expect(fake.bridge.officeFetch).not.toHaveBeenCalled();
  });
});
