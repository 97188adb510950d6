import { deflateSync } from 'fflate';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyTable, richSite } from '../../test/support/backup.ts';
import { createDb } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { latestDbVersion } from '../db/versions.ts';
import { pendingChangeCount } from '../repos/changes.ts';
import { createPerson, updatePerson } from '../repos/persons.ts';
import { dumpDatabase } from './dump.ts';
import { createBackupOpener, createBackupSealer, installationKeyProtection, passphraseProtection, TRUNCATED, WRONG_KEY } from './format.ts';
import { restoreDatabase } from './restore.ts';
import { backupTally, decodePayload, encodePayload, MAX_PAYLOAD_BYTES } from './payload.ts';

const cost = { N: 2 ** 10, r: 8, p: 1 };
const description = { createdAt: '2026-11-25T10:00:00.000Z', origin: 'manuelle', appVersion: 'test', dbVersion: latestDbVersion, site: null } as const;

/** A backup as the Node side writes it: the head, then one sealed frame per payload. */
async function backupOf(db: Parameters<typeof dumpDatabase>[0], key = installationKeyProtection(new Uint8Array(32).fill(5)), rowsPerFrame = 200) {
  const sealer = createBackupSealer(description, key);
  const frames: Uint8Array[] = [];
  const summary = await dumpDatabase(db, async (payload, last) => void frames.push(sealer.seal(payload, last)), { rowsPerFrame });
  return { head: sealer.head, frames, summary, key };
}

/** The frames of a file opened in order, as the Node side hands them over (its 4-byte length prefix removed). */
async function* opened(head: Uint8Array, frames: Uint8Array[], key: Uint8Array) {
  const opener = createBackupOpener(head, key);
  for (const [i, frame] of frames.entries()) yield opener.open(frame.subarray(4), i === frames.length - 1);
}

