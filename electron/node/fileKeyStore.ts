import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesToHex, hexToBytes } from '../../shared/sync/bytes.ts';
import type { KeyStore } from '../../shared/ports/keyStore.ts';
import { writeFileAtomic } from './atomicFile.ts';
import { SyncError } from '../../shared/errors.ts';

const SUFFIX = '.key';

function keyPath(dir: string, name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new SyncError(`Nom de clé invalide : « ${name} ».`);
  return join(dir, `${name}${SUFFIX}`);
}

/**
 * Keys as files in one folder, readable by their owner only (the command line's key store; the desktop
 * app keeps its keys with the operating system's protected storage instead). One key per file, in hex.
 */
export function fileKeyStore(dir: string): KeyStore {
  return {
    async get(name) {
      try {
        return hexToBytes((await readFile(keyPath(dir, name), 'utf8')).trim());
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(name, value) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(keyPath(dir, name), `${bytesToHex(value)}\n`, { mode: 0o600 });
    },
    async list() {
      try {
        return (await readdir(dir)).filter((n) => n.endsWith(SUFFIX)).map((n) => n.slice(0, -SUFFIX.length));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}
