import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { v7 as uuidv7 } from 'uuid';
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

/**
 * Two configured sites with the same identity, ids and clock: what one writes record by record, the other can
 * write in bulk, and their tables compare equal.
 */
export async function twinContexts(site: SiteSetupInput = testSite) {
  const ids = Array.from({ length: 1000 }, () => uuidv7());
  const make = async () => {
    let next = 0;
    const ctx = { db: memoryDb(), clock: fixedClock(), newId: () => ids[next++]! };
    await setUpSite(ctx, site);
    return ctx;
  };
  return [await make(), await make()] as const;
}

/** Every table's rows, in a fixed order, to compare two databases. */
export function tableContents(ctx: RepoContext): Promise<unknown[][]> {
  return Promise.all(ctx.db.tables.map((t) => t.toArray()));
}
