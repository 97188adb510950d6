import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStore } from '../../shared/ports/fileStore.ts';
import { writeFileAtomic } from './atomicFile.ts';
import { SyncError } from '../../shared/errors.ts';

function checkName(name: string): string {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._ -]*$/u.test(name)) throw new SyncError(`Nom de fichier refusé : « ${name} ».`);
  return name;
}

/** A folder on disk (sync folder, USB key, output folder); writes are atomic (temporary file, fsync, rename). */
export function nodeFileStore(dir: string): FileStore {
  return {
    async read(name) {
      try {
        return new Uint8Array(await readFile(join(dir, checkName(name))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(name, data) {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(join(dir, checkName(name)), data);
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
