import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportWorker } from '../../build/importWorker.ts';
import { inlineWorkerUrl } from '../../electron/main/paths.ts';
import { hqPaths, initHqDir, loadKeyring, openHqStore } from '../../electron/node/hq/hqDir.ts';
import type { ImportWorkerMessage } from '../../electron/node/hq/import.ts';
import { writeTransaction } from '../../shared/repos/writer.ts';
import { siteFixture } from '../support/sync.ts';

/*
 * The headquarters import worker as the desktop app runs it: built into one module embedded in main's bundle
 * (inside the integrity-checked app.asar) and started from memory, headquarters' keys handed to it in memory.
 */

const root = join(import.meta.dirname, '..', '..');
let source: string;
let work: string;
beforeAll(async () => {
  source = await buildImportWorker(root);
  work = await mkdtemp(join(tmpdir(), 'passerelle-worker-build-'));
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the import worker embedded in main', () => {
  it('is one module that loads no file: it imports nothing but Node’s built-in modules', () => {
    const imported = [...source.matchAll(/(?:^import[^'"]*?from\s*|^import\s*|\bimport\(\s*|\brequire\(\s*)["']([^"']+)["']/gm)].map((m) => m[1]!);
    expect(imported).toContain('node:sqlite');
    expect(imported.filter((name) => !isBuiltin(name))).toEqual([]);
  });

  it('imports bundles from memory, with the keys its parent gives it and none in the folder', async () => {
    const dir = join(work, 'hq');
    const pub = await initHqDir(dir, new Date());
    const keyring = await loadKeyring(dir);
    await rm(hqPaths(dir).keys, { recursive: true });
    const site = await siteFixture({ code: 'SPIP-54' });
    await writeTransaction(site.ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'association', communeName: 'Nancy', departement: '54' }),
    );
    const bundle = await site.export(pub);
    await writeFile(join(work, bundle.name), bundle.bytes);

    const worker = new Worker(inlineWorkerUrl(source), { workerData: { dir, inputs: [join(work, bundle.name)], keyring } });
    const results = await new Promise<ImportWorkerMessage>((resolve, reject) => {
      worker.on('message', (message: ImportWorkerMessage) => {
        if (!('progress' in message)) resolve(message);
      });
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(results).toEqual({ results: [expect.objectContaining({ status: 'accepted', siteCode: 'SPIP-54', records: 1 })] });
    const store = openHqStore(dir, { readOnly: true });
    try {
      expect([...store.consolidated('organisation')].map((r) => r.fields.name?.value)).toEqual(['Mairie de Nancy']);
    } finally {
      store.close();
    }
  });
});
