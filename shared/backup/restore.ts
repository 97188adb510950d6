import { Dexie, type DexieOptions } from 'dexie';
import { PasserelleDb } from '../db/database.ts';
import { RESTORE_MARK } from '../db/open.ts';
import { dbVersions, latestDbVersion } from '../db/versions.ts';
import { recountOwnChangesIn } from '../repos/changes.ts';
import { SyncError } from '../errors.ts';
import { parseHlc, type HlcTime } from '../db/hlc.ts';
import { backupTally, decodePayload, type BackupSummary } from './payload.ts';

export const NEWER_BACKUP = 'Cette sauvegarde a été écrite par une version plus récente de Passerelle : installez la dernière version pour la restaurer.';

export interface RestoreTarget {
  name: string;
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
}

export interface RestoreOptions {
  /** Highest bundle sequence this installation wrote (files outlive the database): the next export goes past it. */
  exportedSequence?: number;
  onProgress?(done: number, total: number): void;
  /** Rows expected, for the progress bar (the summary's written rows, known once the file was checked). */
  total?: number;
}

function dexieOptions(target: RestoreTarget): DexieOptions {
  return { ...(target.indexedDB ? { indexedDB: target.indexedDB } : {}), ...(target.IDBKeyRange ? { IDBKeyRange: target.IDBKeyRange } : {}) };
}

/**
 * Replace the database `target.name` with the backup whose opened frames `payloads` yields. The database is
 * created at the backup's schema version and filled a table page at a time, then opened at this build's
 * version, so the usual upgrades bring an older backup up to date; until the end it carries RESTORE_MARK.
 * Every table is checked against the summary before the mark goes: a backup that does not hold what it says
 * leaves a database that will not open as whole.
 */
export async function restoreDatabase(
  target: RestoreTarget,
  dbVersion: number,
  payloads: AsyncIterable<Uint8Array>,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  if (dbVersion > latestDbVersion) throw new SyncError(NEWER_BACKUP);
  const opts = dexieOptions(target);
  // The first payload is read before anything is deleted: a backup that cannot be read leaves the database as it was.
  const reading = payloads[Symbol.asyncIterator]();
  const first = await reading.next();
  await new Dexie(target.name, opts).delete();
  const db = new PasserelleDb(
    target.name,
    opts,
    dbVersions.filter((v) => v.version <= dbVersion),
  );
  await db.open();
  const tables = new Set(db.tables.map((t) => t.name));
  const tally = backupTally();
  let done = 0;
  try {
    await db.meta.put({ key: RESTORE_MARK, value: true });
    for (let next = first; !next.done; next = await reading.next()) {
      const bytes = next.value;
      const payload = decodePayload(bytes);
      tally.add(payload);
      if ('end' in payload) continue;
      if (!tables.has(payload.table)) throw new SyncError(`Sauvegarde illisible : table inconnue (${payload.table}).`);
      const table = db.table(payload.table);
      await db.transaction('rw', table, () => table.bulkPut(payload.rows));
      done += payload.rows.length;
      options.onProgress?.(done, options.total ?? done);
    }
    const summary = tally.finish();
    for (const name of tables) {
      // The mark itself is the one row the backup did not hold.
      const count = (await db.table(name).count()) - (name === 'meta' ? 1 : 0);
      if (count !== (summary.counts[name] ?? 0)) throw new SyncError(`Sauvegarde incomplète : la table ${name} n’a pas le nombre de lignes annoncé.`);
    }
    db.close();
    const current = new PasserelleDb(target.name, opts);
    await current.open();
    await settleAfterRestore(current, options.exportedSequence ?? 0);
    current.close();
    return summary;
  } finally {
    db.close();
  }
}

/**
 * The site's own sync bookkeeping after a restore: the pending count from the change log itself, the clock
 * past every change it holds, and the bundle sequence past every bundle already written (a reused number
 * would overwrite, in the sync folder, a bundle headquarters may not have read). What happened after the
 * backup comes back from outside: headquarters' next acknowledgement raises the acknowledged clock (its
 * changes are then neither pending nor exported again), colleagues' workstations send theirs.
 */
export async function settleAfterRestore(db: PasserelleDb, exportedSequence: number): Promise<void> {
  await db.transaction('rw', db.meta, db.changes, async () => {
    await recountOwnChangesIn(db.meta, db.changes);
    // Rows of the office's other workstations count too: the clock moves past every change it holds.
    const lastChange = await db.changes.orderBy('clock').last();
    const kept = (await db.meta.get('hlc'))?.value as HlcTime | undefined;
    if (lastChange) {
      const latest = parseHlc(lastChange.clock);
      if (!kept || latest.wall > kept.wall || (latest.wall === kept.wall && latest.counter > kept.counter)) {
        await db.meta.put({ key: 'hlc', value: { wall: latest.wall, counter: latest.counter } satisfies HlcTime });
      }
    }
    const sequence = (await db.meta.get('sync.sequence'))?.value;
    if ((typeof sequence === 'number' ? sequence : 0) < exportedSequence) await db.meta.put({ key: 'sync.sequence', value: exportedSequence });
    await db.meta.delete(RESTORE_MARK);
  });
}
