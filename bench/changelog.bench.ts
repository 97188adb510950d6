import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../shared/db/database.ts';
import { pendingChangeCount } from '../shared/repos/changes.ts';
import { setUpSite } from '../shared/repos/identity.ts';
import { writeTransaction } from '../shared/repos/writer.ts';
import type { PersonInput } from '../shared/schemas/person.ts';
import { type Bench, check, row, RUNS } from './harness.ts';

const N = 10_000;
const inputs: PersonInput[] = Array.from({ length: N }, (_, i) => ({
  lastName: `Nom${i}`,
  firstName: 'Prénom',
  birthDate: '1990-01-01',
  caseNumber: `D-${i}`,
}));

async function freshSite() {
  const ctx = { db: createDb({ name: 'bench', indexedDB: new IDBFactory(), IDBKeyRange }), clock: { now: () => Date.now() } };
  await setUpSite(ctx, { kind: 'spip', code: 'SPIP-54', name: 'SPIP bench', departement: '54', userName: 'Bench' });
  return ctx;
}

/**
 * The repository writer (validate, stamp, write, log) under Node with fake-indexeddb, which is slower than
 * Chromium's IndexedDB: a pessimistic figure for the desktop app. One record at a time, as a form writes, and
 * in bulk (`insertMany`), as demo data and simulated sites write; each run on a fresh database.
 */
const bench: Bench = {
  title: 'Repository writes and the change log (Node, fake-indexeddb)',
  async run() {
    const single: number[] = [];
    const bulk: number[] = [];
    const count: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ['single', 'bulk'] as const) {
        const ctx = await freshSite();
        const start = performance.now();
        await writeTransaction(ctx, async (w) => {
          if (mode === 'bulk') await w.insertMany('person', inputs);
          else for (const input of inputs) await w.insert('person', input);
        });
        (mode === 'bulk' ? bulk : single).push((N / (performance.now() - start)) * 1000);
        check((await ctx.db.persons.count()) === N && (await ctx.db.changes.count()) === N, 'un enregistrement et une ligne du journal par personne');
        const counted = performance.now();
        check((await pendingChangeCount(ctx)) === N, 'modifications en attente');
        count.push(performance.now() - counted);
        ctx.db.close();
      }
    }
    const size = `${N.toLocaleString('en')} persons`;
    return [
      row('records written one at a time, one transaction', size, single, 'records/s', { atLeast: 2000 }),
      row('records written in bulk (insertMany)', size, bulk, 'records/s', { atLeast: 10_000 }),
      row('pending change count', `${N.toLocaleString('en')} changes`, count, 'ms', { atMost: 200 }),
    ];
  },
};
export default bench;
