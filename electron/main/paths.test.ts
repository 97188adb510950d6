import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { inlineWorkerUrl, mainPaths } from './paths.ts';

describe('main: paths of the other bundles', () => {
  it('finds the preload and the renderer inside app.asar in the packaged app', () => {
    const out = posix.join('/opt/Passerelle/resources/app.asar', 'out');
    expect(mainPaths(out)).toEqual({
      preloadPath: '/opt/Passerelle/resources/app.asar/out/preload/index.cjs',
      rendererRoot: '/opt/Passerelle/resources/app.asar/out/renderer',
    });
  });
});

describe('main: a worker started from code in memory', () => {
  it('runs the code it is given, with Node’s modules, whatever its characters', async () => {
    const source = [
      "import { parentPort, workerData } from 'node:worker_threads';",
      "import { createHash } from 'node:crypto';",
      "parentPort.postMessage(`${workerData.name} — ${createHash('sha256').update('é').digest('hex').slice(0, 8)}`);",
    ].join('\n');
    const url = inlineWorkerUrl(source);
    expect(url.protocol).toBe('data:');
    const worker = new Worker(url, { workerData: { name: 'Siège « ATIGIP »' } });
    const message = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(message).toBe('Siège « ATIGIP » — 4a99557e');
  });

  it('reads no file of its own: the source is in the URL', async () => {
    const url = inlineWorkerUrl("export const where = 'ici';");
    expect(url.href).not.toMatch(/file:|\.js\b/);
    expect(Buffer.from(url.pathname.replace(/^text\/javascript;base64,/, ''), 'base64').toString('utf8')).toBe("export const where = 'ici';");
    // Used by the desktop app with main's embedded build, never with a path.
    expect(await readFile(new URL('./index.ts', import.meta.url), 'utf8')).toContain('inlineWorkerUrl(importWorkerSource)');
  });
});
