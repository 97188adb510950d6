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
  ackedClock: string;
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
 * Record what headquarters acknowledged. Never lowers it: an older acknowledgement read late must not make
 * the site resend what a newer one already covered (resending would be harmless, but the pending count
 * would go back up).
 */
export async function raiseAcknowledgedClock(ctx: RepoContext, clock: string): Promise<{ previous: string | undefined; current: string }> {
  return ctx.db.transaction('rw', ctx.db.meta, ctx.db.changes, async () => {
    const deviceId = await ownDevice(ctx);
    const previous = await acknowledgedClock(ctx);
    const current = previous !== undefined && previous >= clock ? previous : clock;
    if (current !== previous) {
      await ctx.db.meta.put({ key: ACKED, value: current });
      // Only the rows the raise newly covers are counted: those before `previous` were counted at its time.
      const newly = await ownChanges(ctx.db, deviceId, previous ?? Dexie.minKey, current, { includeTo: true }).count();
      await ctx.db.meta.put({ key: ACKED_COUNT, value: (await metaCount(ctx.db, ACKED_COUNT)) + newly });
    }
    return { previous, current };
  });
}

/**
 * Apply an acknowledgement already checked (signature, site id): raise the acknowledged clock and keep the
 * receipt, in one transaction. Idempotent: the same acknowledgement delivered again (the sync folder is read
 * at every start), or an older one read late, changes nothing, not even the receipt's `appliedAt`, so
 * "Synchronisé il y a 2 h" keeps counting from when headquarters' news first arrived. `applied` says whether
 * this acknowledgement was news.
 */
export async function recordAcknowledgementReceipt(
  ctx: RepoContext,
  ack: { ackedClock: string; issuedAt: string; bundleCount: number },
): Promise<{ previous: string | undefined; current: string; applied: boolean }> {
  return ctx.db.transaction('rw', ctx.db.meta, ctx.db.changes, async () => {
    const raised = await raiseAcknowledgedClock(ctx, ack.ackedClock);
    const kept = await lastAcknowledgement(ctx);
    const newer = kept === undefined || ack.ackedClock > kept.ackedClock || (ack.ackedClock === kept.ackedClock && ack.issuedAt > kept.issuedAt);
    if (newer) {
      const receipt: AcknowledgementReceipt = {
        ackedClock: ack.ackedClock,
        issuedAt: ack.issuedAt,
        bundleCount: ack.bundleCount,
        appliedAt: new Date(ctx.clock.now()).toISOString(),
      };
      await ctx.db.meta.put({ key: LAST_ACK, value: receipt });
    }
    return { ...raised, applied: newer };
  });
}

export async function lastAcknowledgement(ctx: RepoContext): Promise<AcknowledgementReceipt | undefined> {
  const row = await ctx.db.meta.get(LAST_ACK);
  return row?.value as AcknowledgementReceipt | undefined;
}
