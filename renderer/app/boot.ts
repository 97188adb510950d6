import { createDb } from '../../shared/db/database.ts';
import { openDatabase, type OpenOutcome } from '../../shared/db/open.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { getBridge } from '../bridge/index.ts';

export type BootResult = { ok: true; ctx: RepoContext } | (OpenOutcome & { ok: false });

/** Open the browser's IndexedDB database and tell the Node side which schema version it now holds. */
export async function bootDatabase(): Promise<BootResult> {
  const db = createDb();
  const outcome = await openDatabase(db);
  if (!outcome.ok) return outcome;
  getBridge()
    .reportProfile({ dbVersion: outcome.version })
    .catch((error: unknown) => console.warn('Version du profil non enregistrée :', error));
  return { ok: true, ctx: { db, clock: systemClock } };
}
