import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../shared/db/database.ts';
import { pendingChangeCount } from '../shared/repos/changes.ts';
import { setUpSite } from '../shared/repos/identity.ts';
import { writeTransaction } from '../shared/repos/writer.ts';
import { type Bench, heapMb, timeMs, under } from './harness.ts';

/**
 * The repository writer (validate, stamp, write, log) under Node with fake-indexeddb, which is slower than
 * Chromium's IndexedDB: a pessimistic figure for the desktop app.
 */
const bench: Bench = {
  title: 'Repository writes and the change log (Node, fake-indexeddb)',
  async run() {
    const ctx = { db: createDb({ name: 'bench', indexedDB: new IDBFactory(), IDBKeyRange }), clock: { now: () => Date.now() } };
    await setUpSite(ctx, { kind: 'spip', code: 'SPIP-54', name: 'SPIP bench', departement: '54', userName: 'Bench' });
    const n = 10_000;
    const before = heapMb();
    const insertMs = await timeMs(
      () =>
        writeTransaction(ctx, async (w) => {
          for (let i = 0; i < n; i++) {
            await w.insert('person', { lastName: `Nom${i}`, firstName: 'Prénom', birthDate: '1990-01-01', caseNumber: `D-${i}` });
          }
        }),
      1,
    );
    const countMs = await timeMs(() => pendingChangeCount(ctx));
    const perSecond = Math.round((n / insertMs) * 1000);
    return [
      {
        name: 'records written in one transaction',
        size: `${n} persons`,
        value: perSecond,
        unit: 'records/s',
        target: '> 2000 records/s',
        ok: perSecond > 2000,
      },
      { name: 'pending change count', size: `${n} changes`, value: countMs, unit: 'ms', ...under(countMs, 200, 'ms') },
      { name: 'heap growth', size: `${n} persons`, value: Math.round((heapMb() - before) * 10) / 10, unit: 'MiB' },
    ];
  },
};
export default bench;
