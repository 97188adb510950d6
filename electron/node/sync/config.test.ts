import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { fromBase64, fromUtf8 } from '../../../shared/sync/bytes.ts';
import { removeTempDirs, tempDir } from '../../../test/support/fakeElectron.ts';
import { SYNC_CONFIG_FILE, syncConfigStore } from './config.ts';
import { checkFolder, saveOutput } from './folders.ts';

afterAll(removeTempDirs);

describe('sync settings file', () => {
  it('keeps both of two settings saved at the same moment, and leaves no temporary file', async () => {
    const dir = await tempDir('config');
    const config = syncConfigStore(dir);
    expect(await config.read()).toEqual({});
    await Promise.all([
      config.update((c) => ({ ...c, syncFolder: '/mnt/partage' })),
      config.update((c) => ({ ...c, hqPublic: '{"format":"passerelle-hq-public"}' })),
    ]);
    expect(await syncConfigStore(dir).read()).toEqual({ syncFolder: '/mnt/partage', hqPublic: '{"format":"passerelle-hq-public"}' });
    expect(await readdir(dir)).toEqual([SYNC_CONFIG_FILE]);
  });

  it('says in French which file is damaged instead of forgetting the settings silently', async () => {
    const dir = await tempDir('config');
    await writeFile(join(dir, SYNC_CONFIG_FILE), '{"syncFolder": ');
    await expect(syncConfigStore(dir).read()).rejects.toThrow(/^Réglages de synchronisation illisibles .*sync\.json/);
    await writeFile(join(dir, SYNC_CONFIG_FILE), '{"syncFolder": 3}');
    await expect(syncConfigStore(dir).read()).rejects.toThrow('Réglages de synchronisation illisibles');
  });
});

describe('delivering files', () => {
  it('writes into a chosen folder atomically, replacing an older file of the same name whole', async () => {
    const usb = await tempDir('usb');
    await writeFile(join(usb, 'SPIP-54-1.passerelle'), 'ancienne version, plus longue que la nouvelle');
    const saved = await saveOutput(
      [{ name: 'SPIP-54-1.passerelle', bytes: new Uint8Array([1, 2, 3]) }],
      { folder: usb },
      { syncFolder: undefined, zipName: 'x.zip' },
    );
    expect(saved).toEqual({ files: ['SPIP-54-1.passerelle'], folder: usb, download: null });
    expect([...(await readFile(join(usb, 'SPIP-54-1.passerelle')))]).toEqual([1, 2, 3]);
    expect(await readdir(usb)).toEqual(['SPIP-54-1.passerelle']);
  });

  it('hands one file back as itself and several as one zip', async () => {
    const one = await saveOutput([{ name: 'hq.pub', bytes: new Uint8Array([7]) }], 'download', { syncFolder: undefined, zipName: 'x.zip' });
    expect(one).toEqual({ files: ['hq.pub'], folder: null, download: { name: 'hq.pub', base64: 'Bw==' } });
    const many = await saveOutput(
      [
        { name: 'A.passerelle-ack', bytes: new TextEncoder().encode('a') },
        { name: 'B.passerelle-ack', bytes: new TextEncoder().encode('b') },
      ],
      'download',
      { syncFolder: undefined, zipName: 'accuses.zip' },
    );
    expect(many.download?.name).toBe('accuses.zip');
    const files = unzipSync(fromBase64(many.download!.base64));
    expect(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, fromUtf8(v)]))).toEqual({ 'A.passerelle-ack': 'a', 'B.passerelle-ack': 'b' });
  });

  it('refuses the sync folder when none is set or it is out of reach, in French', async () => {
    await expect(saveOutput([{ name: 'a', bytes: new Uint8Array() }], 'syncFolder', { syncFolder: undefined, zipName: 'x' })).rejects.toThrow(
      'Aucun dossier de synchronisation',
    );
    const gone = join(await tempDir('share'), 'débranché');
    await expect(saveOutput([{ name: 'a', bytes: new Uint8Array() }], 'syncFolder', { syncFolder: gone, zipName: 'x' })).rejects.toThrow(
      /^Dossier de synchronisation injoignable : Dossier introuvable/,
    );
  });

  it('accepts only a complete path to an existing folder', async () => {
    const dir = await tempDir('folder');
    await writeFile(join(dir, 'fichier.txt'), 'x');
    await expect(checkFolder('relatif/dossier')).rejects.toThrow('n’est pas un chemin complet');
    await expect(checkFolder(join(dir, 'fichier.txt'))).rejects.toThrow('est un fichier, pas un dossier');
    expect(await checkFolder(`${dir}/./`)).toBe(dir);
  });
});
