import { Dexie, type Table } from 'dexie';
import type { RepoContext } from './context.ts';
import { isLive, sumHours } from '../util.ts';
import type { Writer } from './writer.ts';
import { measureKey, monthKey, placementKey, type HourTotal } from '../db/rows.ts';
import { rebuildTotalsIn } from '../db/upgrades.ts';
import { monthOf } from '../rules/calendar.ts';
import { measureDoneOf, type MeasureDone } from '../rules/ordered.ts';
import type { HourLog } from '../schemas/hourLog.ts';

function totalsTable(w: Writer): Table<HourTotal, string> {
  return w.table('hourLog').db.table<HourTotal, string>('hourTotals');
}

/**
 * Add (or, with -1, take back) a log's hours to its measure's, its month's and its placement's running sums;
 * its day to the measure's days worked when no other live log of the measure is on that day; and keep the
 * placement's latest day with hours.
 */
export async function countInTotals(w: Writer, log: Pick<HourLog, 'id' | 'measureId' | 'placementId' | 'date' | 'hours'>, sign: 1 | -1): Promise<void> {
  const table = totalsTable(w);
  const sameDay = await w.table('hourLog').where('[measureId+date]').equals([log.measureId, log.date]).toArray();
  const newDay = !sameDay.some((l) => isLive(l) && l.id !== log.id);
  const measure = await table.get(measureKey(log.measureId));
  await table.put({ key: measureKey(log.measureId), hours: (measure?.hours ?? 0) + sign * log.hours, days: (measure?.days ?? 0) + (newDay ? sign : 0) });
  const month = await table.get(monthKey(monthOf(log.date)));
  await table.put({ key: monthKey(monthOf(log.date)), hours: (month?.hours ?? 0) + sign * log.hours });
  if (log.placementId === undefined) return;
  // The placement's latest day with hours, this log set aside when it is taken back.
  const latest = await w
    .table('hourLog')
    .where('[placementId+date]')
    .between([log.placementId, Dexie.minKey], [log.placementId, Dexie.maxKey])
    .reverse()
    .filter((l) => isLive(l) && (sign === 1 || l.id !== log.id))
    .first();
  const placement = await table.get(placementKey(log.placementId));
  await table.put({ key: placementKey(log.placementId), hours: (placement?.hours ?? 0) + sign * log.hours, ...(latest ? { lastDate: latest.date } : {}) });
}

/**
 * `countInTotals` for many new logs at once (bulk inserts, after they are written): the same rows, read and
 * written in three bulk requests instead of five requests a log. A day counts for its measure when no live
 * log of the measure was on it before the batch and no earlier log of the batch.
 */
