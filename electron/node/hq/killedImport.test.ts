import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireRecord } from '../../../shared/sync/bundle.ts';
import { ackFileName } from '../../../shared/sync/signed.ts';
import { craftedSite } from '../../../test/support/sync.ts';
import { hqPaths, initHqDir, openHqStore } from './hqDir.ts';
import { importBundleFiles } from './import.ts';

/*
 * `kill -9` of an import at eight moments spread over its run (the machine's power cut, the process killed by
 * the system): whatever the moment, the store opens and passes its integrity check, holds the bundle whole or
 * not at all, and the next run imports it or recognises it, and writes its acknowledgement.
 */

const RECORDS = 4000;
let root: string;
let base: string;
let bundle: string;
let script: string;
const site = craftedSite({ code: 'SPIP-54' });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'passerelle-killed-'));
  base = join(root, 'base');
  const pub = await initHqDir(base, new Date('2026-11-25T09:00:00Z'));
  const records: WireRecord[] = Array.from({ length: RECORDS }, (_, i) => {
    const clock = `2026-11-25T10:00:00.000Z-${String(i).padStart(4, '0')}-${site.node}`;
    const fields = { name: `Structure ${i}`, kind: 'association', communeName: 'Nancy', departement: '54' };
    return { entity: 'organisation', id: uuidv7(), created: clock, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v, clock]])) };
  });
  bundle = join(root, 'SPIP-54-1.passerelle');
  await writeFile(bundle, site.seal(records, pub).bytes);
  // The import as `passerelle hq import` runs it, in a process of its own that says when it starts.
  script = join(root, 'import.mjs');
  await writeFile(
    script,
    [
      `import { importBundleFiles } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'import.ts')).href)};`,
      'const [dir, file] = process.argv.slice(2);',
      "process.stdout.write('start\\n');",
      'await importBundleFiles(dir, [file]);',
      "process.stdout.write('done\\n');",
    ].join('\n'),
  );
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Run the import in a child process on `dir`, killed `afterMs` after it starts (never, if undefined); its run time. */
function runImport(dir: string, afterMs?: number): Promise<{ ms: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, bundle], { stdio: ['ignore', 'pipe', 'inherit'] });
    let started = 0;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!started && output.includes('start')) {
        started = performance.now();
        if (afterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ ms: performance.now() - started, finished: output.includes('done') }));
  });
}

function organisationsHeld(dir: string): { records: number; bundles: number } {
  const store = openHqStore(dir, { check: true });
  try {
    return { records: [...store.consolidated('organisation')].length, bundles: store.sites().flatMap((s) => store.bundles(s.siteId)).length };
  } finally {
    store.close();
  }
}

describe('an import killed at any moment', () => {
  it('leaves the bundle whole or absent, and the next run completes it', async () => {
    const full = await runImport(await copyOfBase('mesure'));
    expect(full.finished).toBe(true);
    const outcomes: string[] = [];
    for (let k = 1; k <= 8; k++) {
      const dir = await copyOfBase(`coupure-${k}`);
      const { finished } = await runImport(dir, (full.ms * k) / 9);
      const held = organisationsHeld(dir);
      // Whole or nothing: never some of the records, never a bundle without its records or the other way round.
      expect(
        [
          { records: 0, bundles: 0 },
          { records: RECORDS, bundles: 1 },
        ],
        `coupure ${k}`,
      ).toContainEqual(held);
      outcomes.push(finished ? 'terminé' : held.bundles === 1 ? 'intégré, puis coupé' : 'coupé avant la fin');
      const [again] = await importBundleFiles(dir, [bundle]);
      expect(again?.status, `coupure ${k}`).toBe(held.bundles === 1 ? 'known' : 'accepted');
      expect(organisationsHeld(dir), `coupure ${k}`).toEqual({ records: RECORDS, bundles: 1 });
      expect((await stat(join(hqPaths(dir).acks, ackFileName('SPIP-54')))).isFile(), `coupure ${k}`).toBe(true);
    }
    expect(outcomes).toHaveLength(8);
  }, 120_000);
});

async function copyOfBase(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(base, dir, { recursive: true });
  return dir;
}
