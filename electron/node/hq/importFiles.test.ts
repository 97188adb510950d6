import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import type { HqKeyring, HqPublic } from '../../../shared/sync/keys.ts';
import { ackFileName, readAcknowledgement } from '../../../shared/sync/signed.ts';
import { readBundle } from '../../../shared/sync/bundle.ts';
import { siteFixture, type BundleFile } from '../../../test/support/sync.ts';
import { writeFilesAtomic } from '../atomicFile.ts';
import { hqPaths, initHqDir, loadKeyring, openHqStore } from './hqDir.ts';
import { importBundleFiles, importInto, listBundleFiles } from './import.ts';
import { openSqliteHqStore } from './sqliteStore.ts';

let root: string;
let dir: string;
let pub: HqPublic;
let keyring: HqKeyring;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'passerelle-files-'));
  dir = join(root, 'hq');
  pub = await initHqDir(dir, new Date('2026-11-25T12:00:00Z'));
  keyring = await loadKeyring(dir);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const now = () => Date.parse('2026-11-25T12:00:00Z');

/** The workstation a bundle names, whose acknowledgement file is named after it. */
function deviceOf(bundle: BundleFile): string | undefined {
  const envelope = readBundle(bundle.bytes);
  return envelope.ok ? envelope.header.deviceId : undefined;
}

async function bundleOf(code: string, organisations = 1): Promise<BundleFile> {
  const site = await siteFixture({ code });
  await writeTransaction(site.ctx, async (w) => {
    for (let i = 0; i < organisations; i++)
      await w.insert('organisation', { name: `Structure ${i}`, kind: 'association', communeName: 'Nancy', departement: '54' });
  });
  return site.export(pub);
}

describe('files in an import folder', () => {
  it('reads regular files only: a pipe, a link (to a key or to /dev/zero) and a folder are refused, and the bundles after them imported', async () => {
    const folder = join(root, 'depot');
    const good = await bundleOf('SPIP-54');
    await mkdir(folder);
    execFileSync('mkfifo', [join(folder, 'a-tube.passerelle')]);
    await symlink(join(dir, 'keys', 'hq.signingKey.key'), join(folder, 'b-cle.passerelle'));
    await symlink('/dev/zero', join(folder, 'c-zero.passerelle'));
    await mkdir(join(folder, 'd.passerelle'));
    await writeFile(join(folder, `e-${good.name}`), good.bytes);
    const results = await importBundleFiles(dir, await listBundleFiles(folder), { now });
    expect(results.map((r) => [r.file, r.status, r.reason])).toEqual([
      ['a-tube.passerelle', 'refused', expect.stringContaining('ce n’est pas un fichier ordinaire (tube, périphérique ou prise réseau)')],
      ['b-cle.passerelle', 'refused', expect.stringContaining('c’est un lien symbolique : Passerelle ne suit pas les liens')],
      ['c-zero.passerelle', 'refused', expect.stringContaining('c’est un lien symbolique')],
      ['d.passerelle', 'refused', expect.stringContaining('c’est un dossier, pas un fichier')],
      [`e-${good.name}`, 'accepted', undefined],
    ]);
    // Nothing that was not read is copied: no key, no device in quarantine.
    expect(await readdir(hqPaths(dir).quarantine)).toEqual([]);
  });

  it('keeps going when a file name is too long for the quarantine, and the copy and its report are readable by this account only', async () => {
    const folder = join(root, 'depot');
    const good = await bundleOf('SPIP-54');
    const damaged = Uint8Array.from(good.bytes);
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] as number) ^ 1;
    const long = `${'x'.repeat(198)}.passerelle`;
    expect(Buffer.byteLength(long)).toBe(209);
    await mkdir(folder);
    await writeFile(join(folder, long), damaged);
    await writeFile(join(folder, good.name), good.bytes);
    const results = await importBundleFiles(dir, [join(folder, long), join(folder, good.name)], { now });
    expect(results.map((r) => r.status)).toEqual(['refused', 'accepted']);
    const copies = await readdir(hqPaths(dir).quarantine);
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect((await stat(join(hqPaths(dir).quarantine, copy))).mode & 0o777).toBe(0o600);
  });

  it('says so when the quarantine cannot be written, and imports the next file', async () => {
    await rm(hqPaths(dir).quarantine, { recursive: true });
    await writeFile(hqPaths(dir).quarantine, 'pas un dossier');
    const good = await bundleOf('SPIP-54');
    const results = await importBundleFiles(dir, [{ name: 'abime.passerelle', bytes: good.bytes.subarray(0, 100) }, good], { now });
    expect(results[0]).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/^Fichier tronqué|^Signature invalide/),
      notes: [expect.stringMatching(/^Copie en quarantaine impossible : /)],
    });
    expect(results[1]?.status).toBe('accepted');
  });

  it('rolls a bundle back whole when the disk fills during its import, says so in French, and imports it once there is room', async () => {
    const store = openSqliteHqStore(hqPaths(dir).database);
    try {
      const bundle = await bundleOf('SPIP-54', 200);
      const pages = (store.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      store.db.exec(`PRAGMA max_page_count = ${pages}`);
      const [full] = await importInto(dir, store, keyring, [bundle], { now });
      expect(full).toMatchObject({
        status: 'refused',
        reason:
          'Import interrompu par une erreur du siège : le disque est plein : libérez de la place puis recommencez. Rien de ce lot n’a été intégré ; importez-le à nouveau une fois le problème réglé.',
      });
      expect(full?.quarantined).toBeUndefined();
      expect(store.sites()).toEqual([]);
      expect(store.db.isTransaction).toBe(false);
      store.db.exec('PRAGMA max_page_count = 1000000');
      expect((await importInto(dir, store, keyring, [bundle], { now }))[0]?.status).toBe('accepted');
    } finally {
      store.close();
    }
  });
});

