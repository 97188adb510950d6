import { access, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OFFICE_FOLDER, parseOfficeFileName, type OfficeFileKind } from '../../../shared/sync/officeFile.ts';
import { SyncError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../atomicFile.ts';
import { readRegularFile } from '../regularFile.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ShareFile {
  name: string;
  kind: OfficeFileKind;
  sequence: number;
  part?: number;
}

/**
 * The office share on disk: `<sync folder>/bureau/<device id>/`, one folder per workstation. A workstation
 * writes only in its own folder, each new file atomically under a name never used before (a file already
 * there is never overwritten, except its own state file, replaced atomically), and deletes only its own files.
 */
export interface OfficeShare {
  devices(): Promise<string[]>;
  /** The office files of a workstation's folder, by name (a listing, without reading them). */
  files(deviceId: string): Promise<ShareFile[]>;
  /** `size:mtime`, or undefined when the file is gone: a file rewritten since it was last read has another version. */
  version(deviceId: string, name: string): Promise<string | undefined>;
  read(deviceId: string, name: string): Promise<Uint8Array>;
  /** A new file of this workstation; refused if the name is taken. */
  create(deviceId: string, name: string, bytes: Uint8Array): Promise<void>;
  /** This workstation's state file, replaced atomically. */
  replace(deviceId: string, name: string, bytes: Uint8Array): Promise<void>;
  remove(deviceId: string, name: string): Promise<void>;
}

/** The largest office file read: a body decompresses to 512 MiB at most (MAX_OFFICE_BODY_BYTES), and compresses. */
export const MAX_OFFICE_FILE_BYTES = 512 * 1024 * 1024;

export function officeShare(syncFolder: string): OfficeShare {
  const root = join(syncFolder, OFFICE_FOLDER);
  const folder = (deviceId: string) => {
    if (!UUID.test(deviceId)) throw new SyncError(`Identifiant de poste invalide : ${deviceId}`);
    return join(root, deviceId);
  };
  const path = (deviceId: string, name: string) => {
    if (!parseOfficeFileName(name)) throw new SyncError(`Nom de fichier du bureau refusé : « ${name} ».`);
    return join(folder(deviceId), name);
  };
  return {
    async devices() {
      try {
        const entries = await readdir(root, { withFileTypes: true });
        return entries
          .filter((e) => e.isDirectory() && UUID.test(e.name))
          .map((e) => e.name)
          .sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    async files(deviceId) {
      let names: string[];
      try {
        names = await readdir(folder(deviceId));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const files: ShareFile[] = [];
      for (const name of names.sort()) {
        const parsed = parseOfficeFileName(name);
        if (parsed) files.push({ name, ...parsed });
      }
      return files;
    },
    async version(deviceId, name) {
      const info = await stat(path(deviceId, name)).catch(() => undefined);
      return info?.isFile() ? `${info.size}:${info.mtimeMs}` : undefined;
    },
    // A shared folder may hold anything: a pipe would hang the read, a link could point anywhere.
    read: (deviceId, name) => readRegularFile(path(deviceId, name), MAX_OFFICE_FILE_BYTES),
    async create(deviceId, name, bytes) {
      const target = path(deviceId, name);
      await mkdir(folder(deviceId), { recursive: true });
      const taken = await access(target).then(
        () => true,
        () => false,
      );
      if (taken) throw new SyncError(`Le fichier ${name} existe déjà dans le dossier de ce poste sur le partage : il n’a pas été remplacé.`);
      await writeFileAtomic(target, bytes);
    },
    async replace(deviceId, name, bytes) {
      await mkdir(folder(deviceId), { recursive: true });
      await writeFileAtomic(path(deviceId, name), bytes);
    },
    async remove(deviceId, name) {
      await rm(path(deviceId, name), { force: true });
    },
  };
}
