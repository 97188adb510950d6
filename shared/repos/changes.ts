import { ACKED_COUNT, LOGGED_COUNT, metaCount, type ChangeEntry } from '../db/rows.ts';
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

/** Highest clock headquarters acknowledged (set by sync); changes after it are still to send. */
export async function acknowledgedClock(ctx: RepoContext): Promise<string | undefined> {
  const row = await ctx.db.meta.get('sync.ackedClock');
  return typeof row?.value === 'string' ? row.value : undefined;
}

/** Local changes headquarters has not acknowledged yet. */
export async function pendingChangeCount(ctx: RepoContext): Promise<number> {
  const [logged, acked] = await Promise.all([metaCount(ctx.db, LOGGED_COUNT), metaCount(ctx.db, ACKED_COUNT)]);
  return logged - acked;
}
