import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../../shared/bridge/backupClient.ts';
import { backupBeforeUpgrade, restoreAtStart } from '../../../shared/bridge/backupStartup.ts';
import { createDb, PasserelleDb } from '../../../shared/db/database.ts';
import { openDatabase } from '../../../shared/db/open.ts';
import { dbVersions, latestDbVersion } from '../../../shared/db/versions.ts';
import { setUpSite } from '../../../shared/repos/identity.ts';
import { createPerson } from '../../../shared/repos/persons.ts';
import { everyTable, installation } from '../../../test/support/backup.ts';
import { removeTempDirs } from '../../../test/support/fakeElectron.ts';
import { fixedClock, testSite } from '../../../test/support/memoryDb.ts';

afterAll(removeTempDirs);

const NAME = 'passerelle';

describe('backups at start, before the application opens its database', () => {
  it('backs the data up as they are on disk before this build upgrades them, and that backup restores and upgrades', async () => {
    const engine = { indexedDB: new IDBFactory(), IDBKeyRange };
    const previous = dbVersions.filter((v) => v.version < latestDbVersion);
    const old = new PasserelleDb(NAME, engine, previous);
    const ctx = { db: old, clock: fixedClock() };
    await setUpSite(ctx, testSite);
    await createPerson(ctx, { lastName: 'Ancienne', firstName: 'Version', birthDate: '1990-01-01', caseNumber: 'V-1' });
    const before = await everyTable(old);
    old.close();

    const node = await installation();
    expect(await backupBeforeUpgrade(NAME, engine, node.bridge)).toBe(true);
    const [backup] = (await node.bridge.backupList({})).backups;
    expect(backup).toMatchObject({ origin: 'avant-mise-a-jour', dbVersion: latestDbVersion - 1, siteCode: 'SPIP-54' });

    // The upgrade then runs; nothing more is backed up at the next start.
    const current = createDb({ name: NAME, ...engine });
    expect(await openDatabase(current)).toEqual({ ok: true, version: latestDbVersion });
    current.close();
    expect(await backupBeforeUpgrade(NAME, engine, node.bridge)).toBe(false);

    // The backup holds the old schema's data as they were, and restores them into a fresh profile, upgraded.
    const fresh = { indexedDB: new IDBFactory(), IDBKeyRange };
    const opened = await node.bridge.backupOpen({ source: { automatic: backup!.name }, siteId: null });
    await restoreAtStart(NAME, fresh, node.bridge, { opened, saveCurrent: true }, () => () => undefined);
    const restored = createDb({ name: NAME, ...fresh });
    expect(await openDatabase(restored)).toEqual({ ok: true, version: latestDbVersion });
    expect(await restored.persons.toArray()).toEqual(before.persons);
    expect(await restored.changes.toArray()).toEqual(before.changes);
  });

  it('backs up the data a restore replaces, then restores', async () => {
    const engine = { indexedDB: new IDBFactory(), IDBKeyRange };
    const db = createDb({ name: NAME, ...engine });
    const ctx = { db, clock: fixedClock() };
    await setUpSite(ctx, testSite);
    await createPerson(ctx, { lastName: 'Sauvegardée', firstName: 'Avant', birthDate: '1990-01-01', caseNumber: 'S-1' });
    const node = await installation();
    const written = await writeBackup(db, node.bridge, { origin: 'quotidienne', site: null, dbVersion: latestDbVersion });
    await createPerson(ctx, { lastName: 'Saisie', firstName: 'Après', birthDate: '1990-01-01', caseNumber: 'S-2' });
    db.close();

    node.clock.advance(60_000);
    const opened = await node.bridge.backupOpen({ source: { automatic: written.name }, siteId: null });
    const steps: string[] = [];
    await restoreAtStart(NAME, engine, node.bridge, { opened, saveCurrent: true }, (step) => () => void (steps.includes(step) || steps.push(step)));
    expect(steps).toEqual(['sauvegarde', 'restauration']);
    const restored = createDb({ name: NAME, ...engine });
    expect((await restored.persons.toArray()).map((p) => p.lastName)).toEqual(['Sauvegardée']);
    const origins = (await node.bridge.backupList({})).backups.map((b) => b.origin);
    expect(origins).toEqual(['avant-restauration', 'quotidienne']);
  });
});
