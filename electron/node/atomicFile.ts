import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file being written a piece at a time; only `commit` makes it appear under its name. */
export interface AtomicWriter {
  /** The temporary file, hidden beside the target until the commit. */
  readonly tempPath: string;
  append(data: string | Uint8Array): Promise<void>;
  /** Flush to disk, rename over the target, flush the folder. */
  commit(): Promise<void>;
  /** Drop the temporary file; the target, if any, is untouched. */
  abort(): Promise<void>;
}

/**
 * Write a file so that a crash at any moment leaves either the previous file or the complete new one:
 * write a temporary file beside it, flush it to disk, rename it over the target, then flush the folder.
 */
export async function openAtomicWriter(path: string, options: { mode?: number } = {}): Promise<AtomicWriter> {
  const dir = dirname(path);
  const tempPath = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tempPath, 'wx', options.mode ?? 0o666);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  const abort = async () => {
    await close().catch(() => undefined);
    await rm(tempPath, { force: true });
  };
  return {
    tempPath,
    async append(data) {
      try {
        await handle.writeFile(data);
      } catch (error) {
        await abort();
        throw error;
      }
    },
    async commit() {
      try {
        await handle.sync();
        await close();
        await rename(tempPath, path);
      } catch (error) {
        await abort();
        throw error;
      }
      await syncDir(dir);
    },
    abort,
  };
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const writer = await openAtomicWriter(path, options);
  await writer.append(data);
  await writer.commit();
}

async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename itself is what the file system journals.
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    return;
  } finally {
    await handle?.close();
  }
}

/**
 * Write several files into `folder` so that they appear together or not at all: each is written in full into a
 * hidden folder inside it (same disk, so the moves are renames that need no space), then moved to its name. A
 * failure (full disk, removed USB key) leaves the folder as it was, and removes it when this call created it.
 */
export async function writeFilesAtomic(folder: string, files: readonly { name: string; bytes: Uint8Array }[]): Promise<string[]> {
  const created = await mkdir(folder, { recursive: true });
  const staging = join(folder, `.passerelle-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(staging);
    for (const file of files) await writeFileAtomic(join(staging, file.name), file.bytes);
    const paths: string[] = [];
    for (const file of files) {
      await rename(join(staging, file.name), join(folder, file.name));
      paths.push(join(folder, file.name));
    }
    await syncDir(folder);
    return paths;
  } catch (error) {
    if (created !== undefined) await rm(created, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
