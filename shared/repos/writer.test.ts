import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { fixedClock, memoryDb, tableContents, testContext, twinContexts } from '../../test/support/memoryDb.ts';
import { acknowledgedClock, historyOf, pendingChangeCount } from './changes.ts';
import { RepoError } from '../errors.ts';
import { getIdentity, setUpSite } from './identity.ts';
import { setAcknowledgedClock } from './syncState.ts';
import { startFieldClocks } from './fieldClocks.ts';
import { writeTransaction, type Writer } from './writer.ts';
import type { OrganisationInput } from '../schemas/organisation.ts';
import type { PersonInput } from '../schemas/person.ts';

const org: OrganisationInput = {
  name: 'Mairie de Nancy',
  kind: 'collectivite_territoriale',
  siret: '21540395400013',
  communeName: 'Nancy',
  departement: '54',
};

describe('repository writes', () => {
  it('stamps a created record and logs every field it wrote', async () => {
    const ctx = await testContext();
    const created = await writeTransaction(ctx, (w) => w.insert('organisation', org));
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(created.updatedBy).toBe('Camille Martin');
    expect(created.updatedAt.startsWith('2026-11-25T10:00:00.000Z-0000-')).toBe(true);
    const log = await historyOf(ctx, 'organisation', created.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      op: 'create',
      clock: created.updatedAt,
      by: 'Camille Martin',
      fields: { name: 'Mairie de Nancy', siret: '21540395400013' },
    });
    expect(await ctx.db.organisations.get(created.id)).toEqual(created);
  });

  it('logs only the fields an update changed, and nothing when nothing changed', async () => {
    const ctx = await testContext();
    const created = await writeTransaction(ctx, (w) => w.insert('organisation', { ...org, notes: 'à rappeler' }));
    ctx.clock.advance(1000);
    await writeTransaction(ctx, (w) => w.update('organisation', created.id, { contactName: 'M. Durand', notes: undefined }));
    await writeTransaction(ctx, (w) => w.update('organisation', created.id, { name: 'Mairie de Nancy' }));
    const log = await historyOf(ctx, 'organisation', created.id);
    expect(log.map((c) => c.op)).toEqual(['create', 'update']);
    expect(log[1]!.fields).toEqual({ contactName: 'M. Durand', notes: null });
    const stored = await ctx.db.organisations.get(created.id);
    expect(stored?.notes).toBeUndefined();
  });

  it('logs each write as one row: entity, record id, operation, clock, site, device, user and only the fields written', async () => {
    const ctx = await testContext();
    const identity = await getIdentity(ctx);
    expect(identity?.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(identity?.siteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(identity?.deviceId).not.toBe(identity?.siteId);
    const stamp = { entity: 'organisation', siteId: identity?.siteId, deviceId: identity?.deviceId, by: 'Camille Martin' };

    const created = await writeTransaction(ctx, (w) => w.insert('organisation', org));
    ctx.clock.advance(1000);
    const updated = await writeTransaction(ctx, (w) => w.update('organisation', created.id, { contactName: 'M. Durand' }));
    ctx.clock.advance(1000);
    await writeTransaction(ctx, (w) => w.remove('organisation', created.id));
    const removed = await ctx.db.organisations.get(created.id);

    const rows = await ctx.db.changes.orderBy('seq').toArray();
    expect(rows.map(({ seq: _seq, ...row }) => row)).toEqual([
      { ...stamp, recordId: created.id, op: 'create', clock: created.updatedAt, fields: { ...org } },
      { ...stamp, recordId: created.id, op: 'update', clock: updated.updatedAt, fields: { contactName: 'M. Durand' } },
      { ...stamp, recordId: created.id, op: 'delete', clock: removed?.updatedAt, fields: {} },
    ]);
    for (const row of rows) expect(row.clock.endsWith(identity!.deviceId)).toBe(true);
  });

  it('refuses an invalid record with a French message and writes nothing', async () => {
    const ctx = await testContext();
    const attempt = writeTransaction(ctx, (w) => w.insert('organisation', { ...org, siret: '12345678901234' }));
    await expect(attempt).rejects.toThrow(RepoError);
    await expect(attempt).rejects.toThrow(/SIRET invalide/);
    expect(await ctx.db.organisations.count()).toBe(0);
    expect(await ctx.db.changes.count()).toBe(0);
  });

  it('leaves the database exactly as before when one record of a multi-record write fails', async () => {
    const ctx = await testContext();
    await writeTransaction(ctx, (w) => w.insert('organisation', org));
    const before = { orgs: await ctx.db.organisations.toArray(), changes: await ctx.db.changes.toArray(), hlc: await ctx.db.meta.get('hlc') };
    const batch = writeTransaction(ctx, async (w) => {
      await w.insert('organisation', { ...org, name: 'Association Les Jardins' });
      await w.insert('organisation', { ...org, name: 'Hôpital central' });
      await w.insert('organisation', { ...org, name: '' });
    });
    await expect(batch).rejects.toThrow(/Nom de la structure : champ obligatoire/);
    expect(await ctx.db.organisations.toArray()).toEqual(before.orgs);
    expect(await ctx.db.changes.toArray()).toEqual(before.changes);
    expect(await ctx.db.meta.get('hlc')).toEqual(before.hlc);
  });

  it('keeps a deleted record as a final tombstone', async () => {
    const ctx = await testContext();
    const created = await writeTransaction(ctx, (w) => w.insert('organisation', org));
    await writeTransaction(ctx, (w) => w.remove('organisation', created.id));
    expect((await ctx.db.organisations.get(created.id))?.deleted).toBe(true);
    await expect(writeTransaction(ctx, (w) => w.update('organisation', created.id, { name: 'Autre' }))).rejects.toThrow(/définitive/);
    await expect(writeTransaction(ctx, (w) => w.remove('organisation', created.id))).rejects.toThrow(/définitive/);
    const ops = (await historyOf(ctx, 'organisation', created.id)).map((c) => c.op);
    expect(ops).toEqual(['create', 'delete']);
  });

  it('keeps clocks increasing when the wall clock goes back', async () => {
    const ctx = await testContext();
    const a = await writeTransaction(ctx, (w) => w.insert('organisation', org));
    ctx.clock.set('2020-01-01T00:00:00.000Z');
    const b = await writeTransaction(ctx, (w) => w.insert('organisation', org));
    expect(b.updatedAt > a.updatedAt).toBe(true);
    expect(b.updatedAt.startsWith('2026-11-25T10:00:00.000Z-0001-')).toBe(true);
  });

  it('refuses to write before the site is configured', async () => {
    const ctx = { db: memoryDb(), clock: fixedClock() };
    await expect(writeTransaction(ctx, (w) => w.insert('organisation', org))).rejects.toThrow(/pas encore configuré/);
  });

  it('counts changes not yet acknowledged by headquarters, from counters kept with the log and the acknowledgements', async () => {
    const ctx = await testContext();
    // What the counters stand for: the change rows after the acknowledged clock.
    const counted = async () => {
      const acked = await acknowledgedClock(ctx);
      return acked === undefined ? ctx.db.changes.count() : ctx.db.changes.where('clock').above(acked).count();
    };
    const pending = async () => {
      const value = await pendingChangeCount(ctx);
      expect(value).toBe(await counted());
      return value;
    };
    const write = (n: number) =>
      writeTransaction(ctx, async (w) => {
        for (let i = 0; i < n; i++) await w.insert('organisation', org);
      });
    await write(2);
    expect(await pending()).toBe(2);
    // A refused write is rolled back with its count.
    await expect(
      writeTransaction(ctx, async (w) => {
        await w.insert('organisation', org);
        throw new RepoError('Refusé');
      }),
    ).rejects.toThrow('Refusé');
    expect(await pending()).toBe(2);
    const [first, second] = await ctx.db.changes.orderBy('seq').toArray();
    await setAcknowledgedClock(ctx, first!.clock);
    expect(await pending()).toBe(1);
    await setAcknowledgedClock(ctx, first!.clock);
    expect(await pending()).toBe(1);
    await write(3);
    expect(await pending()).toBe(4);
    await setAcknowledgedClock(ctx, second!.clock);
    expect(await pending()).toBe(3);
    // Headquarters holds less than it said (its store was restored): the rows after the clock are pending again.
    await setAcknowledgedClock(ctx, first!.clock);
    expect(await pending()).toBe(4);
    await setAcknowledgedClock(ctx, undefined);
    expect(await pending()).toBe(5);
    const last = await ctx.db.changes.orderBy('seq').last();
    await setAcknowledgedClock(ctx, last!.clock);
    expect(await pending()).toBe(0);
  });
});

describe('bulk writes', () => {
  const person = (i: number): PersonInput => ({ lastName: `Nom${i}`, firstName: 'Lou', birthDate: '1990-01-01', caseNumber: `D-${i}` });

  it('store the same records and the same change rows, clocks and counters as writes one at a time', async () => {
    const [single, bulk] = await twinContexts();
    const orgs = Array.from({ length: 5 }, (_, i) => ({ ...org, name: `Structure ${i}` }));
    const persons = Array.from({ length: 5 }, (_, i) => person(i));
    const created = await writeTransaction(single, async (w) => {
      const out = [];
      for (const input of orgs) out.push(await w.insert('organisation', input));
      for (const input of persons) out.push(await w.insert('person', input));
      return out;
    });
    const createdInBulk = await writeTransaction(bulk, async (w) => [
      ...(await w.insertMany('organisation', orgs)),
      ...(await w.insertMany('person', persons)),
    ]);
    expect(createdInBulk).toEqual(created);

    // Edits: one that changes nothing (no row), a record patched twice (merged from its latest state), a field cleared.
    const patches = [
      { id: created[0]!.id, patch: { name: 'Structure 0' } },
      { id: created[1]!.id, patch: { contactName: 'M. Durand', notes: 'à rappeler' } },
      { id: created[1]!.id, patch: { notes: undefined } },
      { id: created[2]!.id, patch: { siret: undefined } },
    ];
    single.clock.advance(1000);
    bulk.clock.advance(1000);
    const edit = async (w: Writer) => {
      const out = [];
      for (const { id, patch } of patches) out.push(await w.update('organisation', id, patch));
      return out;
    };
    expect(await writeTransaction(bulk, (w) => w.updateMany('organisation', patches))).toEqual(await writeTransaction(single, edit));
    const gone = [created[3]!.id, created[7]!.id];
    await writeTransaction(single, async (w) => {
      await w.remove('organisation', gone[0]!);
      await w.remove('person', gone[1]!);
    });
    await writeTransaction(bulk, async (w) => {
      await w.removeMany('organisation', [gone[0]!]);
      await w.removeMany('person', [gone[1]!]);
    });

    expect(await tableContents(bulk)).toEqual(await tableContents(single));
    const rows = await bulk.db.changes.orderBy('seq').toArray();
    expect(rows.map((r) => r.op)).toEqual([...Array<string>(10).fill('create'), 'update', 'update', 'update', 'delete', 'delete']);
    expect(rows[11]!.fields).toEqual({ notes: null });
    expect(await pendingChangeCount(bulk)).toBe(15);
  });

  it('with logAtEnd, append the same change rows, in the same order, once the work is done, and count them', async () => {
    const [single, deferred] = await twinContexts();
    const work = async (w: Writer) => {
      const created = await w.insert('organisation', org);
      await w.insert('person', person(1));
      await w.update('organisation', created.id, { contactName: 'M. Durand' });
      await w.remove('organisation', created.id);
      return w.table('organisation').db.table('changes').count();
    };
    expect(await writeTransaction(single, work)).toBe(4);
    // Nothing in the log while the transaction runs: the rows come at its end.
    expect(await writeTransaction(deferred, work, { logAtEnd: true })).toBe(0);
    expect(await tableContents(deferred)).toEqual(await tableContents(single));
    expect(await pendingChangeCount(deferred)).toBe(4);
  });

  it('with logAtEnd, write no change row when the work fails', async () => {
    const ctx = await testContext();
    const failing = writeTransaction(
      ctx,
      async (w) => {
        await w.insert('organisation', org);
        throw new RepoError('coupure');
      },
      { logAtEnd: true },
    );
    await expect(failing).rejects.toThrow('coupure');
    expect(await ctx.db.changes.count()).toBe(0);
    expect(await ctx.db.organisations.count()).toBe(0);
  });

  it('refuse the whole batch when one record is invalid, a record is missing or removed twice, and write nothing', async () => {
    const [ctx] = await twinContexts();
    const [kept] = await writeTransaction(ctx, (w) => w.insertMany('organisation', [org]));
    const before = await tableContents(ctx);
    await expect(writeTransaction(ctx, (w) => w.insertMany('organisation', [org, { ...org, name: '' }]))).rejects.toThrow(/champ obligatoire/);
    await expect(
      writeTransaction(ctx, (w) =>
        w.updateMany('organisation', [
          { id: kept!.id, patch: { notes: 'x' } },
          { id: uuidv7(), patch: {} },
        ]),
      ),
    ).rejects.toThrow(/introuvable/);
    await expect(writeTransaction(ctx, (w) => w.removeMany('organisation', [kept!.id, kept!.id]))).rejects.toThrow(/définitive/);
    expect(await tableContents(ctx)).toEqual(before);
  });
});

describe('site identity', () => {
  it('refuses a malformed setup with a message per field and saves nothing', async () => {
    const ctx = { db: memoryDb(), clock: fixedClock() };
    const attempt = setUpSite(ctx, { kind: 'spip', code: 'x', name: '', departement: '99', userName: 'A' });
    await expect(attempt).rejects.toThrow(RepoError);
    const error = (await attempt.catch((e: unknown) => e)) as RepoError;
    expect(error.issues.map((i) => i.path).sort()).toEqual(['code', 'departement', 'name']);
    expect(await ctx.db.meta.count()).toBe(0);
  });

  it('is set once', async () => {
    const ctx = await testContext();
    await expect(setUpSite(ctx, { kind: 'spip', code: 'SPIP-57', name: 'SPIP de Moselle', departement: '57', userName: 'B' })).rejects.toThrow(
      /déjà configuré/,
    );
  });

  it('keeps the clock of every field written, and of the tombstone, in the same transaction, once the site has several workstations', async () => {
    const ctx = await testContext();
    await writeTransaction(ctx, (w) => w.insert('organisation', { ...org, name: 'Avant le bureau' }));
    expect(await ctx.db.fieldClocks.count()).toBe(0);
    await startFieldClocks(ctx.db);
    expect(await ctx.db.fieldClocks.count()).toBe(1);
    const created = await writeTransaction(ctx, (w) => w.insert('organisation', { ...org, notes: 'à rappeler' }));
    ctx.clock.advance(1000);
    const updated = await writeTransaction(ctx, (w) => w.update('organisation', created.id, { contactName: 'M. Durand', notes: undefined }));
    const clocks = await ctx.db.fieldClocks.get(`organisation:${created.id}`);
    expect(clocks?.fields).toEqual({
      name: created.updatedAt,
      kind: created.updatedAt,
      siret: created.updatedAt,
      communeName: created.updatedAt,
      departement: created.updatedAt,
      notes: updated.updatedAt,
      contactName: updated.updatedAt,
    });
    expect(clocks?.deleted).toBeUndefined();
    ctx.clock.advance(1000);
    await writeTransaction(ctx, (w) => w.remove('organisation', created.id));
    const removed = await ctx.db.organisations.get(created.id);
    expect((await ctx.db.fieldClocks.get(`organisation:${created.id}`))?.deleted).toBe(removed?.updatedAt);
    await expect(
      writeTransaction(ctx, async (w) => {
        await w.insert('organisation', { ...org, name: 'Annulée' });
        throw new Error('coupure');
      }),
    ).rejects.toThrow('coupure');
    expect(await ctx.db.fieldClocks.count()).toBe(2);
  });
});
