import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../../shared/sync/bytes.ts';
import { backupKeyStore, restoreKeyStore } from '../../shared/sync/keyBackup.ts';
import { ensureSiteKeys, loadSiteKeys } from '../../shared/sync/keys.ts';
import { FakeSafeStorage, removeTempDirs, tempDir } from '../../test/support/fakeElectron.ts';
import { SAFE_STORAGE_UNAVAILABLE, safeStorageKeyVault, safeStorageProblem } from './safeKeyStore.ts';

const cost = { N: 2 ** 10, r: 8, p: 1 };
const now = Date.parse('2026-11-25T10:00:00Z');

describe('safeStorage key store', () => {
  afterAll(removeTempDirs);

  it('keeps each key encrypted by the system, never in clear on disk, and reads it back', async () => {
    const dir = await tempDir('safe');
    const vault = safeStorageKeyVault(dir, new FakeSafeStorage(), 'win32');
    expect(await vault.problem()).toBeNull();
    const keys = await ensureSiteKeys(vault.store);
    expect((await vault.store.list()).sort()).toEqual(['site.encryptionKey', 'site.pseudonymSecret', 'site.signingKey']);
    for (const name of await readdir(dir)) {
      const bytes = await readFile(join(dir, name));
      expect(bytes.toString('hex')).not.toContain(bytesToHex(keys.pseudonymSecret));
      expect(bytes.toString('utf8')).not.toContain(bytesToHex(keys.pseudonymSecret));
    }
    expect((await readdir(dir)).every((n) => n.endsWith('.safe'))).toBe(true);
    const again = await loadSiteKeys(safeStorageKeyVault(dir, new FakeSafeStorage(), 'win32').store);
    expect(bytesToHex(again!.pseudonymSecret)).toBe(bytesToHex(keys.pseudonymSecret));
  });

  it('refuses to store a secret when safeStorage is unavailable, in French, and writes nothing', async () => {
    const dir = await tempDir('safe');
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const vault = safeStorageKeyVault(dir, safeStorage, 'win32');
    expect(await vault.problem()).toBe(SAFE_STORAGE_UNAVAILABLE);
    await expect(vault.store.put('site.signingKey', new Uint8Array(32))).rejects.toThrow('stockage protégé du système n’est pas disponible');
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('counts Linux’s plain-text fallback as unavailable, and only on Linux', async () => {
    const basic = new FakeSafeStorage();
    basic.backend = 'basic_text';
    expect(await safeStorageProblem(basic, 'linux')).toBe(SAFE_STORAGE_UNAVAILABLE);
    expect(await safeStorageProblem(basic, 'win32')).toBeNull();
    const keyring = new FakeSafeStorage();
    expect(await safeStorageProblem(keyring, 'linux')).toBeNull();
    const dir = await tempDir('safe');
    await expect(safeStorageKeyVault(dir, basic, 'linux').store.put('x', new Uint8Array([1]))).rejects.toThrow(SAFE_STORAGE_UNAVAILABLE);
  });

  it('cannot read keys protected on another PC, and the key backup restores them there', async () => {
    const dir = await tempDir('safe');
    const original = safeStorageKeyVault(dir, new FakeSafeStorage(0x11), 'win32');
    const keys = await ensureSiteKeys(original.store);
    const backup = await backupKeyStore(original.store, 'une phrase secrète assez longue', { now, cost });

    const otherPc = safeStorageKeyVault(dir, new FakeSafeStorage(0x22), 'win32');
    await expect(loadSiteKeys(otherPc.store)).rejects.toThrow('protégée sur un autre poste');
    await expect(restoreKeyStore(otherPc.store, backup, 'une phrase secrète assez longue', { overwrite: false })).rejects.toThrow('confirmez');
    await restoreKeyStore(otherPc.store, backup, 'une phrase secrète assez longue', { overwrite: true });
    expect(bytesToHex((await loadSiteKeys(otherPc.store))!.pseudonymSecret)).toBe(bytesToHex(keys.pseudonymSecret));
  });

  it('stores a key again when the system asks for re-encryption', async () => {
    const dir = await tempDir('safe');
    const safeStorage = new FakeSafeStorage();
    const vault = safeStorageKeyVault(dir, safeStorage, 'win32');
    await vault.store.put('site.signingKey', new Uint8Array([1, 2, 3]));
    const before = await readFile(join(dir, 'site.signingKey.safe'));
    const rotated = new FakeSafeStorage(0x33);
    // The system now encrypts with a new key but still decrypts the old one once, asking to re-encrypt.
    rotated.decryptStringAsync = async (encrypted) => ({
      shouldReEncrypt: true,
      result: await safeStorage.decryptStringAsync(encrypted).then((d) => d.result),
    });
    const value = await safeStorageKeyVault(dir, rotated, 'win32').store.get('site.signingKey');
    expect([...value!]).toEqual([1, 2, 3]);
    const after = await readFile(join(dir, 'site.signingKey.safe'));
    expect(after.equals(before)).toBe(false);
    expect(after[0]).toBe(0x33);
  });
});
