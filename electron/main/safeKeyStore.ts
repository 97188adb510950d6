import { bytesToHex, hexToBytes } from '../../shared/sync/bytes.ts';
import type { KeyStore } from '../../shared/ports/keyStore.ts';
import { nodeFileStore } from '../node/fileStore.ts';
import type { KeyVault } from '../node/sync/keyVault.ts';
import { SyncError } from '../../shared/errors.ts';

/** The part of Electron's safeStorage the key store uses (the real module in the app, a fake in tests). */
export interface SafeStorageApi {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which password store protects the data. */
  getSelectedStorageBackend(): string;
}

export const SAFE_STORAGE_UNAVAILABLE =
  'Le stockage protégé du système n’est pas disponible sur ce poste : Passerelle refuse d’y conserver les clés de chiffrement en clair. ' +
  'Sous Linux, installez et déverrouillez un trousseau (GNOME Keyring ou KWallet), puis relancez Passerelle ; ailleurs, ouvrez la session Windows de l’utilisateur habituel.';

const SUFFIX = '.safe';

/**
 * Whether safeStorage really protects secrets here. On Linux without a keyring it falls back to a password
 * written in Chromium's source ("basic_text"): encryption in name only, so it counts as unavailable. This
 * is the one place that looks at the platform (ARCHITECTURE, rule 5).
 */
export async function safeStorageProblem(safeStorage: SafeStorageApi, platform: string = process.platform): Promise<string | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return SAFE_STORAGE_UNAVAILABLE;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) return SAFE_STORAGE_UNAVAILABLE;
  return null;
}

/**
 * The desktop app's key store: each key encrypted by the operating system (DPAPI on Windows, the keyring on
 * Linux) through Electron's safeStorage, one file per key in `dir`, written atomically. Nothing is stored
 * when safeStorage cannot protect it. A key encrypted on another PC or account cannot be read here: restore
 * the key backup instead.
 */
export function safeStorageKeyVault(dir: string, safeStorage: SafeStorageApi, platform: string = process.platform): KeyVault {
  const files = nodeFileStore(dir);
  const problem = () => safeStorageProblem(safeStorage, platform);

  async function write(name: string, value: Uint8Array): Promise<void> {
    await files.write(`${name}${SUFFIX}`, new Uint8Array(await safeStorage.encryptStringAsync(bytesToHex(value))));
  }

  const store: KeyStore = {
    async get(name) {
      const encrypted = await files.read(`${name}${SUFFIX}`);
      if (!encrypted) return undefined;
      let decrypted: { shouldReEncrypt: boolean; result: string };
      try {
        decrypted = await safeStorage.decryptStringAsync(Buffer.from(encrypted));
      } catch {
        throw new SyncError(`La clé « ${name} » a été protégée sur un autre poste ou par un autre compte : restaurez la sauvegarde des clés.`);
      }
      const value = hexToBytes(decrypted.result);
      // The operating system rotated its key: store this one again under the new protection.
      if (decrypted.shouldReEncrypt) await write(name, value);
      return value;
    },
    async put(name, value) {
      const reason = await problem();
      if (reason) throw new SyncError(reason);
      await write(name, value);
    },
    async list() {
      return (await files.list()).filter((n) => n.endsWith(SUFFIX)).map((n) => n.slice(0, -SUFFIX.length));
    },
  };

  return { store, label: 'Stockage protégé du système (chiffré par Windows ou par le trousseau de la session)', problem };
}
