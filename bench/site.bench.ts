import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { mimeTypeOf, resolveStaticPath } from '../electron/node/staticFiles.ts';
import type { Bench, BenchResult } from './harness.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'bench');

/** What a counsellor should not wait for on the full site (ms), and what the page may hold (MiB). */
const targets: Record<string, number> = {
  'JS heap with both lists loaded': 600,
  'open the database': 1000,
  // Behind the start-up screen that says the data is upgrading and asks to keep the window open.
  'upgrade the local data from version 1 (once per site)': 120_000,
  'persons list': 2000,
  'measures list': 2000,
  dashboard: 1500,
  'person page': 200,
  'log one day of hours': 200,
  'pending change count': 500,
  'collect the changes of a daily export': 1000,
};

// BENCH_SCALE=0.01 runs the same bench on a hundredth of the data, to check it quickly.
const scale = Number(process.env.BENCH_SCALE ?? 1);
const size = { persons: Math.round(50_000 * scale), measures: Math.round(60_000 * scale), hourLogs: Math.round(1_500_000 * scale) };

/**
 * The site database at the sizes the domain sets (50,000 persons, 60,000 measures, 1,500,000 hour-log lines),
 * in Chromium's own IndexedDB, through the repository functions the screens call. Minutes long: seeding writes
 * about 3.3 million rows.
 */
const bench: Bench = {
  title: `Site database in Chromium (${size.persons.toLocaleString('en')} persons, ${size.measures.toLocaleString('en')} measures, ${size.hourLogs.toLocaleString('en')} hour logs)`,
  async run() {
    await build({ root: join(root, 'bench', 'browser'), logLevel: 'error', build: { outDir, emptyOutDir: true, minify: false } });
    // A profile on disk, as the app's: a fresh context keeps IndexedDB in memory, with a quota far below a site's data.
    const profile = await mkdtemp(join(tmpdir(), 'passerelle-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--enable-precise-memory-info'],
    });
    try {
      // A made-up https origin served from out/bench: IndexedDB needs a real origin, no server is needed.
      await context.route('https://bench.passerelle/**', async (route) => {
        const path = resolveStaticPath(outDir, new URL(route.request().url()).pathname);
        if (!path || !extname(path)) return route.fulfill({ status: 404 });
        return route.fulfill({ status: 200, contentType: mimeTypeOf(path), body: await readFile(path) });
      });
      const page = await context.newPage();
      await page.goto('https://bench.passerelle/index.html');
      await page.waitForFunction(() => typeof window.runSiteBench === 'function');
      const { timings } = await page.evaluate((s) => window.runSiteBench(s), size);
      return timings.map((t): BenchResult => {
        const limit = targets[t.name];
        return {
          name: t.name,
          size: t.rows !== undefined ? `${t.rows.toLocaleString('fr-FR')} rows` : 'full site',
          value: t.value,
          unit: t.unit,
          ...(limit ? { target: `< ${limit} ${t.unit}`, ok: t.value < limit } : {}),
        };
      });
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  },
};
export default bench;
