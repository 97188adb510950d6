/**
 * Where a host keeps secret keys: files for the command line, Electron's safeStorage in the desktop app,
 * memory in tests. Names are plain identifiers (`site.signingKey`, `hq.encryption.<id>`); values are raw
 * bytes. The sync engine never sees where or how they are stored.
 */
export interface KeyStore {
  get(name: string): Promise<Uint8Array | undefined>;
  put(name: string, value: Uint8Array): Promise<void>;
  /** Names of every key held, in no particular order. */
  list(): Promise<string[]>;
}

/** A key store that lives as long as the process: tests, and the simulated sites of `passerelle demo-bundles`. */
export function memoryKeyStore(initial: Record<string, Uint8Array> = {}): KeyStore {
  const keys = new Map(Object.entries(initial).map(([k, v]) => [k, Uint8Array.from(v)]));
  return {
    get: async (name) => {
      const value = keys.get(name);
      return value ? Uint8Array.from(value) : undefined;
    },
    put: async (name, value) => {
      keys.set(name, Uint8Array.from(value));
    },
    list: async () => [...keys.keys()],
  };
}
