/**
 * A folder the sync engine reads and writes files in (the sync folder on a network share, a USB key, the
 * output folder of the command line). Paths are names relative to that folder. `write` is atomic: after a
 * crash the file is either the previous one or the complete new one.
 */
export interface FileStore {
  read(name: string): Promise<Uint8Array | undefined>;
  write(name: string, data: Uint8Array): Promise<void>;
  /** File names in the folder, sorted. */
  list(): Promise<string[]>;
}
