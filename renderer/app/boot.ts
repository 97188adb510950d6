import { createDb, type PasserelleDb } from '../../shared/db/database.ts';
import { openDatabase, type OpenOutcome } from '../../shared/db/open.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { getBridge } from '../bridge/index.ts';
import { startupBackups, type StartupProgress } from '../features/backup/index.ts';

export type BootResult = { ok: true; ctx: RepoContext } | (OpenOutcome & { ok: false });
export type { StartupProgress };

/**
 * Open the local database (the browser's IndexedDB unless told) and tell the Node side which schema version it
 * now holds. Before that, a restore a person confirmed, and a backup before an upgrade (startupBackups). A
 * database written by a newer build, or one that cannot be opened, is an outcome to show, not a throw.
 */
export async function bootDatabase(db: PasserelleDb = createDb(), onProgress?: (progress: StartupProgress) => void): Promise<BootResult> {
  const { indexedDB, IDBKeyRange } = db._options;
  const failed = await startupBackups(db.name, {
    indexedDB,
    IDBKeyRange,
    storage: window.sessionStorage,
    bridge: getBridge(),
    ...(onProgress ? { onProgress } : {}),
  });
  if (failed) return failed;
  const outcome = await openDatabase(db);
  if (!outcome.ok) return outcome;
  getBridge()
    .reportProfile({ dbVersion: outcome.version })
    .catch((error: unknown) => console.warn('Version du profil non enregistrée :', error));
  return { ok: true, ctx: { db, clock: systemClock } };
}
