/*
 * What the database upgrades of versions.ts do to the data. They run inside the upgrade transaction and read
 * only the tables they are given, never a repository (repositories sit on the floor above the database).
 */
import type { Table } from 'dexie';
import { ACKED_COUNT, LOGGED_COUNT, measureKey, metaCount, monthKey, placementKey, type ChangeEntry, type HourTotal, type MetaEntry } from './rows.ts';
import { monthOf } from '../rules/calendar.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import { isLive } from '../util.ts';

/**
 * Both counters from the change log itself: the database upgrade that introduced them, and a restore. A
 * counter that is already right is left as it is (an absent one reads 0).
 */
export async function recountChangesIn(meta: Table<MetaEntry, string>, changes: Table<ChangeEntry, number>): Promise<void> {
  const acked = (await meta.get('sync.ackedClock'))?.value;
  const counts = {
    [LOGGED_COUNT]: await changes.count(),
    [ACKED_COUNT]: typeof acked === 'string' ? await changes.where('clock').belowOrEqual(acked).count() : 0,
  };
  for (const [key, value] of Object.entries(counts)) if ((await metaCount({ meta }, key)) !== value) await meta.put({ key, value });
}

/**
 * Every running sum recomputed from the hour logs, inside a transaction the caller holds: the database upgrade
 * that added the days, and `rebuildHourTotals` in shared/repos/hourTotals.ts.
 */
export async function rebuildTotalsIn(hourLogs: Table<HourLog, string>, hourTotals: Table<HourTotal, string>): Promise<void> {
  const sums = new Map<string, HourTotal>();
  const days = new Map<string, Set<string>>();
  await hourLogs.each((log) => {
    if (!isLive(log)) return;
    for (const key of [measureKey(log.measureId), monthKey(monthOf(log.date))]) {
      const row = sums.get(key) ?? { key, hours: 0 };
      row.hours += log.hours;
      sums.set(key, row);
    }
    const dates = days.get(measureKey(log.measureId)) ?? new Set<string>();
    dates.add(log.date);
    days.set(measureKey(log.measureId), dates);
    if (log.placementId === undefined) return;
    const key = placementKey(log.placementId);
    const placement = sums.get(key) ?? { key, hours: 0 };
    placement.hours += log.hours;
    if (placement.lastDate === undefined || log.date > placement.lastDate) placement.lastDate = log.date;
    sums.set(key, placement);
  });
  for (const [key, dates] of days) sums.get(key)!.days = dates.size;
  await hourTotals.clear();
  await hourTotals.bulkPut([...sums.values()]);
}
