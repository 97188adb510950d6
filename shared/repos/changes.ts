import { Dexie, type Collection, type IndexableType, type Table } from 'dexie';
import type { PasserelleDb } from '../db/database.ts';
import { ACKED_COUNT, LOGGED_COUNT, metaCount, type ChangeEntry, type MetaEntry } from '../db/rows.ts';
import { recountChangesIn } from '../db/upgrades.ts';
import type { EntityName } from '../schemas/entities.ts';
import type { RepoContext } from './context.ts';

/** The audit trail of one record: every change, oldest first. */
export function historyOf(ctx: RepoContext, entity: EntityName, recordId: string): Promise<ChangeEntry[]> {
  return ctx.db.changes.where('[entity+recordId]').equals([entity, recordId]).sortBy('seq');
}

/** The most recent changes of the whole site, newest first. */
export function recentChanges(ctx: RepoContext, limit = 100): Promise<ChangeEntry[]> {
  return ctx.db.changes.orderBy('seq').reverse().limit(limit).toArray();
}

/**
 * One workstation's own change rows with a clock after `from` (and up to `to`), in clock order: its clocks
 * carry its device id, so they never mix with the rows it applied from the office's other workstations.
 */
export function ownChanges(
  db: Pick<PasserelleDb, 'changes'>,
  deviceId: string,
  from: IndexableType,
  to: IndexableType,
  options: { includeTo?: boolean } = {},
): Collection<ChangeEntry, number> {
  return db.changes.where('[deviceId+clock]').between([deviceId, from], [deviceId, to], false, options.includeTo ?? false);
}

/** Highest clock headquarters acknowledged (set by sync); changes after it are still to send. */
export async function acknowledgedClock(ctx: RepoContext): Promise<string | undefined> {
  const row = await ctx.db.meta.get('sync.ackedClock');
  return typeof row?.value === 'string' ? row.value : undefined;
}

/**
 * Both counters from this workstation's own rows in the change log, the acknowledged clock and the identity
 * in meta (a restored database; rows applied from the office's other workstations are not counted). A counter
 * that is already right is left as it is.
 */
export async function recountOwnChangesIn(meta: Table<MetaEntry, string>, changes: Table<ChangeEntry, number>): Promise<void> {
  const identity = (await meta.get('identity'))?.value as { deviceId?: unknown } | undefined;
  if (typeof identity?.deviceId !== 'string') return recountChangesIn(meta, changes);
  const deviceId = identity.deviceId;
  const acked = (await meta.get('sync.ackedClock'))?.value;
  const own = (to: IndexableType, includeTo: boolean) => ownChanges({ changes }, deviceId, Dexie.minKey, to, { includeTo }).count();
  const counts = { [LOGGED_COUNT]: await own(Dexie.maxKey, false), [ACKED_COUNT]: typeof acked === 'string' ? await own(acked, true) : 0 };
  for (const [key, value] of Object.entries(counts)) if ((await metaCount({ meta }, key)) !== value) await meta.put({ key, value });
}

/** This workstation's changes headquarters has not acknowledged yet (the counters count its own rows only). */
export async function pendingChangeCount(ctx: RepoContext): Promise<number> {
  const [logged, acked] = await Promise.all([metaCount(ctx.db, LOGGED_COUNT), metaCount(ctx.db, ACKED_COUNT)]);
  return logged - acked;
}
