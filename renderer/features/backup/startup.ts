import { backupBeforeUpgrade, restoreAtStart, type Engine } from '../../../shared/bridge/backupStartup.ts';
import type { Bridge } from '../../../shared/bridge/contract.ts';
import type { OpenOutcome } from '../../../shared/db/open.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { takePendingRestore } from './pendingRestore.ts';

export interface StartupProgress {
  label: string;
  done?: number;
  total?: number;
}

/**
 * Work done at start, before the application opens its database: a restore a person confirmed (the page
 * reloaded for it), then, when this build brings a newer schema, a backup of the data as they are before the
 * upgrade. Returns an outcome to show when the restore failed; a failed backup before an upgrade is reported
 * in the console and does not stop the start (the upgrade is what this build needs to open the data).
 */
export async function startupBackups(
  name: string,
  options: Engine & { storage: Storage; bridge: Bridge; onProgress?: (progress: StartupProgress) => void },
): Promise<(OpenOutcome & { ok: false }) | undefined> {
  const say = (label: string) => (done: number, total: number) => options.onProgress?.({ label, done, total });
  const pending = takePendingRestore(options.storage);
  if (pending) {
    try {
      await restoreAtStart(name, options, options.bridge, pending, (step) =>
        say(step === 'sauvegarde' ? 'Sauvegarde des données actuelles avant la restauration' : 'Restauration de la sauvegarde'),
      );
    } catch (error) {
      return { ok: false, reason: 'failed', message: `La restauration n’a pas pu se faire : ${errorMessage(error)}` };
    }
  }
  await backupBeforeUpgrade(name, options, options.bridge, say('Sauvegarde des données avant leur mise à jour')).catch((error: unknown) =>
    console.warn('Sauvegarde avant la mise à jour des données impossible :', error),
  );
  return undefined;
}
