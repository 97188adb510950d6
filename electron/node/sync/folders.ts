import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { zipSync } from 'fflate';
import type { SavedOutput, Target } from '../../../shared/bridge/syncSchemas.ts';
import { toBase64 } from '../../../shared/sync/bytes.ts';
import { SyncError } from '../../../shared/errors.ts';
import { writeFilesAtomic } from '../atomicFile.ts';
import { checkFileName } from '../fileStore.ts';
import { osReason } from '../osErrors.ts';
import type { NamedFile } from '../hq/outputs.ts';

/**
 * A folder the person named (typed in the web host, chosen in the desktop dialog): a complete path to an
 * existing folder this account may write in. Returns it resolved.
 */
export async function checkFolder(path: string): Promise<string> {
  if (!isAbsolute(path)) {
    throw new SyncError(`Chemin refusé : « ${path} » n’est pas un chemin complet (par exemple \\\\serveur\\partage\\passerelle ou /mnt/partage/passerelle).`);
  }
  const folder = resolve(path);
  const info = await stat(folder).catch(() => undefined);
  if (!info)
    throw new SyncError(`Dossier introuvable ou inaccessible : ${folder}. Vérifiez le chemin, ou que le partage réseau ou la clé USB est bien branché.`);
  if (!info.isDirectory()) throw new SyncError(`${folder} est un fichier, pas un dossier.`);
  try {
    await access(folder, constants.R_OK | constants.W_OK);
  } catch {
    throw new SyncError(`Le dossier ${folder} n’est pas accessible en écriture pour votre compte.`);
  }
  return folder;
}

/** The sync folder from the settings, checked; a French message when none is set or it cannot be reached. */
export async function requireSyncFolder(folder: string | undefined): Promise<string> {
  if (!folder) throw new SyncError('Aucun dossier de synchronisation n’est réglé : choisissez-le dans Paramètres, ou choisissez un autre dossier.');
  try {
    return await checkFolder(folder);
  } catch (error) {
    throw new SyncError(`Dossier de synchronisation injoignable : ${(error as Error).message} Réessayez plus tard, ou exportez vers un autre dossier.`);
  }
}

/**
 * Deliver files: into the sync folder or a chosen folder (each written atomically), or back to the page for
 * a download (several files then travel as one zip named `zipName`).
 */
export async function saveOutput(
  files: readonly NamedFile[],
  target: Target,
  options: { syncFolder: string | undefined; zipName: string },
): Promise<SavedOutput> {
  if (target === 'download') {
    if (files.length === 1) {
      const [file] = files as [NamedFile];
      return { files: [file.name], folder: null, download: { name: file.name, base64: toBase64(file.bytes) } };
    }
    const zipped = zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])), { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
    return { files: files.map((f) => f.name), folder: null, download: { name: options.zipName, base64: toBase64(zipped) } };
  }
  const folder = target === 'syncFolder' ? await requireSyncFolder(options.syncFolder) : await checkFolder(target.folder);
  for (const file of files) checkFileName(file.name);
  try {
    await writeFilesAtomic(folder, files);
  } catch (error) {
    throw new SyncError(`Écriture impossible dans ${folder} : ${osReason(error)}. Aucun des fichiers n’a été laissé à moitié écrit.`);
  }
  return { files: files.map((f) => f.name), folder, download: null };
}
