import { createDb, PasserelleDb } from '../../shared/db/database.ts';
import { openDatabase } from '../../shared/db/open.ts';
import { dbVersions } from '../../shared/db/versions.ts';
import { todayIso } from '../../shared/format/fr.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { pendingChangeCount } from '../../shared/repos/changes.ts';
import { dashboard } from '../../shared/repos/dashboard.ts';
import { addHourLog } from '../../shared/repos/hourLogs.ts';
import { listMeasures } from '../../shared/repos/measures.ts';
import { listPersons, personPage } from '../../shared/repos/persons.ts';
import { collectPending } from '../../shared/sync/site.ts';
import { seedSite, type SeedSize } from './seed.ts';

export interface Timing {
  name: string;
  value: number;
  unit: 'ms' | 'MiB';
  rows?: number;
}

async function time<T>(timings: Timing[], name: string, fn: () => Promise<T>, rows?: (value: T) => number): Promise<T> {
  const start = performance.now();
  const value = await fn();
  timings.push({ name, value: Math.round(performance.now() - start), unit: 'ms', ...(rows ? { rows: rows(value) } : {}) });
  return value;
}

/**
 * Runs in Chromium, on its real IndexedDB: seeds a site at the given size, then times what a counsellor
 * does all day through the same repository functions the screens call.
 */
async function runSiteBench(size: SeedSize): Promise<{ timings: Timing[]; progress: string[] }> {
  const timings: Timing[] = [];
  const progress: string[] = [];
  // Seeded as a site still on the first schema version, so the one-time upgrade to the current one is timed.
  const db = new PasserelleDb(
    'passerelle-bench',
    {},
    dbVersions.filter((v) => v.version === 1),
  );
  await db.delete();
  await db.open();
  const today = todayIso(Date.now());
  const seeded = await time(timings, 'seed (bulk writes, not a user action)', () => seedSite(db, size, today, (p) => progress.push(p)));
  db.close();
  const upgraded = createDb({ name: 'passerelle-bench' });
  await time(timings, 'upgrade the local data from version 1 (once per site)', () => openDatabase(upgraded));
  upgraded.close();

  const fresh = createDb({ name: 'passerelle-bench' });
  await time(timings, 'open the database', () => openDatabase(fresh));
  const ctx = { db: fresh, clock: systemClock };
  const persons = await time(
    timings,
    'persons list',
    () => listPersons(ctx),
    (rows) => rows.length,
  );
  const measures = await time(
    timings,
    'measures list',
    () => listMeasures(ctx),
    (rows) => rows.length,
  );
  // Both lists held, as the screens hold them while open (Chromium's precise memory figure, see the runner).
  const heapMb = Math.round((performance as Performance & { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1024 / 1024);
  timings.push({ name: 'JS heap with both lists loaded', value: heapMb, unit: 'MiB', rows: persons.length + measures.length });
  await time(timings, 'dashboard', () => dashboard(ctx));
  await time(timings, 'person page', () => personPage(ctx, seeded.busiestPersonId));
  await time(timings, 'log one day of hours', () =>
    addHourLog(ctx, {
      measureId: seeded.openMeasure.id,
      personId: seeded.openMeasure.personId,
      placementId: seeded.openPlacement.id,
      date: today,
      hours: 3,
      confirmedByTutor: false,
    }),
  );
  await time(
    timings,
    'pending change count',
    () => pendingChangeCount(ctx),
    (n) => n,
  );
  const all = await fresh.changes.orderBy('seq').keys();
  const acked = await fresh.changes.get(all[all.length - 1_001] as number);
  await fresh.meta.put({ key: 'sync.ackedClock', value: acked!.clock });
  await time(
    timings,
    'collect the changes of a daily export',
    () => collectPending(ctx),
    (p) => p.changeCount,
  );
  fresh.close();
  return { timings, progress };
}

declare global {
  interface Window {
    runSiteBench: typeof runSiteBench;
  }
}
// Playwright passes on only an error's message: give it the Dexie error's name, message and inner cause.
window.runSiteBench = async (size) => {
  try {
    return await runSiteBench(size);
  } catch (error) {
    const e = error as { name?: string; message?: string; inner?: { name?: string; message?: string } };
    throw new Error(`${e.name}: ${e.message}${e.inner ? ` (${e.inner.name}: ${e.inner.message})` : ''}`, { cause: error });
  }
};
