import { Dexie } from 'dexie';
import type { SyncExportEntry } from '../db/rows.ts';
import { acknowledgedClock, ownChanges, pendingChangeCount } from './changes.ts';
import { readIdentity } from './identity.ts';
import type { RepoContext } from './context.ts';
import { lastAcknowledgement, type AcknowledgementReceipt } from './syncState.ts';

/**
 * The history of this site's exports. Local bookkeeping, like the identity: it does not enter the change
 * log and never travels.
 */
export async function recordExport(ctx: RepoContext, entry: SyncExportEntry): Promise<void> {
  await ctx.db.syncExports.put(entry);
}

export interface ExportHistoryRow extends SyncExportEntry {
  /** Headquarters acknowledged everything this bundle carried (a bundle without changes has nothing to wait for). */
  acknowledged: boolean;
}

export function isAcknowledged(entry: Pick<SyncExportEntry, 'lastClock'>, ackedClock: string | undefined): boolean {
  return entry.lastClock === null || (ackedClock !== undefined && ackedClock >= entry.lastClock);
}

/** Every export, newest first, each saying whether headquarters has acknowledged it. */
export async function exportHistory(ctx: RepoContext): Promise<ExportHistoryRow[]> {
  return ctx.db.transaction('r', ctx.db.syncExports, ctx.db.meta, async () => {
    const acked = await acknowledgedClock(ctx);
    const rows = await ctx.db.syncExports.orderBy('createdAt').reverse().toArray();
    return rows.map((row) => ({ ...row, acknowledged: isAcknowledged(row, acked) }));
  });
}

export interface SyncOverview {
  /** Changes headquarters has not acknowledged. */
  pending: number;
  ackedClock: string | undefined;
  lastAcknowledgement: AcknowledgementReceipt | undefined;
  lastExport: SyncExportEntry | undefined;
  /**
   * Something changed since the last bundle written to the sync folder: the automatic export has work. A
   * bundle carried away on a USB key does not count, since nobody knows when it will arrive.
   */
  exportNeeded: boolean;
}

export async function syncOverview(ctx: RepoContext): Promise<SyncOverview> {
  return ctx.db.transaction('r', ctx.db.syncExports, ctx.db.meta, ctx.db.changes, async () => {
    const pending = await pendingChangeCount(ctx);
    const ackedClock = await acknowledgedClock(ctx);
    const exports = await ctx.db.syncExports.orderBy('createdAt').reverse().toArray();
    const lastToFolder = exports.find((e) => e.destination === 'syncFolder');
    const identity = await readIdentity(ctx.db);
    const latest = identity && (await ownChanges(ctx.db, identity.deviceId, Dexie.minKey, Dexie.maxKey).last())?.clock;
    const exportNeeded =
      pending > 0 && latest !== undefined && (lastToFolder === undefined || lastToFolder.lastClock === null || latest > lastToFolder.lastClock);
    return { pending, ackedClock, lastAcknowledgement: await lastAcknowledgement(ctx), lastExport: exports[0], exportNeeded };
  });
}
