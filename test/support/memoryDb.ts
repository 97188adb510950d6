import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb, type PasserelleDb } from '../../shared/db/database.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { setUpSite } from '../../shared/repos/identity.ts';
import type { SiteSetupInput } from '../../shared/schemas/site.ts';

/** A settable clock for tests. */
export function fixedClock(iso = '2026-11-25T10:00:00.000Z'): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = Date.parse(iso);
  return {
    now: () => now,
    set: (value: string) => {
      now = Date.parse(value);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A fresh, empty in-memory database (its own fake IndexedDB, so tests never share state). */
export function memoryDb(name = 'passerelle-test'): PasserelleDb {
  return createDb({ name, indexedDB: new IDBFactory(), IDBKeyRange });
}

export const testSite: SiteSetupInput = {
  kind: 'spip',
  code: 'SPIP-54',
  name: 'SPIP de Meurthe-et-Moselle',
  departement: '54',
  userName: 'Camille Martin',
};

/** A configured site on an in-memory database with a fixed clock. */
export async function testContext(site: SiteSetupInput = testSite, clock = fixedClock()): Promise<RepoContext & { clock: ReturnType<typeof fixedClock> }> {
  const ctx = { db: memoryDb(), clock };
  await setUpSite(ctx, site);
  return ctx;
}
