import { Dexie, type Table } from 'dexie';
import type { RepoContext } from './context.ts';
import { isLive, sumHours } from './guards.ts';
import type { Writer } from './writer.ts';
import type { HourTotal } from '../db/database.ts';
import { monthOf } from '../rules/calendar.ts';
import type { HourLog } from '../schemas/hourLog.ts';

const measureKey = (measureId: string) => `measure:${measureId}`;
const monthKey = (month: string) => `month:${month}`;

function totalsTable(w: Writer): Table<HourTotal, string> {
  return w.table('hourLog').db.table<HourTotal, string>('hourTotals');
}

/** Add (or, with -1, take back) a log's hours to its measure's and its month's running sums. */
export async function countInTotals(w: Writer, log: Pick<HourLog, 'measureId' | 'date' | 'hours'>, sign: 1 | -1): Promise<void> {
  const table = totalsTable(w);
  for (const key of [measureKey(log.measureId), monthKey(monthOf(log.date))]) {
    const row = await table.get(key);
    await table.put({ key, hours: (row?.hours ?? 0) + sign * log.hours });
  }
}

/**
 * The live hour logs of one measure, through the [measureId+date] index: a few dozen lines, whatever the
 * size of the table. The rules count on these, not on the running sums.
 */
export async function logsOfMeasure(w: Writer, measureId: string): Promise<HourLog[]> {
  const logs = await w.table('hourLog').where('[measureId+date]').between([measureId, Dexie.minKey], [measureId, Dexie.maxKey]).toArray();
  return logs.filter(isLive);
}

export async function hoursOfMeasure(w: Writer, measureId: string, exceptId?: string): Promise<number> {
  return sumHours((await logsOfMeasure(w, measureId)).filter((l) => l.id !== exceptId));
}

/** Hours done per measure, from the running sums. */
export async function measureTotals(ctx: RepoContext): Promise<Map<string, number>> {
  const rows = await ctx.db.hourTotals.where('key').startsWith('measure:').toArray();
  return new Map(rows.map((r) => [r.key.slice('measure:'.length), r.hours]));
}

/** Hours done in each of the given months (`yyyy-mm`), from the running sums. */
export async function monthTotals(ctx: RepoContext, months: readonly string[]): Promise<{ month: string; hours: number }[]> {
  const rows = await ctx.db.hourTotals.bulkGet(months.map(monthKey));
  return months.map((month, i) => ({ month, hours: rows[i]?.hours ?? 0 }));
}

/**
 * Recompute every running sum from the hour logs (one pass over the whole table): for a database whose hour
 * logs were written by something other than shared/repos/hourLogs.ts, such as a restored backup.
 */
export async function rebuildHourTotals(ctx: RepoContext): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.hourLogs, ctx.db.hourTotals, async () => {
    const sums = new Map<string, number>();
    await ctx.db.hourLogs.each((log) => {
      if (!isLive(log)) return;
      for (const key of [measureKey(log.measureId), monthKey(monthOf(log.date))]) sums.set(key, (sums.get(key) ?? 0) + log.hours);
    });
    await ctx.db.hourTotals.clear();
    await ctx.db.hourTotals.bulkPut([...sums].map(([key, hours]) => ({ key, hours })));
  });
}
