/*
 * Small helpers every floor of shared/ may use: they read no table and import nothing above the ground floor.
 */
import { todayIso } from './format/fr.ts';
import type { Clock } from './ports/clock.ts';

/** Today's date for the rules, from the context clock or the writer's (Paris calendar). */
export function today(source: { now(): number } | { clock: Clock }): string {
  return todayIso('clock' in source ? source.clock.now() : source.now());
}

export function isLive<T extends { deleted?: true | undefined }>(record: T): boolean {
  return !record.deleted;
}

export function sumHours(logs: readonly { hours: number }[]): number {
  let total = 0;
  for (const l of logs) total += l.hours;
  return total;
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