describe('database backup', () => {
  // The demo data takes seconds to write: one site for the file, the test that writes to it last.
  let site: Awaited<ReturnType<typeof richSite>>;
  beforeAll(async () => {
    site = await richSite();
  }, 120_000);

  it('gives back every table exactly, change log and counters included, in a fresh profile', async () => {
    const { ctx } = site;
    const before = await everyTable(ctx.db);
    for (const [table, rows] of Object.entries(before)) expect(rows.length, table).toBeGreaterThan(0);
    const backup = await backupOf(ctx.db);

    const indexedDB = new IDBFactory();
    const summary = await restoreDatabase({ name: 'restored', indexedDB, IDBKeyRange }, latestDbVersion, opened(backup.head, backup.frames, backup.key.key));
    expect(summary).toEqual(backup.summary);
    const restored = createDb({ name: 'restored', indexedDB, IDBKeyRange });
    expect(await openDatabase(restored)).toEqual({ ok: true, version: latestDbVersion });
    expect(await everyTable(restored)).toEqual(before);
    expect(await pendingChangeCount({ db: restored, clock: ctx.clock })).toBe(await pendingChangeCount(ctx));
    expect(JSON.stringify(await restored.persons.toArray())).toContain('Zoé d’Hérouville « référente »');
  });

  it('counts what a person is shown: live records of each entity', async () => {
    const { ctx } = site;
    const { summary } = await backupOf(ctx.db);
    expect(summary.live.persons).toBe((await ctx.db.persons.toArray()).filter((p) => !p.deleted).length);
    expect(summary.counts.persons).toBe(summary.live.persons! + 1);
  });

  it('opens with its passphrase only, and says so in French', async () => {
    const { ctx } = site;
    const protection = passphraseProtection('une phrase secrète assez longue', cost);
    const backup = await backupOf(ctx.db, protection);
    const wrong = passphraseProtection('une autre phrase secrète', cost).key;
    expect(() => createBackupOpener(backup.head, wrong).open(backup.frames[0]!.subarray(4), false)).toThrow(WRONG_KEY);
  });

  it('refuses a file cut after any frame, and a changed byte, before anything is restored', async () => {
    const { ctx } = site;
    const backup = await backupOf(ctx.db);
    const cut = backup.frames.slice(0, 5);
    const tally = backupTally();
    await expect(async () => {
      for await (const plain of opened(backup.head, cut, backup.key.key)) tally.add(decodePayload(plain));
    }).rejects.toThrow(TRUNCATED);

    const flipped = backup.frames.map((f) => Uint8Array.from(f));
    flipped[3]![40]! ^= 1;
    await expect(async () => {
      for await (const plain of opened(backup.head, flipped, backup.key.key)) decodePayload(plain);
    }).rejects.toThrow('Sauvegarde abîmée');

    const head = Uint8Array.from(backup.head);
    head[30]! ^= 1;
    expect(() => createBackupOpener(head, backup.key.key).open(backup.frames[0]!.subarray(4), false)).toThrow();
  });

  it('refuses a backup of a newer schema, and leaves a database that will not open when one ends early', async () => {
    const { ctx } = site;
    const backup = await backupOf(ctx.db);
    const indexedDB = new IDBFactory();
    await expect(
      restoreDatabase({ name: 'x', indexedDB, IDBKeyRange }, latestDbVersion + 1, opened(backup.head, backup.frames, backup.key.key)),
    ).rejects.toThrow('version plus récente');
    // Frames opened one by one, the last one missing: the restore stops with the database marked incomplete.
    const opener = createBackupOpener(backup.head, backup.key.key);
    async function* firstFrames() {
      for (const frame of backup.frames.slice(0, -1)) yield opener.open(frame.subarray(4), false);
    }
    await expect(restoreDatabase({ name: 'x', indexedDB, IDBKeyRange }, latestDbVersion, firstFrames())).rejects.toThrow('incomplète');
    const left = await openDatabase(createDb({ name: 'x', indexedDB, IDBKeyRange }));
    expect(left).toMatchObject({ ok: false, reason: 'incomplete' });
  });
  it('holds what was written while it was being read, as it stood at the end', async () => {
    const { ctx } = site;
    const sealer = createBackupSealer(description, installationKeyProtection(new Uint8Array(32).fill(1)));
    const frames: Uint8Array[] = [];
    let written = false;
    await dumpDatabase(
      ctx.db,
      async (payload, last) => {
        frames.push(sealer.seal(payload, last));
        // Once the records are read and the change log is being read, a counsellor records a person and edits
        // another: the tables already read miss both.
        const read = decodePayload(payload);
        if (!written && 'table' in read && read.table === 'changes') {
          written = true;
          await createPerson(ctx, { lastName: 'Pendant', firstName: 'La sauvegarde', birthDate: '1980-05-05', caseNumber: 'P-1' });
          await updatePerson(ctx, site.person.id, { phone: '06 12 34 56 78' });
        }
      },
      { rowsPerFrame: 100 },
    );
    expect(written).toBe(true);
    const indexedDB = new IDBFactory();
    await restoreDatabase({ name: 'r', indexedDB, IDBKeyRange }, latestDbVersion, opened(sealer.head, frames, new Uint8Array(32).fill(1)));
    const restored = createDb({ name: 'r', indexedDB, IDBKeyRange });
    expect(await everyTable(restored)).toEqual(await everyTable(ctx.db));
  });

  it('refuses a frame that would decompress past its limit (a bomb), in French, before it takes the memory', async () => {
    // 49 MiB of one repeated byte: a valid JSON row in the middle, deflated to some 50 KB.
    const head = new TextEncoder().encode('{"table":"persons","rows":[{"note":"');
    const inside = new Uint8Array(MAX_PAYLOAD_BYTES + 1024 * 1024).fill(0x78);
    inside.set(head);
    inside.set(new TextEncoder().encode('"}]}'), inside.length - 4);
    const bomb = deflateSync(inside, { level: 4 });
    expect(bomb.length).toBeLessThan(inside.length / 500);
    expect(() => decodePayload(bomb)).toThrow('Sauvegarde illisible : un bloc ne se décompresse pas, ou dépasse 48 Mo une fois décompressé.');
    // The same frame sealed in a backup stops its check and its restore alike.
    const sealer = createBackupSealer(description, installationKeyProtection(new Uint8Array(32).fill(2)));
    const frames = [sealer.seal(bomb, false), sealer.seal(encodePayload({ end: true, summary: { counts: {}, live: {}, written: { persons: 1 } } }), true)];
    const indexedDB = new IDBFactory();
    await expect(
      restoreDatabase({ name: 'bomb', indexedDB, IDBKeyRange }, latestDbVersion, opened(sealer.head, frames, new Uint8Array(32).fill(2))),
    ).rejects.toThrow('48 Mo');
    // Just under the limit reads.
    expect(decodePayload(encodePayload({ table: 'persons', rows: [{ note: 'x'.repeat(1000) }] }), 1100)).toMatchObject({ table: 'persons' });
    expect(() => decodePayload(encodePayload({ table: 'persons', rows: [{ note: 'x'.repeat(1000) }] }), 1000)).toThrow('48 Mo');
  });

  it('splits rows over more frames when they would pass the limit, and restores them all', async () => {
    const { ctx } = site;
    const limit = 16 * 1024;
    const sealer = createBackupSealer(description, installationKeyProtection(new Uint8Array(32).fill(3)));
    const frames: Uint8Array[] = [];
    let largest = 0;
    await dumpDatabase(
      ctx.db,
      async (payload, last) => {
        frames.push(sealer.seal(payload, last));
        largest = Math.max(largest, new TextEncoder().encode(JSON.stringify(decodePayload(payload, limit))).length);
      },
      { rowsPerFrame: 200, maxPayloadBytes: limit },
    );
    expect(largest).toBeLessThanOrEqual(limit);
    expect(frames.length).toBeGreaterThan((await backupOf(ctx.db)).frames.length);
    const indexedDB = new IDBFactory();
    await restoreDatabase({ name: 'split', indexedDB, IDBKeyRange }, latestDbVersion, opened(sealer.head, frames, new Uint8Array(32).fill(3)));
    expect(await everyTable(createDb({ name: 'split', indexedDB, IDBKeyRange }))).toEqual(await everyTable(ctx.db));
  });
});
