import type { BackupOpened } from '../../../shared/bridge/backupClient.ts';

const KEY = 'passerelle.restore';

/**
 * A restore a person confirmed, carried across a reload: the page reloads so that no screen holds the
 * database while it is replaced, and the start-up restores before it opens anything (boot.ts). The backup
 * stays open on the Node side meanwhile (its handle).
 */
export interface PendingRestore {
  opened: BackupOpened;
  /** Back up the data it replaces first (false when they cannot be read: the error screen). */
  saveCurrent: boolean;
}

export function schedulePendingRestore(storage: Storage, pending: PendingRestore): void {
  storage.setItem(KEY, JSON.stringify(pending));
}

/** The scheduled restore, taken out of storage: a restore that fails is not tried again at the next start. */
export function takePendingRestore(storage: Storage): PendingRestore | undefined {
  const text = storage.getItem(KEY);
  storage.removeItem(KEY);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as PendingRestore;
  } catch {
    return undefined;
  }
}
