import { open, type FileHandle } from 'node:fs/promises';
import { backupHeadLength, createBackupOpener, frameLength, parseBackupHead, type BackupHeader } from '../../../shared/backup/format.ts';
import { backupTally, decodePayload, type BackupSummary } from '../../../shared/backup/payload.ts';
import { SyncError } from '../../../shared/errors.ts';

/** A backup file on disk, read a frame at a time (a full site's backup is far larger than one read should be). */
export interface BackupFileReader {
  readonly head: Uint8Array;
  readonly header: BackupHeader;
  /** The next sealed frame and whether the file ends after it; undefined at the end. */
  next(): Promise<{ sealed: Uint8Array; last: boolean } | undefined>;
  close(): Promise<void>;
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  if (read < length) throw new SyncError('Sauvegarde tronquée : le fichier s’arrête avant sa fin (écriture interrompue ?). Rien n’a été restauré.');
  return buffer;
}

export async function openBackupFile(path: string): Promise<BackupFileReader> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SyncError(
      code === 'ENOENT'
        ? `Fichier de sauvegarde introuvable : ${path}.`
        : code === 'EISDIR'
          ? `${path} est un dossier, pas un fichier de sauvegarde.`
          : `Fichier de sauvegarde illisible : ${path}.`,
    );
  }
  try {
    const { size } = await handle.stat();
    const prefix = await readExactly(handle, 0, Math.min(size, 14));
    const headLength = backupHeadLength(prefix);
    const head = await readExactly(handle, 0, headLength);
    const header = parseBackupHead(head);
    let position = headLength;
    return {
      head,
      header,
      async next() {
        if (position >= size) return undefined;
        const length = frameLength(await readExactly(handle, position, 4));
        const sealed = await readExactly(handle, position + 4, length);
        position += 4 + length;
        return { sealed, last: position >= size };
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The opened payloads of a backup, in order: what a restore loads. */
export async function* backupPayloads(reader: BackupFileReader, key: Uint8Array): AsyncGenerator<Uint8Array> {
  const opener = createBackupOpener(reader.head, key);
  for (let frame = await reader.next(); frame; frame = await reader.next()) yield opener.open(frame.sealed, frame.last);
}

/**
 * Read a whole backup back and check it: every frame opens with the key (nothing altered, nothing missing,
 * nothing after the end), every payload reads, and it holds exactly the rows its summary announces.
 */
export async function verifyBackupFile(path: string, key: Uint8Array): Promise<{ header: BackupHeader; summary: BackupSummary }> {
  const reader = await openBackupFile(path);
  try {
    const tally = backupTally();
    for await (const payload of backupPayloads(reader, key)) tally.add(decodePayload(payload));
    return { header: reader.header, summary: tally.finish() };
  } finally {
    await reader.close();
  }
}
