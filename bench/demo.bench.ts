import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { loadSiteDemo } from '../shared/demo/siteDemo.ts';
import { mimeTypeOf, resolveStaticPath } from '../electron/node/staticFiles.ts';
import { testContext } from '../test/support/memoryDb.ts';
import { check, row, RUNS, type Bench, type BenchResult } from './harness.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'bench-demo');

/** The first-run button « Charger des données de démonstration » must be done within this (ms). */
const TARGET = { atMost: 5000 };
const SIZE = '150 persons, 180 measures, workshops (≈ 3,700 change rows)';

/** A full load's answer: the change log and the persons written, and progress reported on the way. */
function checkLoad(load: { changes: number; persons: number; progressReports: number }): void {
  check(load.persons === 150, `150 personnes attendues, ${load.persons} chargées`);
  check(load.changes > 3000, `journal des modifications trop court (${load.changes} lignes)`);
  check(load.progressReports >= 10, `progression signalée ${load.progressReports} fois seulement`);
}

/** Wall time, and the CPU time of this process, which other work on the machine does not stretch. */
async function inNode(): Promise<BenchResult[]> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await testContext();
    let progressReports = 0;
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await loadSiteDemo(ctx, { seed: 2026, onProgress: () => progressReports++ });
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    checkLoad({ changes: await ctx.db.changes.count(), persons: await ctx.db.persons.count(), progressReports });
  }
  return [
    row('first-run demo data, Node + fake-indexeddb (the unit tests’ database), wall time', SIZE, wall, 'ms'),
    row('first-run demo data, Node + fake-indexeddb, CPU time', SIZE, cpu, 'ms CPU', TARGET),
  ];
}

async function inChromium(): Promise<BenchResult> {
  await build({
    root: join(root, 'bench', 'browser'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, minify: false, rollupOptions: { input: join(root, 'bench', 'browser', 'demo.html') } },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // A made-up https origin served from out/bench-demo: IndexedDB needs a real origin, no server is needed.
    await page.route('https://bench.passerelle/**', async (route) => {
      const path = resolveStaticPath(outDir, new URL(route.request().url()).pathname);
      if (!path || !extname(path)) return route.fulfill({ status: 404 });
      return route.fulfill({ status: 200, contentType: mimeTypeOf(path), body: await readFile(path) });
    });
    await page.goto('https://bench.passerelle/demo.html');
    await page.waitForFunction(() => typeof window.runDemoBench === 'function');
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const load = await page.evaluate((run) => window.runDemoBench(run), i);
      checkLoad(load);
      times.push(load.ms);
    }
    return row('first-run demo data, Chromium IndexedDB (as in the app)', SIZE, times, 'ms', TARGET);
  } finally {
    await browser.close();
  }
}

/**
 * « Charger des données de démonstration » at first run: `loadSiteDemo`, as the first-run screen calls it, on a
 * freshly configured site; each run on a new database.
 */
const bench: Bench = {
  title: 'First-run demonstration data',
  notes: [
    'Each run configures a new site and loads the demo data (seed 2026) through `loadSiteDemo`, the function the first-run screen calls, in one transaction; timed from the call to its end (wall time; in Node also the process’s CPU time, which other work on the machine does not stretch). Checked: 150 persons, more than 3,000 change rows, progress reported at least 10 times.',
  ],
  async run() {
    return [await inChromium(), ...(await inNode())];
  },
};
export default bench;
