import type { FilePayload } from '../../../shared/bridge/syncSchemas.ts';
import { MAX_FILE_BYTES } from '../../../shared/bridge/syncSchemas.ts';
import { fromBase64, toBase64 } from '../../../shared/sync/bytes.ts';
import { SyncError } from '../../../shared/errors.ts';
import { downloadFile } from '../../ui/download.ts';

/** A file the person chose, ready to cross the bridge; refused in French above the bridge's size cap. */
export async function fileToPayload(file: File): Promise<FilePayload> {
  if (file.size > MAX_FILE_BYTES) throw new SyncError(`${file.name} : fichier trop volumineux (${Math.round(MAX_FILE_BYTES / 1024 / 1024)} Mo au plus).`);
  return { name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** Save a file the Node side handed back: the browser's download, Electron's save dialog. */
export function downloadPayload(payload: FilePayload): void {
  downloadFile(payload.name, new Blob([fromBase64(payload.base64) as Uint8Array<ArrayBuffer>]));
}