describe('the whole-store check of an import', () => {
  it('runs once, before the first file headquarters does not know by its hash, and not at all for files it knows', async () => {
    const known = await bundleOf('SPIP-54');
    const fresh = [await bundleOf('SPIP-57'), await bundleOf('SPIP-67')];
    await importBundleFiles(dir, [known], { now });
    const store = openSqliteHqStore(hqPaths(dir).database);
    try {
      const checks: string[] = [];
      const verify = () => void checks.push(`avant le fichier ${checks.length + 1}`);
      expect((await importInto(dir, store, keyring, [known, known], { now, verify })).map((r) => r.status)).toEqual(['known', 'known']);
      expect(checks).toEqual([]);
      expect((await importInto(dir, store, keyring, [known, ...fresh], { now, verify })).map((r) => r.status)).toEqual(['known', 'accepted', 'accepted']);
      expect(checks).toEqual(['avant le fichier 1']);
    } finally {
      store.close();
    }
  });
});

describe('acknowledgements derived from the store', () => {
  it('are written again by the next run when writing failed after the commit, even for a bundle already known', async () => {
    await writeFile(hqPaths(dir).acks, 'pas un dossier');
    const bundle = await bundleOf('SPIP-54');
    const [first] = await importBundleFiles(dir, [bundle], { now });
    expect(first).toMatchObject({
      status: 'accepted',
      notes: [expect.stringMatching(/^Accusé de réception non écrit \(.*\) : il le sera au prochain import\.$/)],
    });
    expect(first?.acknowledgement).toBeUndefined();

    await rm(hqPaths(dir).acks);
    const [again] = await importBundleFiles(dir, [bundle], { now });
    expect(again).toMatchObject({ status: 'known', acknowledgement: join(hqPaths(dir).acks, ackFileName('SPIP-54', deviceOf(bundle))) });
    expect(readAcknowledgement(await readFile(again!.acknowledgement!), pub.signingKey)).toMatchObject({ siteCode: 'SPIP-54', bundleCount: 1 });
  });

  it('are written again for a site whose file went missing, whichever site the next run imports', async () => {
    const bundle = await bundleOf('SPIP-54');
    await importBundleFiles(dir, [bundle], { now });
    const ack = join(hqPaths(dir).acks, ackFileName('SPIP-54', deviceOf(bundle)));
    const written = await readFile(ack);
    await rm(ack);
    await importBundleFiles(dir, [await bundleOf('SPIP-57')], { now: () => now() + 60_000 });
    expect(readAcknowledgement(await readFile(ack), pub.signingKey)).toEqual({
      ...readAcknowledgement(written, pub.signingKey),
      issuedAt: '2026-11-25T12:01:00.000Z',
    });
    // An up-to-date file is left as it is.
    const unchanged = await readFile(ack);
    await importBundleFiles(dir, [await bundleOf('SPIP-67')], { now: () => now() + 120_000 });
    expect(await readFile(ack)).toEqual(unchanged);
  });
});

