import { fork } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileKeyStore } from './fileKeyStore.ts';
import { nodeFileStore } from './fileStore.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file store', () => {
  it('writes whole files, reads them back, lists them sorted without temporary files, and refuses paths', async () => {
    const files = nodeFileStore(join(dir, 'sync'));
    expect(await files.list()).toEqual([]);
    expect(await files.read('SPIP-54-1.passerelle')).toBeUndefined();
    await files.write('SPIP-54-2.passerelle', new Uint8Array([2]));
    await files.write('SPIP-54-1.passerelle', new Uint8Array([1, 1]));
    await files.write('SPIP-54-1.passerelle', new Uint8Array([1]));
    await writeFile(join(dir, 'sync', '.SPIP-54-3.passerelle.abc.tmp'), 'partial');
    expect(await files.list()).toEqual(['SPIP-54-1.passerelle', 'SPIP-54-2.passerelle']);
    expect(await files.read('SPIP-54-1.passerelle')).toEqual(new Uint8Array([1]));
    await expect(files.write('../evil', new Uint8Array())).rejects.toThrow(/Nom de fichier refusé/);
    await expect(files.read('sub/file')).rejects.toThrow(/Nom de fichier refusé/);
  });
});

describe('atomic writes', () => {
  it('leave the previous file or the complete new one when the process is killed in the middle', async () => {
    const target = join(dir, 'SPIP-54-1.passerelle');
    const size = 4 << 20;
    await writeFile(target, Buffer.alloc(size, 0x41));
    const module = new URL('./atomicFile.ts', import.meta.url).href;
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(module)});
      const a = Buffer.alloc(${size}, 0x41), b = Buffer.alloc(${size}, 0x42);
      process.send('ready');
      for (let i = 0; ; i++) await writeFileAtomic(${JSON.stringify(target)}, i % 2 ? a : b);
    `;
    await writeFile(join(dir, 'writer.mjs'), script);
    const child = fork(join(dir, 'writer.mjs'), [], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('message', resolve));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const content = await readFile(target);
    expect(content.length).toBe(size);
    expect(content.every((byte) => byte === content[0])).toBe(true);
    expect([0x41, 0x42]).toContain(content[0]);
    expect(await nodeFileStore(dir).list()).toEqual(['SPIP-54-1.passerelle', 'writer.mjs']);
  });
});

describe('file key store', () => {
  it('keeps each key in its own file readable by its owner only', async () => {
    const keys = fileKeyStore(join(dir, 'keys'));
    expect(await keys.get('site.signingKey')).toBeUndefined();
    await keys.put('site.signingKey', new Uint8Array(32).fill(3));
    expect(await keys.get('site.signingKey')).toEqual(new Uint8Array(32).fill(3));
    expect(await keys.list()).toEqual(['site.signingKey']);
    expect((await stat(join(dir, 'keys', 'site.signingKey.key'))).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'keys'))).toEqual(['site.signingKey.key']);
    await expect(keys.put('../x', new Uint8Array(1))).rejects.toThrow(/Nom de clé invalide/);
  });
});
