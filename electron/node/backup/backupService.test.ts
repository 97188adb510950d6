import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSite, restoreBackup, writeBackup, type SiteBackupRequest } from '../../../shared/bridge/backupClient.ts';
import { dumpDatabase } from '../../../shared/backup/dump.ts';
import { BACKUP_EXTENSION, BACKUP_KEY_NAME, TRUNCATED } from '../../../shared/backup/format.ts';
import { createDb } from '../../../shared/db/database.ts';
import { openDatabase } from '../../../shared/db/open.ts';
import { latestDbVersion } from '../../../shared/db/versions.ts';
import { memoryKeyStore } from '../../../shared/ports/keyStore.ts';
import { pendingChangeCount } from '../../../shared/repos/changes.ts';
import { readIdentity } from '../../../shared/repos/identity.ts';
import { createPerson } from '../../../shared/repos/persons.ts';
import { takeBundleSequence } from '../../../shared/repos/syncState.ts';
import { toBase64 } from '../../../shared/sync/bytes.ts';
import { everyTable, installation, richSite } from '../../../test/support/backup.ts';
import { removeTempDirs, tempDir } from '../../../test/support/fakeElectron.ts';
import { fixedClock, testContext } from '../../../test/support/memoryDb.ts';
import { memoryKeyVault } from '../../../test/support/services.ts';
import { BACKUP_FOLDER } from './backupService.ts';

afterAll(removeTempDirs);

const passphrase = 'cheval agrafe batterie correcte';

async function siteOf(ctx: Awaited<ReturnType<typeof testContext>>) {
  const identity = (await readIdentity(ctx.db))!;
  return { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind };
}

function freshTarget() {
  return { name: 'passerelle', indexedDB: new IDBFactory(), IDBKeyRange };
}

