import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BackupFile } from '../../../shared/bridge/backupSchemas.ts';
import type { Handlers } from '../../../shared/bridge/contract.ts';
import {
  BACKUP_EXTENSION,
  BACKUP_KEY_NAME,
  backupKeyId,
  createBackupSealer,
  installationKeyProtection,
  keyFromPassphrase,
  passphraseProtection,
  type BackupHeader,
  type BackupSealer,
} from '../../../shared/backup/format.ts';
import { NEWER_BACKUP } from '../../../shared/backup/restore.ts';
import { backupsToRemove } from '../../../shared/backup/retention.ts';
import { latestDbVersion } from '../../../shared/db/versions.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import { fromBase64, toBase64 } from '../../../shared/sync/bytes.ts';
import { SyncError } from '../../../shared/errors.ts';
import { openAtomicWriter, type AtomicWriter } from '../atomicFile.ts';
import type { SyncConfigStore } from '../sync/config.ts';
import { checkFolder } from '../sync/folders.ts';
import type { KeyVault } from '../sync/keyVault.ts';
import { backupPayloads, openBackupFile, verifyBackupFile, type BackupFileReader } from './backupFile.ts';

/** Automatic backups live here, in the installation's folder (the desktop app's user data, the web host's --data). */
export const BACKUP_FOLDER = 'sauvegardes';

export interface BackupServiceDeps {
  dataDir: string;
  vault: KeyVault;
  config: SyncConfigStore;
  clock: Clock;
  version: string;
  /** Tests lower the passphrase's derivation cost; files record theirs. */
  passphraseCost?: { N: number; r: number; p: number };
}

type BackupHandlers = Pick<
  Handlers,
  'backupStart' | 'backupWrite' | 'backupFinish' | 'backupAbort' | 'backupList' | 'backupOpen' | 'backupRead' | 'backupClose'
>;

interface Job {
  id: string;
  writer: AtomicWriter;
  sealer: BackupSealer;
  folder: string;
  name: string;
  key: Uint8Array;
  size: number;
  automatic: boolean;
}

function stamp(createdAt: string): string {
  return createdAt.slice(0, 19).replace(/:/g, '-');
}

/**
 * Database backups on the Node side: it seals what the page hands over, writes the file atomically, reads it
 * back whole before saying it is done, and keeps 7 daily and 4 weekly automatic backups. To restore, it checks
 * a whole file (key or passphrase, site, schema version, every frame) before the page deletes anything, then
 * hands the payloads back one at a time.
 */
