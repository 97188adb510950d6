import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { openDemoSite } from '../electron/cli/demo/simulate.ts';
import { nodeDeflate } from '../electron/node/deflate.ts';
import { openSqliteHqStore } from '../electron/node/hq/sqliteStore.ts';
import { memoryKeyStore } from '../shared/ports/keyStore.ts';
import { entities, entityNames } from '../shared/schemas/entities.ts';
import { importBundle } from '../shared/sync/hqImport.ts';
import { createHqKeys, loadHqKeyring } from '../shared/sync/keys.ts';
import { exportBundle } from '../shared/sync/site.ts';
import { type Bench, check, row, RUNS } from './harness.ts';

PouchDB.plugin(memoryAdapter).plugin(replication);

// BENCH_SCALE=0.1 runs the same bench on a tenth of the records, to check it quickly.
const RECORDS = Math.max(1, Math.round(1333 * Number(process.env.BENCH_SCALE ?? 1)));
const UNTIL = Date.parse('2026-12-07T12:00:00.000Z');

/**
 * What a site would otherwise use to send its records to headquarters: PouchDB, with its memory adapter on
 * both sides and one replication, against Passerelle's export (collect the change log, pseudonymise,
 * compress, encrypt, sign) and headquarters' import (verify, decrypt, decompress, validate, merge, commit to
 * SQLite on disk), of the same records of one simulated site, run by run in the same process.
 */
const bench: Bench = {
  title: 'Site to headquarters: Passerelle against PouchDB (Node)',
  notes: [
    `One simulated site (demo-bundles generators, ${RECORDS} records of each kind, written through the repositories into fake-indexeddb). PouchDB gets the same records as documents in a memory database, not timed, like the site's own database; then one replication to an empty memory database is timed (CPU of the process, and wall clock). Passerelle's side is timed from reading the change log to the committed SQLite transaction at headquarters. Checked: headquarters holds every record, PouchDB's target every document.`,
  ],
  async run() {
    const site = await openDemoSite(1, { records: RECORDS, generations: 1, seed: 2026, until: UNTIL });
    await site.write(1);
    const docs: ({ _id: string } & Record<string, unknown>)[] = [];
    for (const entity of entityNames) {
      for (const record of await site.ctx.db.table(entities[entity].table).toArray()) docs.push({ ...record, _id: `${entity}/${record.id as string}`, entity });
    }
    const hqKeys = memoryKeyStore();
    const hq = await createHqKeys(hqKeys, new Date(UNTIL));
    const keyring = await loadHqKeyring(hqKeys);
    const folder = await mkdtemp(join(tmpdir(), 'passerelle-peer-'));
    const passerelle: number[] = [];
    const pouch: number[] = [];
    const ratios: number[] = [];
    const passerelleCpu: number[] = [];
    const pouchCpu: number[] = [];
    const cpuRatios: number[] = [];
    /** CPU of this process (every thread) since `before`, in ms: load on a shared machine disturbs it far less than the wall clock. */
    const cpuSince = (before: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000;
    };
    try {
      for (let run = 0; run < RUNS; run++) {
        const store = openSqliteHqStore(join(folder, `hq-${run}.sqlite`), { create: true });
        const files = new Map<string, Uint8Array>();
        const start = performance.now();
        const startCpu = process.cpuUsage();
        const exported = await exportBundle(site.ctx, {
          keys: site.keys,
          hq,
          deflate: nodeDeflate,
          files: { read: async (name) => files.get(name), write: async (name, bytes) => void files.set(name, bytes), list: async () => [...files.keys()] },
        });
        const outcome = importBundle(store, keyring, files.get(exported.fileName)!, { now: UNTIL, fileName: exported.fileName });
        passerelle.push(performance.now() - start);
        passerelleCpu.push(cpuSince(startCpu));
        check(
          outcome.status === 'accepted' && outcome.records === docs.length,
          `le siège a reçu ${outcome.status === 'accepted' ? outcome.records : 0} enregistrements sur ${docs.length}`,
        );
        check((store.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n === docs.length, 'enregistrements au siège');
        store.close();

        const source = new PouchDB(`site-${run}`, { adapter: 'memory' });
        const target = new PouchDB(`hq-${run}`, { adapter: 'memory' });
        await source.bulkDocs(docs);
        const replicated = performance.now();
        const replicatedCpu = process.cpuUsage();
        const result = await source.replicate.to(target);
        pouch.push(performance.now() - replicated);
        pouchCpu.push(cpuSince(replicatedCpu));
        check(result.ok && (await target.info()).doc_count === docs.length, 'documents répliqués');
        await source.destroy();
        await target.destroy();
        ratios.push(pouch[run]! / passerelle[run]!);
        cpuRatios.push(pouchCpu[run]! / passerelleCpu[run]!);
      }
    } finally {
      site.ctx.db.close();
      await rm(folder, { recursive: true, force: true });
    }
    const size = `${docs.length.toLocaleString('en')} records`;
    return [
      row('Passerelle: export + headquarters import, CPU', size, passerelleCpu, 'ms'),
      row('PouchDB: one replication, memory adapter on both sides, CPU', size, pouchCpu, 'ms'),
      row('PouchDB CPU / Passerelle CPU', size, cpuRatios, '×', { atLeast: 5 }),
      row('Passerelle: export + headquarters import, wall clock', size, passerelle, 'ms'),
      row('PouchDB: one replication, wall clock', size, pouch, 'ms'),
      row('PouchDB time / Passerelle time, wall clock', size, ratios, '×'),
    ];
  },
};
export default bench;
