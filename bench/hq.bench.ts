import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { nodeInflate } from '../electron/node/deflate.ts';
import { loadKeyring, openHqStore } from '../electron/node/hq/hqDir.ts';
import { decryptBundle, readBundle } from '../shared/sync/bundle.ts';
import { splitLines } from '../shared/sync/bytes.ts';
import { inTheBin, type ConsolidatedRecord } from '../shared/sync/hqStore.ts';
import { type Bench, type BenchResult, check, round, row, RUNS } from './harness.ts';

/**
 * National scale: the sizes (thousands of records) to import, `BENCH_HQ_SIZES=500,1000,2000,4000` by default (the
 * issue's). A site of `demo-bundles --records 1333` holds about 20,000 records, so a size takes size / 20,000 sites.
 */
const SIZES = (process.env.BENCH_HQ_SIZES ?? '500,1000,2000,4000').split(',').map((k) => Number(k) * 1000);
const RECORDS_PER_SITE = 20_000;
/** Where the generated bundles are kept between runs (generating them is not what this bench measures). */
const CACHE = process.env.BENCH_HQ_CACHE ?? join(tmpdir(), 'passerelle-hq-bench');
const UNTIL = '2026-12-07T12:00:00Z';
const root = join(import.meta.dirname, '..');

interface Measured {
  code: number;
  cpuMs: number;
  maxRssKiB: number;
  wallMs: number;
  output: string;
}

