import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptedText, hqFixture, memoryFileStore } from '../../../test/support/sync.ts';
import { simulateDemoSites } from './simulate.ts';
import { simulateInThreads } from './threads.ts';

const until = Date.parse('2026-11-25T12:00:00.000Z');
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('demo sites simulated in threads', () => {
  it('write the same bundles as on one thread, every site once, sorted by site then sequence', async () => {
    const hq = await hqFixture();
    dir = await mkdtemp(join(tmpdir(), 'passerelle-demo-'));
    const options = { hq: hq.pub, sites: 3, records: 4, generations: 2, seed: 9, until };
    const seen: string[] = [];
    const threaded = await simulateInThreads({ ...options, out: dir, threads: 2, onBundle: (b) => seen.push(b.fileName) });
    const files = memoryFileStore();
    const single = await simulateDemoSites({ ...options, files });
    expect(threaded.map((b) => b.fileName)).toEqual(single.map((b) => b.fileName));
    expect([...seen].sort()).toEqual(single.map((b) => b.fileName).sort());
    for (const [i, bundle] of threaded.entries()) {
      expect({ ...bundle.header, bundleId: '' }).toEqual({ ...single[i]!.header, bundleId: '' });
      const bytes = new Uint8Array(await readFile(join(dir, bundle.fileName)));
      expect(decryptedText(bytes, hq.keyring)).toBe(decryptedText(files.files.get(bundle.fileName)!, hq.keyring));
      expect(hq.import({ name: bundle.fileName, bytes }).status).toBe('accepted');
    }
  });

  it('stop with the site and its reason when a site fails', async () => {
    const hq = await hqFixture();
    dir = await mkdtemp(join(tmpdir(), 'passerelle-demo-'));
    // No bundle can be encrypted to a headquarters key of the wrong length: the first export of every site fails.
    const broken = { ...hq.pub, encryptionKey: new Uint8Array(3) };
    await expect(simulateInThreads({ hq: broken, sites: 2, records: 1, generations: 1, seed: 1, until, out: dir, threads: 2 })).rejects.toThrow(/^Site \d : /);
  });
});