export async function countNewInTotals(w: Writer, logs: readonly Pick<HourLog, 'id' | 'measureId' | 'placementId' | 'date' | 'hours'>[]): Promise<void> {
  if (logs.length === 0) return;
  const table = totalsTable(w);
  const batch = new Set(logs.map((l) => l.id));
  const dayOf = (measureId: string, date: string) => `${measureId}|${date}`;
  const days = new Map(logs.map((l) => [dayOf(l.measureId, l.date), [l.measureId, l.date]]));
  const before = await w
    .table('hourLog')
    .where('[measureId+date]')
    .anyOf([...days.values()])
    .toArray();
  const worked = new Set(before.filter((l) => isLive(l) && !batch.has(l.id)).map((l) => dayOf(l.measureId, l.date)));
  const sums = new Map<string, HourTotal>();
  const add = (key: string, hours: number) => {
    const row = sums.get(key) ?? { key, hours: 0 };
    row.hours += hours;
    sums.set(key, row);
    return row;
  };
  for (const log of logs) {
    const measure = add(measureKey(log.measureId), log.hours);
    const day = dayOf(log.measureId, log.date);
    measure.days = (measure.days ?? 0) + (worked.has(day) ? 0 : 1);
    worked.add(day);
    add(monthKey(monthOf(log.date)), log.hours);
    if (log.placementId === undefined) continue;
    const placement = add(placementKey(log.placementId), log.hours);
    if (placement.lastDate === undefined || log.date > placement.lastDate) placement.lastDate = log.date;
  }
  const keys = [...sums.keys()];
  const current = await table.bulkGet(keys);
  await table.bulkPut(
    keys.map((key, i) => {
      const added = sums.get(key)!;
      const row = current[i];
      const total: HourTotal = { key, hours: (row?.hours ?? 0) + added.hours };
      if (added.days !== undefined) total.days = (row?.days ?? 0) + added.days;
      const lastDate = row?.lastDate !== undefined && (added.lastDate === undefined || row.lastDate > added.lastDate) ? row.lastDate : added.lastDate;
      if (lastDate !== undefined) total.lastDate = lastDate;
      return total;
    }),
  );
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

/** Hours and days done on a measure, from its logs (this one set aside when it is edited). */
export async function doneOnMeasure(w: Writer, measureId: string, exceptId?: string): Promise<MeasureDone> {
  return measureDoneOf((await logsOfMeasure(w, measureId)).filter((l) => l.id !== exceptId));
}

/** Hours and days done per measure, from the running sums. */
export async function measureTotals(ctx: RepoContext): Promise<Map<string, { hours: number; days: number }>> {
  const rows = await ctx.db.hourTotals.where('key').startsWith('measure:').toArray();
  return new Map(rows.map((r) => [r.key.slice('measure:'.length), { hours: r.hours, days: r.days ?? 0 }]));
}

/** Hours and days done on the given measures only, from the running sums (one request). */
export async function totalsOfMeasures(ctx: RepoContext, measureIds: readonly string[]): Promise<{ hours: number; days: number }[]> {
  const rows = await ctx.db.hourTotals.bulkGet(measureIds.map(measureKey));
  return rows.map((r) => ({ hours: r?.hours ?? 0, days: r?.days ?? 0 }));
}

/** The latest day with hours of each placement (undefined before its first hours), from the running sums. */
export async function lastHoursOfPlacements(ctx: RepoContext, placementIds: readonly string[]): Promise<(string | undefined)[]> {
  const rows = await ctx.db.hourTotals.bulkGet(placementIds.map(placementKey));
  return rows.map((r) => r?.lastDate);
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
  await ctx.db.transaction('rw', ctx.db.hourLogs, ctx.db.hourTotals, () => rebuildTotalsIn(ctx.db.hourLogs, ctx.db.hourTotals));
}
/**
 * Bring the running sums in line with hour logs changed by something other than this file's writers (a
 * colleague's changes applied from the office share), inside the caller's transaction: months by the
 * difference, each measure and placement concerned recounted from its own logs (a few dozen rows).
 */
export async function recountTotalsIn(
  hourLogs: Table<HourLog, string>,
  hourTotals: Table<HourTotal, string>,
  changed: readonly { before: HourLog | undefined; after: HourLog | undefined }[],
): Promise<void> {
  const months = new Map<string, number>();
  const measures = new Set<string>();
  const placements = new Set<string>();
  for (const { before, after } of changed) {
    for (const [log, sign] of [
      [before, -1],
      [after, 1],
    ] as const) {
      if (!log) continue;
      measures.add(log.measureId);
      if (log.placementId !== undefined) placements.add(log.placementId);
      if (isLive(log)) months.set(monthOf(log.date), (months.get(monthOf(log.date)) ?? 0) + sign * log.hours);
    }
  }
  for (const [month, delta] of months) {
    if (delta === 0) continue;
    const row = await hourTotals.get(monthKey(month));
    await hourTotals.put({ key: monthKey(month), hours: (row?.hours ?? 0) + delta });
  }
  for (const measureId of measures) {
    const logs = (await hourLogs.where('[measureId+date]').between([measureId, Dexie.minKey], [measureId, Dexie.maxKey]).toArray()).filter(isLive);
    const done = measureDoneOf(logs);
    await hourTotals.put({ key: measureKey(measureId), hours: done.hours, days: done.days.size });
  }
  for (const placementId of placements) {
    const logs = (await hourLogs.where('[placementId+date]').between([placementId, Dexie.minKey], [placementId, Dexie.maxKey]).toArray()).filter(isLive);
    const last = logs[logs.length - 1];
    await hourTotals.put({ key: placementKey(placementId), hours: sumHours(logs), ...(last ? { lastDate: last.date } : {}) });
  }
}
