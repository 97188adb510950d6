import { useEffect } from 'react';
import { backupSite } from '../../../shared/bridge/backupClient.ts';
import type { BackupFile } from '../../../shared/bridge/backupSchemas.ts';
import { todayIso } from '../../../shared/format/fr.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';
import { getBridge } from '../../bridge/index.ts';
import { oneBackupAtATime } from './exclusive.ts';

/** Whether today (in Paris) has no daily backup yet. */
export function dailyBackupDue(backups: readonly Pick<BackupFile, 'origin' | 'createdAt'>[], now: number): boolean {
  const today = todayIso(now);
  return !backups.some((b) => b.origin === 'quotidienne' && todayIso(Date.parse(b.createdAt)) === today);
}

/** The first check waits for the start to settle; then one an hour, so a PC left on overnight backs up the next day. */
export const FIRST_CHECK_MS = 2 * 60_000;
export const CHECK_EVERY_MS = 60 * 60_000;

export async function runDailyBackup(ctx: RepoContext, identity: SiteIdentity): Promise<boolean> {
  const bridge = getBridge();
  const { backups, problem } = await bridge.backupList({});
  if (problem || !dailyBackupDue(backups, ctx.clock.now())) return false;
  await oneBackupAtATime(() =>
    backupSite(ctx, bridge, {
      origin: 'quotidienne',
      site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind },
    }),
  );
  return true;
}

/**
 * The daily backup, outside the browser profile (the installation's folder), while the application is open:
 * the page reads its database a page at a time, so work goes on meanwhile.
 */
export function useDailyBackup(ctx: RepoContext, identity: SiteIdentity): void {
  useEffect(() => {
    const check = () => void runDailyBackup(ctx, identity).catch((error: unknown) => console.warn('Sauvegarde quotidienne impossible :', error));
    const first = setTimeout(check, FIRST_CHECK_MS);
    const every = setInterval(check, CHECK_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [ctx, identity]);
}