describe('headquarters’ store', () => {
  it('opens read only where its folder cannot be written, for the commands that only read', async () => {
    await importBundleFiles(dir, [await bundleOf('SPIP-54')], { now });
    // SQLite cannot create the shared-memory file a WAL database is read through, as in a folder this account
    // cannot write: here a link to nowhere takes its name.
    await symlink(join(root, 'nulle-part', 'shm'), `${hqPaths(dir).database}-shm`);
    expect(() => openSqliteHqStore(hqPaths(dir).database)).toThrow(
      /^Impossible d’ouvrir la base du siège .* : le fichier de la base du siège ne peut pas être ouvert/,
    );
    const store = openHqStore(dir, { readOnly: true });
    try {
      expect(store.sites().map((s) => s.code)).toEqual(['SPIP-54']);
      expect(() => store.saveSite({ ...store.sites()[0]!, name: 'Modifié' })).toThrow();
    } finally {
      store.close();
    }
  });

  it('refuses to import into a damaged store, in French, before importing any bundle, even after files it knew', async () => {
    const known = [];
    for (const code of ['SPIP-54', 'SPIP-57', 'SPIP-67']) {
      known.push(await bundleOf(code));
      await importBundleFiles(dir, [known.at(-1)!], { now });
    }
    const bytes = await readFile(hqPaths(dir).database);
    const pageSize = bytes.readUInt16BE(16);
    // Scramble a page of a table in the middle of the file.
    for (let i = pageSize * 3 + 100; i < pageSize * 4; i++) bytes[i] = (i * 7) & 0xff;
    await writeFile(hqPaths(dir).database, bytes);
    await expect(importBundleFiles(dir, [...known, await bundleOf('SPIP-68')], { now })).rejects.toThrow(
      /^La base du siège est abîmée \(.*\) : restaurez sa dernière sauvegarde\. Rien n’a été importé ni modifié\.$/,
    );
  });
});

describe('several files written together', () => {
  it('appear all or none: a failure leaves no folder half written', async () => {
    const out = join(root, 'csv');
    const files = [
      { name: 'a.csv', bytes: new Uint8Array([1]) },
      { name: 'absent/b.csv', bytes: new Uint8Array([2]) },
    ];
    await expect(writeFilesAtomic(out, files)).rejects.toThrow();
    await expect(stat(out)).rejects.toThrow();
    await mkdir(out);
    await writeFile(join(out, 'ancien.csv'), 'gardé');
    await expect(writeFilesAtomic(out, files)).rejects.toThrow();
    expect(await readdir(out)).toEqual(['ancien.csv']);
    expect(await writeFilesAtomic(out, [files[0]!])).toEqual([join(out, 'a.csv')]);
    expect((await readdir(out)).sort()).toEqual(['a.csv', 'ancien.csv']);
  });
});
