import { Dexie } from 'dexie';
import { ACKED_COUNT, metaCount, type ChangeEntry } from '../db/rows.ts';
import { acknowledgedClock, ownChanges } from './changes.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from '../errors.ts';
import { readIdentity } from './identity.ts';

const ACKED = 'sync.ackedClock';
const SEQUENCE = 'sync.sequence';
const LAST_ACK = 'sync.lastAcknowledgement';

/** The last acknowledgement this site applied, and when: "Synchronisé il y a 2 h" counts from `appliedAt`. */
export interface AcknowledgementReceipt {
  /** What headquarters holds of this site's changes; null: nothing (it must receive everything again). */
  ackedClock: string | null;
  issuedAt: string;
  bundleCount: number;
  appliedAt: string;
}

async function ownDevice(ctx: RepoContext): Promise<string> {
  const identity = await readIdentity(ctx.db);
  if (!identity) throw new RepoError('Le site n’est pas encore configuré.');
  return identity.deviceId;
}

/**
 * This workstation's changes headquarters has not acknowledged, in clock order (what its next bundle must
 * carry). Changes applied from the office's other workstations are theirs to send.
 */
export async function unacknowledgedChanges(ctx: RepoContext): Promise<{ afterClock: string | undefined; changes: ChangeEntry[] }> {
  return ctx.db.transaction('r', ctx.db.meta, ctx.db.changes, async () => {
    const deviceId = await ownDevice(ctx);
    const afterClock = await acknowledgedClock(ctx);
    return { afterClock, changes: await ownChanges(ctx.db, deviceId, afterClock ?? Dexie.minKey, Dexie.maxKey).toArray() };
  });
}

/** Take the next bundle sequence number (1, 2, ...). A number taken by an export that then failed is not reused. */
export async function takeBundleSequence(ctx: RepoContext): Promise<number> {
  return ctx.db.transaction('rw', ctx.db.meta, async () => {
    const row = await ctx.db.meta.get(SEQUENCE);
    const next = (typeof row?.value === 'number' ? row.value : 0) + 1;
    await ctx.db.meta.put({ key: SEQUENCE, value: next });
    return next;
  });
}

/**
 * Set the clock headquarters holds this site's changes up to (undefined: nothing), and keep the count of change
 * rows it covers. Raised, only the rows newly covered are counted; lowered (headquarters restored an older
 * store and says so), the covered rows are recounted, and the next export carries everything after the clock.
 */
export async function setAcknowledgedClock(
  ctx: RepoContext,
  clock: string | undefined,
): Promise<{ previous: string | undefined; current: string | undefined }> {
  return ctx.db.transaction('rw', ctx.db.meta, ctx.db.changes, async () => {
    const deviceId = await ownDevice(ctx);
    const previous = await acknowledgedClock(ctx);
    if (clock === previous) return { previous, current: clock };
    if (clock === undefined) {
      await ctx.db.meta.delete(ACKED);
      await ctx.db.meta.put({ key: ACKED_COUNT, value: 0 });
    } else if (previous === undefined || clock > previous) {
      await ctx.db.meta.put({ key: ACKED, value: clock });
      // Only the rows the raise newly covers are counted: those before `previous` were counted at its time.
      const newly = await ownChanges(ctx.db, deviceId, previous ?? Dexie.minKey, clock, { includeTo: true }).count();
      await ctx.db.meta.put({ key: ACKED_COUNT, value: (await metaCount(ctx.db, ACKED_COUNT)) + newly });
    } else {
      await ctx.db.meta.put({ key: ACKED, value: clock });
      await ctx.db.meta.put({ key: ACKED_COUNT, value: await ownChanges(ctx.db, deviceId, Dexie.minKey, clock, { includeTo: true }).count() });
    }
    return { previous, current: clock };
  });
}

/**
 * Apply an acknowledgement already checked (signature, site id), with its receipt, in one transaction. Only an
 * acknowledgement issued later than the last one applied counts, and it says what headquarters holds now: the
 * acknowledged clock follows it up, or down when headquarters holds less than it said before (a store restored
 * from a backup), so the next export covers from there. Idempotent: the same acknowledgement delivered again
 * (the sync folder is read at every start), or an older one read late, changes nothing, not even the receipt's
 * `appliedAt`, so "Synchronisé il y a 2 h" keeps counting from when headquarters' news first arrived.
 * `applied` says whether this acknowledgement was news.
 */
export async function recordAcknowledgementReceipt(
  ctx: RepoContext,
  ack: { ackedClock: string | null; issuedAt: string; bundleCount: number },
): Promise<{ previous: string | undefined; current: string | undefined; applied: boolean }> {
  return ctx.db.transaction('rw', ctx.db.meta, ctx.db.changes, async () => {
    const kept = await lastAcknowledgement(ctx);
    if (kept !== undefined && ack.issuedAt <= kept.issuedAt) {
      const clock = await acknowledgedClock(ctx);
      return { previous: clock, current: clock, applied: false };
    }
    const moved = await setAcknowledgedClock(ctx, ack.ackedClock ?? undefined);
    const receipt: AcknowledgementReceipt = {
      ackedClock: ack.ackedClock,
      issuedAt: ack.issuedAt,
      bundleCount: ack.bundleCount,
      appliedAt: new Date(ctx.clock.now()).toISOString(),
    };
    await ctx.db.meta.put({ key: LAST_ACK, value: receipt });
    return { ...moved, applied: true };
  });
}

export async function lastAcknowledgement(ctx: RepoContext): Promise<AcknowledgementReceipt | undefined> {
  const row = await ctx.db.meta.get(LAST_ACK);
  return row?.value as AcknowledgementReceipt | undefined;
}