/** `passerelle ARGS` in a child process (bench/measuredCli.ts), with its CPU and peak memory. */
function passerelle(args: string[]): Measured {
  const start = performance.now();
  const child = spawnSync(process.execPath, [join(root, 'bench', 'measuredCli.ts'), ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  const lines = child.stdout.trim().split('\n');
  const usage = JSON.parse(lines.pop() ?? '{}') as Omit<Measured, 'wallMs' | 'output'>;
  if (child.status !== 0 && usage.code === undefined) throw new Error(`passerelle ${args[0]} : ${child.stderr}`);
  return { ...usage, wallMs, output: lines.join('\n') };
}

/** An initialised headquarters folder and the bundles of `sites` demo sites encrypted to it, generated once. */
async function bundlesFor(sites: number): Promise<{ template: string; files: string[] }> {
  const template = join(CACHE, 'hq');
  const folder = join(CACHE, 'bundles');
  if (!existsSync(template)) {
    await mkdir(CACHE, { recursive: true });
    check(passerelle(['hq', 'init', template]).code === 0, 'dossier du siège créé');
  }
  const have = existsSync(folder) ? (await readdir(folder)).filter((f) => f.endsWith('.passerelle')).sort() : [];
  if (have.length < sites) {
    await rm(folder, { recursive: true, force: true });
    const made = passerelle(
      ['demo-bundles', '--hq-pub', join(template, 'hq.pub'), '--out', folder, '--sites', String(sites)].concat([
        '--records',
        '1333',
        '--generations',
        '1',
        '--seed',
        '2026',
        '--until',
        UNTIL,
      ]),
    );
    check(made.code === 0, 'lots de démonstration écrits');
  }
  const files = (await readdir(folder)).filter((f) => f.endsWith('.passerelle')).sort();
  return { template, files: files.slice(0, sites).map((f) => join(folder, f)) };
}

/**
 * The floor: only decrypt, decompress and JSON.parse every record of the same bundles (no signature, no
 * validation, no merge, no SQLite), CPU of this process. Returns the records parsed and the CPU in ms.
 */
async function floor(template: string, files: readonly string[]): Promise<{ records: number; cpuMs: number }> {
  const keyring = await loadKeyring(template);
  const all = await Promise.all(files.map((f) => readFile(f)));
  const before = process.cpuUsage();
  let records = 0;
  for (const bytes of all) {
    const envelope = readBundle(bytes, { signatureChecked: true });
    check(envelope.ok, 'lot lisible');
    const decrypted = decryptBundle(envelope, keyring.decryptionKeys, nodeInflate);
    check(decrypted.ok, 'lot déchiffré');
    for (const line of splitLines(decrypted.payload)) if (line !== undefined && JSON.parse(line) !== null) records++;
  }
  const used = process.cpuUsage(before);
  return { records, cpuMs: (used.user + used.system) / 1000 };
}

/** Records read from the store per slice of the export floor: the floor holds one slice in memory at a time. */
const FLOOR_SLICE = 50_000;

/**
 * The export's floor: `JSON.stringify` of every record the central export writes (in the bin left out, as it
 * does), then gzip (node:zlib, default level), slice by slice, CPU of this process; reading the records from
 * the store is not counted. Returns the records and the CPU in ms.
 */
function exportFloor(dir: string): { records: number; cpuMs: number } {
  const store = openHqStore(dir, { readOnly: true });
  let records = 0;
  let cpuMs = 0;
  const slice: ConsolidatedRecord[] = [];
  const stringifyAndGzip = () => {
    const before = process.cpuUsage();
    gzipSync(slice.map((r) => JSON.stringify(r)).join('\n'));
    const used = process.cpuUsage(before);
    cpuMs += (used.user + used.system) / 1000;
    records += slice.length;
    slice.length = 0;
  };
  try {
    for (const record of store.consolidated()) {
      if (inTheBin(record)) continue;
      slice.push(record);
      if (slice.length === FLOOR_SLICE) stringifyAndGzip();
    }
    stringifyAndGzip();
  } finally {
    store.close();
  }
  return { records, cpuMs };
}

function counts(dir: string): { records: number; fields: number; bundles: number } {
  const store = openHqStore(dir, { readOnly: true });
  try {
    const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
    return {
      records: count('SELECT count(*) AS n FROM records'),
      fields: count('SELECT sum((SELECT count(*) FROM json_each(fields))) AS n FROM records'),
      bundles: count('SELECT count(*) AS n FROM bundles'),
    };
  } finally {
    store.close();
  }
}

const bench: Bench = {
  title: 'Headquarters at national scale (Node, passerelle hq import)',
  notes: [
    `Bundles of \`passerelle demo-bundles --records 1333 --generations 1 --seed 2026\` (about ${RECORDS_PER_SITE.toLocaleString('en')} records per site), generated once into ${'`BENCH_HQ_CACHE`'} and not timed. Each run copies an empty headquarters folder and runs \`passerelle hq import\` on every bundle in a child process, then the same command again; CPU (every thread) and peak memory (max RSS) come from that process's getrusage, its start-up included. The floor is decrypting, decompressing (node:zlib) and JSON.parse of the same records, nothing else, in the bench's own process in the same run. Sizes: \`BENCH_HQ_SIZES\` (thousands of records). Checked: every bundle accepted, headquarters holds every record, the second import reports every bundle already known and changes no row.`,
  ],
  async run() {
    const results: BenchResult[] = [];
    for (const size of SIZES) {
      const sites = Math.max(1, Math.round(size / RECORDS_PER_SITE));
      const { template, files } = await bundlesFor(sites);
      const perRecordCpu: number[] = [];
      const rates: number[] = [];
      const floors: number[] = [];
      const ratios: number[] = [];
      const peaks: number[] = [];
      const again: number[] = [];
      const againNet: number[] = [];
      const netCpu: number[] = [];
      const startups: number[] = [];
      const exportCpu: number[] = [];
      const exportRatios: number[] = [];
      const exportHashes = new Set<string>();
      let exportedRecords = 0;
      let records = 0;
      for (let run = 0; run < RUNS; run++) {
        const dir = join(CACHE, `run-${run}`);
        await rm(dir, { recursive: true, force: true });
        await cp(template, dir, { recursive: true });
        try {
          const first = passerelle(['hq', 'import', dir, ...files]);
          check(first.code === 0 && first.output.split('\n').filter((l) => l.includes(': accepté')).length === files.length, 'chaque lot accepté');
          const held = counts(dir);
          const parsed = await floor(template, files);
          records = parsed.records;
          check(held.records === parsed.records && held.bundles === files.length, `le siège détient ${held.records} enregistrements sur ${parsed.records}`);
          const second = passerelle(['hq', 'import', dir, ...files]);
          check(second.code === 0 && second.output.split('\n').filter((l) => l.includes(': déjà connu')).length === files.length, 'chaque lot déjà connu');
          check(JSON.stringify(counts(dir)) === JSON.stringify(held), 'le second import ne change rien');
          const exportFile = join(dir, 'central.ndjson.gz');
          const exported = passerelle(['hq', 'export', dir, '--out', exportFile]);
          check(exported.code === 0, 'fichier central écrit');
          const exportBytes = await readFile(exportFile);
          const lines = gunzipSync(exportBytes).toString('utf8').split('\n').filter(Boolean);
          const exportedFloor = exportFloor(dir);
          exportedRecords = exportedFloor.records;
          check(
            lines.length === exportedFloor.records + files.length,
            `le fichier central a ${lines.length} lignes, pour ${exportedFloor.records} enregistrements et ${files.length} sites`,
          );
          exportHashes.add(createHash('sha256').update(exportBytes).digest('hex'));
          // What the command costs before it reads a bundle: Node and the modules loading, every run.
          const startup = passerelle(['--version']).cpuMs;
          startups.push(startup);
          perRecordCpu.push((first.cpuMs * 1000) / records);
          netCpu.push(((first.cpuMs - startup) * 1000) / records);
          againNet.push((100 * Math.max(0, second.cpuMs - startup)) / (first.cpuMs - startup));
          rates.push(records / (first.wallMs / 1000));
          floors.push((parsed.cpuMs * 1000) / records);
          ratios.push(first.cpuMs / parsed.cpuMs);
          peaks.push(first.maxRssKiB / 1024);
          again.push((100 * second.cpuMs) / first.cpuMs);
          exportCpu.push(((exported.cpuMs - startup) * 1000) / exportedFloor.records);
          exportRatios.push((exported.cpuMs - startup) / exportedFloor.cpuMs);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      check(exportHashes.size === 1, 'le même fichier central à chaque exécution');
      const data = `${records.toLocaleString('en')} records, ${sites} sites`;
      const exportData = `${exportedRecords.toLocaleString('en')} records out of the bin, SHA-256 ${[...exportHashes][0]?.slice(0, 12)}…`;
      results.push(
        row('First import: records per second (wall clock, end to end)', data, rates, 'records/s', { atLeast: 250_000 }),
        row('First import: CPU per record (every thread, start-up included)', data, perRecordCpu, 'µs'),
        row('Floor: decrypt + decompress + JSON.parse, CPU per record', data, floors, 'µs'),
        row('First import CPU / floor CPU', data, ratios, '×'),
        row('First import: peak memory of the process (max RSS)', data, peaks.map(round), 'MiB', { atMost: 1024 }),
        row('Same bundles again: CPU, in % of the first import', data, again, '%', { atMost: 5 }),
        row('Start-up of the command line (passerelle --version): CPU', 'no bundle', startups, 'ms'),
        row('First import: CPU per record, start-up taken out', data, netCpu, 'µs'),
        row('Same bundles again, start-up taken out of both: CPU in % of the first', data, againNet, '%', { atMost: 5 }),
        row('Central export (passerelle hq export, NDJSON gzip): CPU per record, start-up taken out', exportData, exportCpu, 'µs'),
        row('Central export CPU / JSON.stringify + gzip of the same records', exportData, exportRatios, '×', { atMost: 1.5 }),
      );
    }
    return results;
  },
};
export default bench;