export function backupService(deps: BackupServiceDeps): { handlers: BackupHandlers; folder: string } {
  const folder = join(deps.dataDir, BACKUP_FOLDER);
  let job: Job | undefined;
  const readers = new Map<string, { reader: BackupFileReader; payloads: AsyncGenerator<Uint8Array> }>();

  async function installationKey(create: boolean): Promise<Uint8Array | undefined> {
    const problem = await deps.vault.problem();
    if (problem) throw new SyncError(`Sauvegardes automatiques impossibles : ${problem}`);
    const existing = await deps.vault.store.get(BACKUP_KEY_NAME);
    if (existing || !create) return existing;
    const key = new Uint8Array(randomBytes(32));
    await deps.vault.store.put(BACKUP_KEY_NAME, key);
    return key;
  }

  async function automaticBackups(): Promise<BackupFile[]> {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files: BackupFile[] = [];
    for (const name of names.filter((n) => n.endsWith(BACKUP_EXTENSION) && !n.startsWith('.'))) {
      const path = join(folder, name);
      try {
        const reader = await openBackupFile(path);
        await reader.close();
        const { header } = reader;
        files.push({
          name,
          createdAt: header.createdAt,
          origin: header.origin,
          siteCode: header.site?.code ?? null,
          dbVersion: header.dbVersion,
          size: (await stat(path)).size,
        });
      } catch {
        // A file that is not a readable backup is not offered; it is left for a person to look at.
      }
    }
    return files.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async function dropJob(): Promise<void> {
    const current = job;
    job = undefined;
    await current?.writer.abort();
  }

  function jobOf(jobId: string): Job {
    if (!job || job.id !== jobId)
      throw new SyncError('Cette sauvegarde n’est plus en cours (une autre l’a remplacée, ou le service a redémarré) : recommencez.');
    return job;
  }

  /** The highest bundle sequence written by this installation: recorded at each export, or seen in the sync folder. */
  async function exportedSequence(): Promise<number> {
    const settings = await deps.config.read();
    let highest = settings.exportedSequence ?? 0;
    if (settings.syncFolder && settings.site) {
      const pattern = new RegExp(`^${settings.site.code.replace(/[-]/g, '\\-')}-(\\d+)\\.passerelle$`);
      const names = await readdir(settings.syncFolder).catch(() => [] as string[]);
      for (const name of names) highest = Math.max(highest, Number(pattern.exec(name)?.[1] ?? 0));
    }
    return highest;
  }

  async function keyFor(header: BackupHeader, passphrase: string | undefined): Promise<Uint8Array> {
    if (header.protection.by === 'passphrase') {
      if (!passphrase) throw new SyncError('Saisissez la phrase secrète de cette sauvegarde.');
      return keyFromPassphrase(header, passphrase);
    }
    const key = await installationKey(false);
    if (!key || backupKeyId(key) !== header.protection.keyId) {
      throw new SyncError(
        'Cette sauvegarde automatique a été chiffrée avec la clé d’une autre installation : restaurez d’abord la sauvegarde des clés de cette installation (Paramètres).',
      );
    }
    return key;
  }

  const handlers: BackupHandlers = {
    async backupStart(request) {
      await dropJob();
      const createdAt = new Date(deps.clock.now()).toISOString();
      const description = { createdAt, origin: request.origin, appVersion: deps.version, dbVersion: request.dbVersion, site: request.site };
      let target: string;
      let protectedBy: ReturnType<typeof passphraseProtection>;
      if (request.origin === 'manuelle') {
        target = await checkFolder(request.folder);
        protectedBy = passphraseProtection(request.passphrase, deps.passphraseCost);
      } else {
        target = folder;
        await mkdir(folder, { recursive: true, mode: 0o700 });
        protectedBy = installationKeyProtection((await installationKey(true))!);
      }
      const prefix = request.origin === 'manuelle' ? 'passerelle-sauvegarde' : 'auto';
      const name = `${prefix}-${request.site?.code ?? 'poste'}-${stamp(createdAt)}${request.origin === 'manuelle' ? '' : `-${request.origin}`}${BACKUP_EXTENSION}`;
      const sealer = createBackupSealer(description, protectedBy);
      const writer = await openAtomicWriter(join(target, name), { mode: 0o600 });
      await writer.append(sealer.head);
      job = {
        id: randomUUID(),
        writer,
        sealer,
        folder: target,
        name,
        key: protectedBy.key,
        size: sealer.head.length,
        automatic: request.origin !== 'manuelle',
      };
      return { jobId: job.id };
    },

    async backupWrite({ jobId, payload }) {
      const current = jobOf(jobId);
      const frame = current.sealer.seal(fromBase64(payload), false);
      await current.writer.append(frame);
      current.size += frame.length;
      return { size: current.size };
    },

    async backupFinish({ jobId, payload }) {
      const current = jobOf(jobId);
      const frame = current.sealer.seal(fromBase64(payload), true);
      job = undefined;
      await current.writer.append(frame);
      await current.writer.commit();
      const path = join(current.folder, current.name);
      let checked;
      try {
        checked = await verifyBackupFile(path, current.key);
      } catch (error) {
        await rm(path, { force: true });
        throw new SyncError(
          `La sauvegarde écrite ne se relit pas correctement (${(error as Error).message}) : elle a été supprimée. Vérifiez le disque, puis recommencez.`,
        );
      }
      const removed = current.automatic ? backupsToRemove(await automaticBackups()) : [];
      for (const name of removed) await rm(join(folder, name), { force: true });
      return {
        name: current.name,
        folder: current.folder,
        size: current.size + frame.length,
        createdAt: checked.header.createdAt,
        summary: checked.summary,
        removed,
      };
    },

    async backupAbort({ jobId }) {
      if (job?.id === jobId) await dropJob();
      return {};
    },

    async backupList() {
      const problem = await deps.vault.problem();
      return { folder, backups: await automaticBackups(), problem: problem ? `Sauvegardes automatiques impossibles : ${problem}` : null };
    },

    async backupOpen({ source, passphrase, siteId }) {
      const path = 'automatic' in source ? join(folder, source.automatic) : resolve(source.path);
      if ('automatic' in source && (source.automatic.includes('/') || source.automatic.includes('\\'))) throw new SyncError('Nom de sauvegarde invalide.');
      const reader = await openBackupFile(path);
      await reader.close();
      const { header } = reader;
      if (header.dbVersion > latestDbVersion) throw new SyncError(NEWER_BACKUP);
      const expected = siteId ?? (await deps.config.read()).site?.siteId ?? null;
      if (expected && header.site && header.site.siteId !== expected) {
        throw new SyncError(`Cette sauvegarde est celle d’un autre site (${header.site.code}, ${header.site.name}) : elle n’a pas été restaurée.`);
      }
      const key = await keyFor(header, passphrase);
      const { summary } = await verifyBackupFile(path, key);
      // One restore at a time: a backup opened and then not restored (the person cancelled) is let go here.
      for (const [stale, open] of readers) {
        readers.delete(stale);
        await open.reader.close();
      }
      const handle = randomUUID();
      const second = await openBackupFile(path);
      readers.set(handle, { reader: second, payloads: backupPayloads(second, key) });
      return { handle, header, summary, exportedSequence: await exportedSequence() };
    },

    async backupRead({ handle }) {
      const open = readers.get(handle);
      if (!open) throw new SyncError('Cette restauration n’est plus en cours : recommencez.');
      let next: IteratorResult<Uint8Array>;
      try {
        next = await open.payloads.next();
      } catch (error) {
        readers.delete(handle);
        await open.reader.close();
        throw error;
      }
      if (next.done) {
        readers.delete(handle);
        await open.reader.close();
        return { payload: null };
      }
      return { payload: toBase64(next.value) };
    },

    async backupClose({ handle }) {
      const open = readers.get(handle);
      readers.delete(handle);
      await open?.reader.close();
      return {};
    },
  };
  return { handlers, folder };
}
