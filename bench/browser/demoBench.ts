import { createDb } from '../../shared/db/database.ts';
import { openDatabase } from '../../shared/db/open.ts';
import { loadSiteDemo } from '../../shared/demo/siteDemo.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { setUpSite } from '../../shared/repos/identity.ts';

export interface DemoRun {
  ms: number;
  /** Rows in the change log and progress reports: checked by the runner, so a fast wrong load cannot pass. */
  changes: number;
  persons: number;
  progressReports: number;
}

/**
 * Runs in Chromium, on its real IndexedDB: a freshly configured site, then « Charger des données de
 * démonstration » as the first-run screen calls it (same function, same seed, progress reported).
 */
async function runDemoBench(run: number): Promise<DemoRun> {
  const db = createDb({ name: `passerelle-demo-bench-${run}` });
  await db.delete();
  await openDatabase(db);
  const ctx = { db, clock: systemClock };
  await setUpSite(ctx, { kind: 'spip', code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle', departement: '54', userName: 'Camille Martin' });
  let progressReports = 0;
  const start = performance.now();
  await loadSiteDemo(ctx, { seed: 2026, onProgress: () => progressReports++ });
  const ms = performance.now() - start;
  const result = { ms, changes: await db.changes.count(), persons: await db.persons.count(), progressReports };
  db.close();
  await db.delete();
  return result;
}

declare global {
  interface Window {
    runDemoBench: typeof runDemoBench;
  }
}
window.runDemoBench = runDemoBench;
