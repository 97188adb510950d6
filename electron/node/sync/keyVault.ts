import type { KeyStore } from '../../../shared/ports/keyStore.ts';
import { fileKeyStore } from '../fileKeyStore.ts';

/**
 * Where this installation keeps its secret keys, and how well: the desktop app encrypts them with the
 * operating system's protected storage (Electron safeStorage), the web host writes files readable by its
 * account only, tests keep them in memory. `problem` is the French reason secrets cannot be stored, if any.
 */
export interface KeyVault {
  store: KeyStore;
  /** Said on the Paramètres screen. */
  label: string;
  problem(): Promise<string | null>;
}

export function fileKeyVault(dir: string): KeyVault {
  return {
    store: fileKeyStore(dir),
    label: `Fichiers lisibles par votre seul compte (${dir})`,
    problem: async () => null,
  };
}
