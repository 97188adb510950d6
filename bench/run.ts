import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Bench, BenchResult } from './harness.ts';
import { counted } from '../shared/format/agreement.ts';

/**
 * `npm run bench`: run every bench/*.bench.ts and write BENCHMARKS.md. Speed and memory targets live
 * here, never in unit tests, because timings depend on the machine. `npm run bench -- NAME` runs the benches
 * whose file name contains NAME and prints their figures without touching BENCHMARKS.md.
 */
const dir = import.meta.dirname;
const only = process.argv[2];
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const sections: string[] = [];
let failures = 0;
const loadBefore = loadavg();
const started = Date.now();
for (const file of files) {
  const bench = (await import(join(dir, file))).default as Bench;
  console.log(`▶ ${bench.title}`);
  const results = await bench.run();
  for (const r of results) {
    const spread = r.runs ? ` (min ${r.runs.min}, max ${r.runs.max}, ${r.runs.count} runs)` : '';
    console.log(`  ${r.name} (${r.size}) : ${r.value} ${r.unit}${spread}${r.target ? ` [objectif ${r.target}] ${r.ok ? 'OK' : 'DÉPASSÉ'}` : ''}`);
    if (r.ok === false) failures++;
  }
  sections.push(table(bench, file, results));
}
const loadAfter = loadavg();
const minutes = Math.round((Date.now() - started) / 60_000);

// A partial run (one bench named on the command line) prints its figures but leaves BENCHMARKS.md whole.
if (!only) await writeFile(join(dir, '..', 'BENCHMARKS.md'), `${await header()}\n${sections.join('\n')}`);
console.log(failures === 0 ? 'Tous les objectifs sont tenus.' : `${counted(failures, 'objectif dépassé', 'objectifs dépassés')}.`);
process.exitCode = failures === 0 ? 0 : 1;

async function header(): Promise<string> {
  const pkg = async (name: string) => {
    try {
      return (JSON.parse(await readFile(join(dir, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  const chromium = (() => {
    try {
      return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return 'Chromium (version unknown)';
    }
  })();
  const sqlite = (new DatabaseSync(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v;
  const libraries = ['dexie', 'fake-indexeddb', 'zod', 'fflate', '@noble/ciphers', 'pouchdb-core', 'pouchdb-adapter-memory'];
  const versions = await Promise.all(libraries.map(async (name) => `${name} ${await pkg(name)}`));
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
  const busy = Math.max(loadBefore[0]!, loadAfter[0]!) > cpus().length * 0.75;
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${minutes} min).`,
    '',
    `- Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB; Node ${process.version}, SQLite ${sqlite}, ${chromium}.`,
    `- Libraries: ${versions.join(', ')}.`,
    `- Load average (1 / 5 / 15 min) at the start ${load(loadBefore)}, at the end ${load(loadAfter)}, on ${cpus().length} cores: ${
      busy
        ? '**other work was running on the machine** (other engineers’ builds and tests), so times are longer than on an idle machine.'
        : 'the machine was otherwise idle.'
    }`,
    '- Every timed measure ran at least 3 times: the median is held to the target, min and max show the spread. A ratio is taken run by run, both sides in the same process. Each bench checks its answer (row counts, hashes) and stops with « Résultat faux » when it is wrong, so a fast wrong result cannot pass.',
    '',
  ].join('\n');
}

function table(bench: Bench, file: string, results: BenchResult[]): string {
  const cell = (v: number | undefined) => (v === undefined ? '' : v.toLocaleString('en'));
  const rows = results.map((r) => {
    const met = r.ok === undefined ? '' : r.ok ? 'yes' : '**no**';
    return `| ${r.name} | ${r.size} | ${cell(r.runs?.min)} | ${cell(r.value)} | ${cell(r.runs?.max)} | ${r.unit} | ${r.target ?? ''} | ${met} |`;
  });
  return [
    `## ${bench.title}`,
    '',
    `\`bench/${file}\``,
    '',
    ...(bench.notes?.length ? [...bench.notes, ''] : []),
    '| measure | data | min | median | max | unit | target | met |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