describe('database backups through the bridge', () => {
  it('writes a passphrase backup to a folder and restores it identical, the next export numbered past every bundle written', async () => {
    const { ctx } = await richSite();
    const node = await installation();
    await node.config.update((c) => ({ ...c, exportedSequence: 12 }));
    const folder = await tempDir('usb');
    const request: SiteBackupRequest = { origin: 'manuelle', passphrase, folder, site: await siteOf(ctx) };
    const progress: number[] = [];
    const written = await backupSite(ctx, node.bridge, request, (done) => progress.push(done));
    expect(written.folder).toBe(folder);
    expect(await readdir(folder)).toEqual([written.name]);
    expect(written.name).toMatch(new RegExp(`^passerelle-sauvegarde-CP-NANCY-.+${BACKUP_EXTENSION.replace('.', '\\.')}$`));
    expect(progress.length).toBeGreaterThan(3);
    expect(written.summary.live.persons).toBeGreaterThan(10);

    const opened = await node.bridge.backupOpen({ source: { path: join(folder, written.name) }, passphrase, siteId: null });
    expect(opened.header).toMatchObject({ origin: 'manuelle', site: { code: 'CP-NANCY' }, dbVersion: latestDbVersion });
    expect(opened.summary).toEqual(written.summary);
    const target = freshTarget();
    await restoreBackup(target, node.bridge, opened);
    const restored = createDb(target);
    expect(await openDatabase(restored)).toMatchObject({ ok: true });
    const before = await everyTable(ctx.db);
    const after = await everyTable(restored);
    const meta = (rows: unknown[]) => rows.filter((r) => (r as { key: string }).key !== 'sync.sequence');
    expect({ ...after, meta: meta(after.meta!) }).toEqual({ ...before, meta: meta(before.meta!) });
    const restoredCtx = { db: restored, clock: ctx.clock };
    expect(await pendingChangeCount(restoredCtx)).toBe(await pendingChangeCount(ctx));
    expect(await takeBundleSequence(restoredCtx)).toBe(13);
  }, 120_000);

  it('refuses, in French and before anything is touched, a wrong passphrase, another site’s backup and a newer schema', async () => {
    const ctx = await testContext();
    await createPerson(ctx, { lastName: 'Martin', firstName: 'Léa', birthDate: '1990-01-01', caseNumber: 'A-1' });
    const node = await installation();
    const folder = await tempDir('usb');
    const site = await siteOf(ctx);
    const written = await writeBackup(ctx.db, node.bridge, { origin: 'manuelle', passphrase, folder, site, dbVersion: latestDbVersion });
    const path = join(folder, written.name);
    await expect(node.bridge.backupOpen({ source: { path }, passphrase: 'une autre phrase secrète', siteId: null })).rejects.toThrow(
      'Phrase secrète incorrecte',
    );
    await expect(node.bridge.backupOpen({ source: { path }, passphrase, siteId: '019b0000-0000-7000-8000-000000000099' })).rejects.toThrow(
      'Cette sauvegarde est celle d’un autre site (SPIP-54, SPIP de Meurthe-et-Moselle)',
    );
    await node.config.update((c) => ({ ...c, site: { ...site, siteId: '019b0000-0000-7000-8000-000000000099', departement: '54' } }));
    await expect(node.bridge.backupOpen({ source: { path }, passphrase, siteId: null })).rejects.toThrow('autre site');

    const newer = await writeBackup(ctx.db, node.bridge, { origin: 'manuelle', passphrase, folder, site, dbVersion: latestDbVersion + 1 });
    await expect(node.bridge.backupOpen({ source: { path: join(folder, newer.name) }, passphrase, siteId: site.siteId })).rejects.toThrow(
      'version plus récente',
    );
    await writeFile(join(folder, 'pas-une-sauvegarde.passerelle-sauvegarde'), 'bonjour');
    await expect(
      node.bridge.backupOpen({ source: { path: join(folder, 'pas-une-sauvegarde.passerelle-sauvegarde') }, passphrase, siteId: null }),
    ).rejects.toThrow('Ce fichier n’est pas une sauvegarde de Passerelle.');
  });

  it('keeps automatic backups in the installation folder under its own key, which a key backup carries', async () => {
    const ctx = await testContext();
    const store = memoryKeyStore();
    const node = await installation({ vault: memoryKeyVault(store) });
    const written = await writeBackup(ctx.db, node.bridge, { origin: 'quotidienne', site: await siteOf(ctx), dbVersion: latestDbVersion });
    expect(written.folder).toBe(join(node.dataDir, BACKUP_FOLDER));
    expect(await store.list()).toEqual([BACKUP_KEY_NAME]);
    const list = await node.bridge.backupList({});
    expect(list.backups).toEqual([expect.objectContaining({ name: written.name, origin: 'quotidienne', siteCode: 'SPIP-54' })]);
    expect(list.problem).toBeNull();

    // Another installation opens it only once it holds the same key (restored from the key backup).
    const other = await installation();
    await other.service.handlers.backupList({});
    const copy = join(await tempDir('copie'), written.name);
    await writeFile(copy, await readFile(join(written.folder, written.name)));
    await expect(other.bridge.backupOpen({ source: { path: copy }, siteId: null })).rejects.toThrow('clé d’une autre installation');
    const restoredKeys = memoryKeyStore({ [BACKUP_KEY_NAME]: (await store.get(BACKUP_KEY_NAME))! });
    const same = await installation({ vault: memoryKeyVault(restoredKeys) });
    const opened = await same.bridge.backupOpen({ source: { path: copy }, siteId: null });
    expect(opened.header.origin).toBe('quotidienne');
    await same.bridge.backupClose({ handle: opened.handle });

    const noKeys = await installation({ vault: memoryKeyVault(memoryKeyStore(), 'aucun trousseau') });
    await expect(writeBackup(ctx.db, noKeys.bridge, { origin: 'quotidienne', site: null, dbVersion: latestDbVersion })).rejects.toThrow(
      'Sauvegardes automatiques impossibles : aucun trousseau',
    );
    expect((await noKeys.bridge.backupList({})).problem).toContain('aucun trousseau');
  });

  it('deletes the automatic backups the retention rule lets go (shared/backup/retention.ts)', async () => {
    const ctx = await testContext();
    const node = await installation({ clock: fixedClock('2026-09-01T08:00:00.000Z') });
    for (let day = 0; day < 10; day++) {
      await writeBackup(ctx.db, node.bridge, { origin: 'quotidienne', site: null, dbVersion: latestDbVersion });
      node.clock.advance(86_400_000);
    }
    const kept = (await node.bridge.backupList({})).backups.map((b) => b.createdAt.slice(0, 10));
    expect(kept).toEqual(['2026-09-10', '2026-09-09', '2026-09-08', '2026-09-07', '2026-09-06', '2026-09-05', '2026-09-04']);
  });

  it('leaves the previous backup whole and restorable when a backup is cut off halfway', async () => {
    const ctx = await testContext();
    await createPerson(ctx, { lastName: 'Avant', firstName: 'Coupure', birthDate: '1990-01-01', caseNumber: 'A-1' });
    const store = memoryKeyStore();
    const node = await installation({ vault: memoryKeyVault(store) });
    const site = await siteOf(ctx);
    const first = await writeBackup(ctx.db, node.bridge, { origin: 'quotidienne', site, dbVersion: latestDbVersion });
    for (let i = 0; i < 50; i++) await createPerson(ctx, { lastName: `Après ${i}`, firstName: 'Écriture', birthDate: '1990-01-01', caseNumber: `B-${i}` });

    // The process dies halfway through the next one: some frames written, never finished.
    node.clock.advance(86_400_000);
    const { jobId } = await node.bridge.backupStart({ origin: 'quotidienne', site, dbVersion: latestDbVersion });
    let frames = 0;
    await dumpDatabase(
      ctx.db,
      async (payload, last) => {
        if (!last && frames++ < 2) await node.bridge.backupWrite({ jobId, payload: toBase64(payload) });
      },
      { rowsPerFrame: 10 },
    );
    const folder = join(node.dataDir, BACKUP_FOLDER);
    const partial = (await readdir(folder)).find((n) => n.endsWith('.tmp'))!;
    expect(partial).toBeDefined();

    // After a restart, the only backup offered is the whole one, and it restores.
    const restarted = await installation({ dataDir: node.dataDir, vault: memoryKeyVault(store) });
    const offered = await restarted.bridge.backupList({});
    expect(offered.backups.map((b) => b.name)).toEqual([first.name]);
    await expect(restarted.bridge.backupOpen({ source: { path: join(folder, partial) }, siteId: null })).rejects.toThrow(TRUNCATED);
    const opened = await restarted.bridge.backupOpen({ source: { automatic: first.name }, siteId: site.siteId });
    const target = freshTarget();
    await restoreBackup(target, restarted.bridge, opened);
    const restored = createDb(target);
    expect((await restored.persons.toArray()).map((p) => p.lastName)).toEqual(['Avant']);
  });
});
