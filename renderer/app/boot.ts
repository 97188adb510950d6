import { createDb, type PasserelleDb } from '../../shared/db/database.ts';
import { openDatabase, type OpenOutcome } from '../../shared/db/open.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { getBridge } from '../bridge/index.ts';

export type BootResult = { ok: true; ctx: RepoContext } | (OpenOutcome & { ok: false });

/**
 * Open the local database (the browser's IndexedDB unless told) and tell the Node side which schema version it
 * now holds. A database written by a newer build, or one that cannot be opened, is an outcome to show, not a throw.
 */
export async function bootDatabase(db: PasserelleDb = createDb()): Promise<BootResult> {
  const outcome = await openDatabase(db);
  if (!outcome.ok) return outcome;
  getBridge()
    .reportProfile({ dbVersion: outcome.version })
    .catch((error: unknown) => console.warn('Version du profil non enregistrée :', error));
  return { ok: true, ctx: { db, clock: systemClock } };
}
