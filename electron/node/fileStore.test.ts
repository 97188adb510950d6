import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
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
