import { todayIso } from '../format/fr.ts';
import type { BackupOrigin } from './format.ts';

export interface KeptBackup {
  name: string;
  createdAt: string;
  origin: BackupOrigin;
}

export const DAILY_KEPT = 7;
export const WEEKLY_KEPT = 4;
/** Backups taken before an upgrade or a restore: the last few of each kind, enough to step back once or twice. */
export const OCCASIONAL_KEPT = 3;

/** Monday of the week of `day` (`yyyy-mm-dd`): weeks are counted Monday to Sunday, as in France. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * The automatic backups to delete: of the daily ones, the newest of each of the last 7 days that have one
 * stay, and the newest of each of the last 4 weeks that have one; of the others, the last 3 of each kind.
 * Days and weeks are those of Paris. The newest backup always stays.
 */
export function backupsToRemove(backups: readonly KeptBackup[]): string[] {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  const daily = newestFirst.filter((b) => b.origin === 'quotidienne');
  const newestPer = (key: (b: KeptBackup) => string, limit: number) => {
    const seen = new Set<string>();
    for (const backup of daily) {
      const slot = key(backup);
      if (seen.has(slot)) continue;
      if (seen.size === limit) break;
      seen.add(slot);
      keep.add(backup.name);
    }
  };
  const day = (b: KeptBackup) => todayIso(Date.parse(b.createdAt));
  newestPer(day, DAILY_KEPT);
  newestPer((b) => weekOf(day(b)), WEEKLY_KEPT);
  const occasional = new Map<BackupOrigin, number>();
  for (const backup of newestFirst) {
    if (daily.includes(backup)) continue;
    const n = occasional.get(backup.origin) ?? 0;
    if (n < OCCASIONAL_KEPT) keep.add(backup.name);
    occasional.set(backup.origin, n + 1);
  }
  return newestFirst.filter((b) => !keep.has(b.name)).map((b) => b.name);
}
