import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../ports/keyStore.ts';
import { bytesToHex, fromUtf8 } from './bytes.ts';
import { backupKeyStore, createKeyBackup, openKeyBackup, readKeyBackupHeader, restoreKeyStore } from './keyBackup.ts';
import { DEFAULT_SCRYPT } from './passphrase.ts';
import { ensureSiteKeys, loadSiteKeys } from './keys.ts';
import { pseudonymKey } from './pseudonym.ts';

// A cheap cost keeps the tests fast; the file records it and the reader follows it.
const cost = { N: 2 ** 10, r: 8, p: 1 };
const passphrase = 'cheval agrafe batterie correcte';
const now = Date.parse('2026-11-25T10:00:00.000Z');

describe('key backup file', () => {
  it('gives back exactly the keys it was made of, with the right passphrase', () => {
    const keys = { 'site.signingKey': new Uint8Array(32).fill(7), 'site.pseudonymSecret': new Uint8Array(32).fill(9) };
    const file = createKeyBackup(keys, passphrase, { now, cost, site: { siteId: '019b0000-0000-7000-8000-000000000001', code: 'SPIP-54' } });
    const opened = openKeyBackup(file, passphrase);
    expect(Object.keys(opened.keys).sort()).toEqual(['site.pseudonymSecret', 'site.signingKey']);
    expect(bytesToHex(opened.keys['site.signingKey']!)).toBe(bytesToHex(keys['site.signingKey']));
    expect(opened.header).toMatchObject({ siteCode: 'SPIP-54', keyCount: 2, createdAt: '2026-11-25T10:00:00.000Z', N: 2 ** 10 });
    expect(readKeyBackupHeader(file).siteCode).toBe('SPIP-54');
  });

  it('uses OWASP’s scrypt cost by default', () => {
    const file = createKeyBackup({ a: new Uint8Array([1]) }, passphrase, { now });
    expect(readKeyBackupHeader(file)).toMatchObject(DEFAULT_SCRYPT);
  });

  it('never holds a key in clear', () => {
    const secret = new Uint8Array(32).fill(0xab);
    const file = createKeyBackup({ 'site.pseudonymSecret': secret }, passphrase, { now, cost });
    expect(bytesToHex(file)).not.toContain(bytesToHex(secret));
    expect(fromUtf8(file)).not.toContain(bytesToHex(secret));
  });

  it('refuses a wrong passphrase and any changed byte, header included, in French', () => {
    const file = createKeyBackup({ a: new Uint8Array([1, 2, 3]) }, passphrase, { now, cost });
    expect(() => openKeyBackup(file, 'une autre phrase secrète')).toThrow('Phrase secrète incorrecte');
    for (const at of [20, file.length - 1, file.length - 20]) {
      const bad = Uint8Array.from(file);
      bad[at]! ^= 0x01;
      expect(() => openKeyBackup(bad, passphrase), `byte ${at}`).toThrow(/Phrase secrète incorrecte|illisible/);
    }
    expect(() => openKeyBackup(new Uint8Array([1, 2, 3]), passphrase)).toThrow('n’est pas une sauvegarde de clés');
    expect(() => openKeyBackup(file.subarray(0, 30), passphrase)).toThrow(/tronquée|illisible/);
  });

  it('refuses a short passphrase and a crafted cost that would exhaust memory', () => {
    expect(() => createKeyBackup({ a: new Uint8Array([1]) }, 'court', { now, cost })).toThrow('12 caractères au moins');
    expect(() => createKeyBackup({ a: new Uint8Array([1]) }, passphrase, { now, cost: { N: 2 ** 22, r: 8, p: 1 } })).toThrow();
  });
});

describe('backup and restore of a key store', () => {
  it('restores a site’s keys on a new PC so that its persons keep their pseudonymous keys', async () => {
    const original = memoryKeyStore();
    const keys = await ensureSiteKeys(original);
    const personId = '019b0000-0000-7000-8000-0000000000aa';
    const file = await backupKeyStore(original, passphrase, { now, cost });

    const replacement = memoryKeyStore();
    const result = await restoreKeyStore(replacement, file, passphrase, { overwrite: false });
    expect(result.restored).toEqual(['site.encryptionKey', 'site.pseudonymSecret', 'site.signingKey']);
    expect(result.replaced).toEqual([]);
    const restored = await loadSiteKeys(replacement);
    expect(pseudonymKey(restored!.pseudonymSecret, personId)).toBe(pseudonymKey(keys.pseudonymSecret, personId));
    expect(bytesToHex(restored!.signingPublic)).toBe(bytesToHex(keys.signingPublic));
    // Files other sites encrypted to this site still open on the new PC.
    expect(bytesToHex(restored!.encryptionPublic!)).toBe(bytesToHex(keys.encryptionPublic!));
  });

  it('replaces keys this PC made itself only when the person confirms', async () => {
    const original = memoryKeyStore();
    await ensureSiteKeys(original);
    const file = await backupKeyStore(original, passphrase, { now, cost });
    const other = memoryKeyStore();
    const own = await ensureSiteKeys(other);
    await expect(restoreKeyStore(other, file, passphrase, { overwrite: false })).rejects.toThrow('confirmez leur remplacement');
    expect(bytesToHex((await loadSiteKeys(other))!.signingSecret)).toBe(bytesToHex(own.signingSecret));
    const result = await restoreKeyStore(other, file, passphrase, { overwrite: true });
    expect(result.replaced).toEqual(['site.encryptionKey', 'site.pseudonymSecret', 'site.signingKey']);
    expect(bytesToHex((await loadSiteKeys(other))!.signingSecret)).toBe(bytesToHex((await loadSiteKeys(original))!.signingSecret));
  });

  it('treats a key the store can no longer read as one to replace', async () => {
    const original = memoryKeyStore();
    await ensureSiteKeys(original);
    const file = await backupKeyStore(original, passphrase, { now, cost });
    const unreadable = memoryKeyStore();
    await ensureSiteKeys(unreadable);
    const broken = { ...unreadable, get: async () => Promise.reject(new Error('undecryptable')) };
    await expect(restoreKeyStore(broken, file, passphrase, { overwrite: false })).rejects.toThrow('confirmez');
  });

  it('says there is nothing to back up before the keys exist', async () => {
    await expect(backupKeyStore(memoryKeyStore(), passphrase, { now, cost })).rejects.toThrow('Aucune clé à sauvegarder');
  });
});
