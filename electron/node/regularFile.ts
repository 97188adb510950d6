import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { SyncError } from '../../shared/errors.ts';
import { osReason } from './osErrors.ts';

/**
 * Read a file someone dropped in a folder (a bundle, an acknowledgement), refusing anything but a regular file
 * of at most `maxBytes`: a symbolic link is never followed (one to the signing key would copy the key into
 * quarantine, one to /dev/zero would fill the memory), a named pipe would wait forever for a writer, a folder or
 * a device is not a file. The link is refused by name (lstat) and again when opening (O_NOFOLLOW, where the
 * system has it), the kind checked on the open file itself (fstat), and O_NONBLOCK keeps a pipe from blocking
 * the open. The SyncError says why, in French, naming the file.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const refuse = (why: string): never => {
    throw new SyncError(`Fichier illisible (${path}) : ${why}.`);
  };
  const seen = await lstat(path).catch((error: unknown) => refuse(osReason(error)));
  if (seen.isSymbolicLink()) refuse(osReason({ code: 'ELOOP' }));
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch((error: unknown) =>
    refuse(osReason(error)),
  );
  try {
    const info = await handle.stat();
    if (info.isDirectory()) refuse(osReason({ code: 'EISDIR' }));
    if (!info.isFile()) refuse('ce n’est pas un fichier ordinaire (tube, périphérique ou prise réseau) : Passerelle ne lit que des fichiers');
    if (info.size > maxBytes) refuse(`il pèse ${megabytes(info.size)}, plus que les ${megabytes(maxBytes)} permis`);
    // Read to the end, however the size changes meanwhile, and never more than the limit.
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(Math.max(info.size - length, 64 * 1024) + 1, maxBytes + 1 - length, 16 * 1024 * 1024));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length).catch((error: unknown) => refuse(osReason(error)));
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) refuse(`il dépasse les ${megabytes(maxBytes)} permis`);
    }
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
