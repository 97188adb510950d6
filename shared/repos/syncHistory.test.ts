import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import type { SyncExportEntry } from '../db/rows.ts';
import { collectPending, recordAcknowledgement } from '../sync/site.ts';
import { readIdentity } from './identity.ts';
import { exportHistory, isAcknowledged, recordExport, syncOverview } from './syncHistory.ts';
import { lastAcknowledgement } from './syncState.ts';
import { writeTransaction } from './writer.ts';

const organisation = { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' } as const;

async function exported(ctx: Awaited<ReturnType<typeof testContext>>, destination: SyncExportEntry['destination'], sequence: number): Promise<SyncExportEntry> {
  const pending = await collectPending(ctx);
  const entry: SyncExportEntry = {
    id: `019b0000-0000-7000-8000-00000000000${sequence}`,
    sequence,
    fileName: `SPIP-54-${sequence}.passerelle`,
    createdAt: new Date(ctx.clock.now()).toISOString(),
    changeCount: pending.changeCount,
    recordCount: pending.records.length,
    firstClock: pending.firstClock ?? null,
    lastClock: pending.lastClock ?? null,
    destination,
  };
  await recordExport(ctx, entry);
  return entry;
}

describe('export history and sync overview', () => {
  it('asks for an automatic export only when something changed since the last bundle written to the sync folder', async () => {
    const ctx = await testContext();
    expect((await syncOverview(ctx)).exportNeeded).toBe(false);
    await writeTransaction(ctx, (w) => w.insert('organisation', organisation));
    expect(await syncOverview(ctx)).toMatchObject({ pending: 1, exportNeeded: true });

    ctx.clock.advance(60_000);
    await exported(ctx, 'download', 1);
    expect((await syncOverview(ctx)).exportNeeded).toBe(true);

    ctx.clock.advance(60_000);
    await exported(ctx, 'syncFolder', 2);
    expect(await syncOverview(ctx)).toMatchObject({ pending: 1, exportNeeded: false });

    ctx.clock.advance(60_000);
    await writeTransaction(ctx, (w) => w.insert('organisation', { ...organisation, name: 'CCAS de Nancy' }));
    expect(await syncOverview(ctx)).toMatchObject({ pending: 2, exportNeeded: true });
  });

  it('lists exports newest first and marks those headquarters acknowledged', async () => {
    const ctx = await testContext();
    const identity = (await readIdentity(ctx.db))!;
    await writeTransaction(ctx, (w) => w.insert('organisation', organisation));
    ctx.clock.advance(1000);
    const first = await exported(ctx, 'syncFolder', 1);
    ctx.clock.advance(1000);
    await writeTransaction(ctx, (w) => w.insert('organisation', { ...organisation, name: 'CCAS de Nancy' }));
    ctx.clock.advance(1000);
    const second = await exported(ctx, 'folder', 2);

    expect((await exportHistory(ctx)).map((r) => [r.sequence, r.acknowledged])).toEqual([
      [2, false],
      [1, false],
    ]);
    await recordAcknowledgement(ctx, {
      kind: 'passerelle-ack',
      siteId: identity.siteId,
      siteCode: 'SPIP-54',
      ackedClock: first.lastClock!,
      bundleCount: 1,
      issuedAt: '2026-11-25T12:00:00.000Z',
    });
    expect((await exportHistory(ctx)).map((r) => [r.sequence, r.acknowledged])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(await syncOverview(ctx)).toMatchObject({ pending: 1, ackedClock: first.lastClock });
    await recordAcknowledgement(ctx, {
      kind: 'passerelle-ack',
      siteId: identity.siteId,
      siteCode: 'SPIP-54',
      ackedClock: second.lastClock!,
      bundleCount: 2,
      issuedAt: '2026-11-25T13:00:00.000Z',
    });
    expect((await exportHistory(ctx)).every((r) => r.acknowledged)).toBe(true);
    expect(await syncOverview(ctx)).toMatchObject({ pending: 0, exportNeeded: false });
    expect(await lastAcknowledgement(ctx)).toMatchObject({ ackedClock: second.lastClock, bundleCount: 2, appliedAt: new Date(ctx.clock.now()).toISOString() });
  });

  it('counts a bundle without changes as acknowledged: there is nothing to wait for', () => {
    expect(isAcknowledged({ lastClock: null }, undefined)).toBe(true);
    expect(isAcknowledged({ lastClock: '2026-11-25T10:00:00.000Z-0000-a' }, undefined)).toBe(false);
  });

  it('refuses another site’s acknowledgement and leaves the pending count as it was', async () => {
    const ctx = await testContext();
    await writeTransaction(ctx, (w) => w.insert('organisation', organisation));
    const pending = await collectPending(ctx);
    await expect(
      recordAcknowledgement(ctx, {
        kind: 'passerelle-ack',
        siteId: '019b0000-0000-7000-8000-0000000000ff',
        siteCode: 'SPIP-57',
        ackedClock: pending.lastClock!,
        bundleCount: 1,
        issuedAt: '2026-11-25T12:00:00.000Z',
      }),
    ).rejects.toThrow('destiné à un autre site (SPIP-57)');
    expect((await syncOverview(ctx)).pending).toBe(1);
    expect(await lastAcknowledgement(ctx)).toBeUndefined();
  });
});
