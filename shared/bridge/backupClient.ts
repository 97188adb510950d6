import type { Dexie } from 'dexie';
import type * as z from 'zod';
import type { backupOpened, backupStartRequest, backupWritten } from './backupSchemas.ts';
import type { Bridge } from './contract.ts';
import type { RepoContext } from '../repos/context.ts';
import { fromBase64, toBase64 } from '../sync/bytes.ts';
import { dumpDatabase } from '../backup/dump.ts';
import type { BackupSummary } from '../backup/payload.ts';
import { restoreDatabase, type RestoreTarget } from '../backup/restore.ts';

export type BackupRequest = z.input<typeof backupStartRequest>;
export type BackupWritten = z.output<typeof backupWritten>;
export type BackupOpened = z.output<typeof backupOpened>;

/** Rows done out of rows to do: what a progress bar shows. */
export type OnProgress = (done: number, total: number) => void;

/**
 * Back the database up through the bridge: the page reads its tables (dumpDatabase) and hands each payload
 * to the Node side, which seals and writes the file, then reads it back. A failure on either side abandons
 * the file being written: the previous backups stay as they were.
 */
export async function writeBackup(
  db: Dexie,
  bridge: Pick<Bridge, 'backupStart' | 'backupWrite' | 'backupFinish' | 'backupAbort'>,
  request: BackupRequest,
  onProgress?: OnProgress,
): Promise<BackupWritten> {
  const { jobId } = await bridge.backupStart(request);
  let written: BackupWritten | undefined;
  try {
    await dumpDatabase(
      db,
      async (payload, last) => {
        if (last) written = await bridge.backupFinish({ jobId, payload: toBase64(payload) });
        else await bridge.backupWrite({ jobId, payload: toBase64(payload) });
      },
      onProgress ? { onProgress } : {},
    );
  } catch (error) {
    if (!written) await bridge.backupAbort({ jobId }).catch(() => undefined);
    throw error;
  }
  return written!;
}

/** A backup request without the database version, which the database being backed up says itself. */
export type SiteBackupRequest = BackupRequest extends infer R ? (R extends unknown ? Omit<R, 'dbVersion'> : never) : never;

/**
 * The site's backup from the repository context the renderer holds (components never hold the database itself):
 * `writeBackup` of its database, at the version it runs.
 */
export function backupSite(
  ctx: RepoContext,
  bridge: Pick<Bridge, 'backupStart' | 'backupWrite' | 'backupFinish' | 'backupAbort'>,
  request: SiteBackupRequest,
  onProgress?: OnProgress,
): Promise<BackupWritten> {
  return writeBackup(ctx.db, bridge, { ...request, dbVersion: ctx.db.verno }, onProgress);
}

/**
 * Replace the database `target.name` with a backup the Node side opened and checked (`backupOpen`), reading
 * its payloads back one at a time. The caller closes and reopens the application's database around it.
 */
export async function restoreBackup(
  target: RestoreTarget,
  bridge: Pick<Bridge, 'backupRead' | 'backupClose'>,
  opened: BackupOpened,
  onProgress?: OnProgress,
): Promise<BackupSummary> {
  async function* payloads() {
    for (;;) {
      const { payload } = await bridge.backupRead({ handle: opened.handle });
      if (payload === null) return;
      yield fromBase64(payload);
    }
  }
  const total = Object.values(opened.summary.written).reduce((a, b) => a + b, 0);
  try {
    return await restoreDatabase(target, opened.header.dbVersion, payloads(), {
      exportedSequence: opened.exportedSequence,
      total,
      ...(onProgress ? { onProgress } : {}),
    });
  } finally {
    await bridge.backupClose({ handle: opened.handle }).catch(() => undefined);
  }
}
