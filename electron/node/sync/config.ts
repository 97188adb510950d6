import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { siteRef } from '../../../shared/bridge/syncSchemas.ts';
import { deviceCertificateSchema, revocationSchema } from '../../../shared/sync/officeTrust.ts';
import { writeFileAtomic } from '../atomicFile.ts';
import { SyncError } from '../../../shared/errors.ts';

const configSchema = z.object({
  /** The sync folder (a network share), absolute. */
  syncFolder: z.string().optional(),
  /** Headquarters' public key file (`hq.pub`) as imported, verbatim. */
  hqPublic: z.string().optional(),
  /** The site the renderer said it is at the last start: names its acknowledgement file in the sync folder. */
  site: siteRef.optional(),
  /** This workstation's device id, as the renderer said at the last start: names its own acknowledgement file. */
  deviceId: z.string().max(64).optional(),
  /**
   * The office this workstation belongs to, once it added a workstation or joined a site: its device id, and
   * the certificates and revocations of the office's workstations it accepted (the office key is a secret key).
   */
  office: z.object({ deviceId: z.string().uuid(), certificates: z.array(deviceCertificateSchema), revocations: z.array(revocationSchema) }).optional(),
  /** Highest bundle sequence this installation wrote: outlives the database, so a restored one numbers past it. */
  exportedSequence: z.number().int().min(0).optional(),
});
export type SyncConfig = z.infer<typeof configSchema>;

export const SYNC_CONFIG_FILE = 'sync.json';

/**
 * The sync settings of this installation, in `<data folder>/sync.json`, written atomically. Nothing secret
 * is kept here (keys live in the KeyStore). Updates are serialised, so two settings saved at once both stay.
 */
export interface SyncConfigStore {
  read(): Promise<SyncConfig>;
  update(change: (current: SyncConfig) => SyncConfig): Promise<SyncConfig>;
}

export function syncConfigStore(dataDir: string): SyncConfigStore {
  const path = join(dataDir, SYNC_CONFIG_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<SyncConfig> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const unreadable = new SyncError(`Réglages de synchronisation illisibles (${path}) : corrigez ou supprimez ce fichier, puis refaites les réglages.`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw unreadable;
    }
    const parsed = configSchema.safeParse(json);
    if (!parsed.success) throw unreadable;
    return parsed.data;
  }

  return {
    read,
    update(change) {
      const next = queue.then(async () => {
        const updated = configSchema.parse(change(await read()));
        await mkdir(dataDir, { recursive: true });
        await writeFileAtomic(path, `${JSON.stringify(updated, null, 2)}\n`);
        return updated;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
