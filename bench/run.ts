import { readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchResult } from './harness.ts';
import { counted } from '../shared/format/agreement.ts';

/**
 * `npm run bench`: run every bench/*.bench.ts and write BENCHMARKS.md. Speed and memory targets live
 * here, never in unit tests, because timings depend on the machine.
 */
const dir = import.meta.dirname;
const only = process.argv[2];
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const sections: string[] = [];
let failures = 0;
for (const file of files) {
  const bench = (await import(join(dir, file))).default as Bench;
  console.log(`▶ ${bench.title}`);
  const results = await bench.run();
  for (const r of results) {
    console.log(`  ${r.name} (${r.size}) : ${r.value} ${r.unit}${r.target ? ` [objectif ${r.target}] ${r.ok ? 'OK' : 'DÉPASSÉ'}` : ''}`);
    if (r.ok === false) failures++;
  }
  sections.push(table(bench.title, file, results));
}

const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB.`,
  'Figures are the best of a few runs; targets come from the issues and the sizes the domain sets (50,000 persons, 60,000 measures, 1,500,000 hour-log lines per site).',
  '',
].join('\n');
// A partial run (one bench named on the command line) prints its figures but leaves BENCHMARKS.md whole.
if (!only) await writeFile(join(dir, '..', 'BENCHMARKS.md'), `${header}\n${sections.join('\n')}`);
console.log(failures === 0 ? 'Tous les objectifs sont tenus.' : `${counted(failures, 'objectif dépassé', 'objectifs dépassés')}.`);
process.exitCode = failures === 0 ? 0 : 1;

function table(title: string, file: string, results: BenchResult[]): string {
  const rows = results.map(
    (r) => `| ${r.name} | ${r.size} | ${r.value} ${r.unit} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : '**no**'} |`,
  );
  return [`## ${title}`, '', `\`bench/${file}\``, '', '| measure | data | result | target | met |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}
