import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PasserelleDb } from './database.ts';
import { pendingChangeCount } from '../repos/changes.ts';
import { startFieldClocks } from '../repos/fieldClocks.ts';
import { fixedClock } from '../../test/support/memoryDb.ts';
import { openDatabase } from './open.ts';
import { dbVersions, latestDbVersion } from './versions.ts';

describe('local database versions', () => {
  it('numbers versions from 1 upwards without gaps', () => {
    expect(dbVersions.map((v) => v.version)).toEqual(dbVersions.map((_, i) => i + 1));
    expect(latestDbVersion).toBe(dbVersions.length);
  });

  for (const start of dbVersions) {
    it(`upgrades a database created at version ${start.version} to the latest, keeping its rows`, async () => {
      const indexedDB = new IDBFactory();
      const old = new PasserelleDb(
        'upgrade',
        { indexedDB, IDBKeyRange },
        dbVersions.filter((v) => v.version <= start.version),
      );
      await old.open();
      await old.table('meta').put({ key: 'probe', value: start.version });
      old.close();

      const current = new PasserelleDb('upgrade', { indexedDB, IDBKeyRange });
      const outcome = await openDatabase(current);
      expect(outcome).toEqual({ ok: true, version: latestDbVersion });
      expect(await current.meta.get('probe')).toEqual({ key: 'probe', value: start.version });
      for (const table of dbVersions.flatMap((v) => Object.keys(v.stores))) expect(current.tables.map((t) => t.name)).toContain(table);
      current.close();
    });
  }

  it('counts days worked per measure, the latest day with hours per placement, and the change log when upgrading to version 2', async () => {
    const indexedDB = new IDBFactory();
    const old = new PasserelleDb(
      'days',
      { indexedDB, IDBKeyRange },
      dbVersions.filter((v) => v.version === 1),
    );
    await old.open();
    const log = (id: string, date: string, hours: number, deleted?: boolean) => ({
      id,
      measureId: 'm1',
      personId: 'p1',
      placementId: 'pl1',
      date,
      hours,
      confirmedByTutor: true,
      ...(deleted ? { deleted } : {}),
    });
    await old.table('hourLogs').bulkPut([log('a', '2026-11-02', 3), log('b', '2026-11-02', 4), log('c', '2026-11-03', 7), log('d', '2026-11-04', 7, true)]);
    const change = (clock: string) => ({ entity: 'organisation', recordId: 'o1', op: 'update', clock, siteId: 's', deviceId: 'd', by: 'u', fields: {} });
    await old.table('changes').bulkAdd([change('2026-11-01'), change('2026-11-02'), change('2026-11-03')]);
    await old.table('meta').put({ key: 'sync.ackedClock', value: '2026-11-02' });
    await old.table('hourTotals').bulkPut([
      { key: 'measure:m1', hours: 14 },
      { key: 'month:2026-11', hours: 14 },
    ]);
    old.close();

    const current = new PasserelleDb('days', { indexedDB, IDBKeyRange });
    expect(await openDatabase(current)).toEqual({ ok: true, version: latestDbVersion });
    expect(await current.hourTotals.get('measure:m1')).toEqual({ key: 'measure:m1', hours: 14, days: 2 });
    expect(await current.hourTotals.get('month:2026-11')).toEqual({ key: 'month:2026-11', hours: 14 });
    expect(await current.hourTotals.get('placement:pl1')).toEqual({ key: 'placement:pl1', hours: 14, lastDate: '2026-11-03' });
    expect(await pendingChangeCount({ db: current, clock: fixedClock() })).toBe(1);
    expect(await current.meta.get('changes.logged')).toEqual({ key: 'changes.logged', value: 3 });
    current.close();
  });

  it('adds the per-device index at version 3; field clocks are built from the change log when the office starts', async () => {
    const indexedDB = new IDBFactory();
    const old = new PasserelleDb(
      'clocks',
      { indexedDB, IDBKeyRange },
      dbVersions.filter((v) => v.version <= 2),
    );
    await old.open();
    const change = (recordId: string, op: string, clock: string, fields: Record<string, unknown>) => ({
      entity: 'organisation',
      recordId,
      op,
      clock,
      siteId: 's',
      deviceId: 'd',
      by: 'u',
      fields,
    });
    await old
      .table('changes')
      .bulkAdd([
        change('o1', 'create', '2026-11-01T00:00:00.000Z-0000-d', { name: 'A', notes: 'x' }),
        change('o2', 'create', '2026-11-01T00:00:01.000Z-0000-d', { name: 'B' }),
        change('o1', 'update', '2026-11-02T00:00:00.000Z-0000-d', { notes: null }),
        change('o2', 'delete', '2026-11-03T00:00:00.000Z-0000-d', {}),
      ]);
    old.close();

    const current = new PasserelleDb('clocks', { indexedDB, IDBKeyRange });
    expect(await openDatabase(current)).toEqual({ ok: true, version: latestDbVersion });
    expect(await current.fieldClocks.count()).toBe(0);
    await startFieldClocks(current);
    expect(await current.fieldClocks.get('organisation:o1')).toEqual({
      key: 'organisation:o1',
      entity: 'organisation',
      id: 'o1',
      fields: { name: '2026-11-01T00:00:00.000Z-0000-d', notes: '2026-11-02T00:00:00.000Z-0000-d' },
    });
    expect(await current.fieldClocks.get('organisation:o2')).toEqual({
      key: 'organisation:o2',
      entity: 'organisation',
      id: 'o2',
      fields: { name: '2026-11-01T00:00:01.000Z-0000-d' },
      deleted: '2026-11-03T00:00:00.000Z-0000-d',
    });
    expect(await current.changes.where('[deviceId+clock]').between(['d', '2026-11-02'], ['d', '2026-12'], false, false).count()).toBe(2);
    current.close();
  });

  it('refuses a database written by a newer build, with a French message', async () => {
    const indexedDB = new IDBFactory();
    const newer = new PasserelleDb('newer', { indexedDB, IDBKeyRange }, [...dbVersions, { version: latestDbVersion + 1, stores: { futureTable: 'id' } }]);
    await newer.open();
    newer.close();
    const outcome = await openDatabase(new PasserelleDb('newer', { indexedDB, IDBKeyRange }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.reason).toBe('newer');
      expect(outcome.message).toMatch(/version plus récente/);
    }
  });
});
