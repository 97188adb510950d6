import { lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStore } from '../../shared/ports/fileStore.ts';
import { writeFileAtomic } from './atomicFile.ts';
import { MAX_FILE_BYTES } from '../../shared/bridge/syncSchemas.ts';
import { SyncError } from '../../shared/errors.ts';
import { readRegularFile } from './regularFile.ts';

/** A plain file name (no folder, no leading dot or dash); a French refusal otherwise. */
export function checkFileName(name: string): string {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._ -]*$/u.test(name)) throw new SyncError(`Nom de fichier refusé : « ${name} ».`);
  return name;
}

/** A folder on disk (sync folder, USB key, output folder); writes are atomic (temporary file, fsync, rename). */
export function nodeFileStore(dir: string): FileStore {
  return {
    async read(name) {
      const path = join(dir, checkFileName(name));
      // Absent is normal; anything else there is read only if it is a regular file (never a link or a pipe).
      if ((await lstat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error))) === undefined) return undefined;
      return readRegularFile(path, MAX_FILE_BYTES);
    },
    async write(name, data) {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(join(dir, checkFileName(name)), data);
    },
    async list() {
      try {
        const entries = await readdir(dir, { withFileTypes: true });
        return entries
          .filter((e) => e.isFile() && !e.name.startsWith('.'))
          .map((e) => e.name)
          .sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}
