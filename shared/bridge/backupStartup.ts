import { Dexie, type DexieOptions } from 'dexie';
import type { Bridge } from './contract.ts';
import { latestDbVersion } from '../db/versions.ts';
import { siteIdentitySchema } from '../schemas/site.ts';
import { restoreBackup, writeBackup, type BackupOpened, type OnProgress } from './backupClient.ts';

export type Engine = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;
type BackupBridge = Pick<Bridge, 'backupStart' | 'backupWrite' | 'backupFinish' | 'backupAbort' | 'backupRead' | 'backupClose'>;

function engineOptions(engine: Engine): Engine {
  return { ...(engine.indexedDB ? { indexedDB: engine.indexedDB } : {}), ...(engine.IDBKeyRange ? { IDBKeyRange: engine.IDBKeyRange } : {}) };
}

/**
 * The database as it is on disk, opened without declaring any version (Dexie reads its tables from it), so
 * nothing is upgraded; undefined when there is none, or it cannot be opened.
 */
export async function openAsOnDisk(name: string, engine: Engine): Promise<Dexie | undefined> {
  const db = new Dexie(name, engineOptions(engine));
  try {
    await db.open();
  } catch {
    return undefined;
  }
  return db;
}

async function siteOf(db: Dexie) {
  const row = (await db.table('meta').get('identity')) as { value?: unknown } | undefined;
  const identity = siteIdentitySchema.safeParse(row?.value);
  return identity.success ? { siteId: identity.data.siteId, code: identity.data.code, name: identity.data.name, kind: identity.data.kind } : null;
}

/** An automatic backup of a database opened as it is on disk, at its own schema version. */
export async function backupAsOnDisk(db: Dexie, bridge: BackupBridge, origin: 'avant-mise-a-jour' | 'avant-restauration', onProgress?: OnProgress) {
  return writeBackup(db, bridge, { origin, site: await siteOf(db), dbVersion: db.verno }, onProgress);
}

/**
 * A restore a person confirmed, done before the application opens its database: the data it replaces are
 * backed up first when asked and when they can be read.
 */
export async function restoreAtStart(
  name: string,
  engine: Engine,
  bridge: BackupBridge,
  pending: { opened: BackupOpened; saveCurrent: boolean },
  progress: (step: 'sauvegarde' | 'restauration') => OnProgress,
): Promise<void> {
  const current = pending.saveCurrent ? await openAsOnDisk(name, engine) : undefined;
  if (current) {
    try {
      await backupAsOnDisk(current, bridge, 'avant-restauration', progress('sauvegarde'));
    } finally {
      current.close();
    }
  }
  await restoreBackup({ name, ...engineOptions(engine) }, bridge, pending.opened, progress('restauration'));
}

/**
 * When this build brings a newer schema than the database on disk, back the database up as it is first.
 * Returns whether a backup was written.
 */
export async function backupBeforeUpgrade(name: string, engine: Engine, bridge: BackupBridge, onProgress?: OnProgress): Promise<boolean> {
  const onDisk = await openAsOnDisk(name, engine);
  if (!onDisk) return false;
  try {
    if (onDisk.verno >= latestDbVersion || !onDisk.tables.some((t) => t.name === 'meta')) return false;
    await backupAsOnDisk(onDisk, bridge, 'avant-mise-a-jour', onProgress);
    return true;
  } finally {
    onDisk.close();
  }
}
