import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BundleHeader } from '../../../shared/sync/bundle.ts';
import { importBundle, type ImportOutcome } from '../../../shared/sync/hqImport.ts';
import { signedAcknowledgement } from '../../../shared/sync/hqOutputs.ts';
import type { HqKeyring } from '../../../shared/sync/keys.ts';
import { ackFileName } from '../../../shared/sync/signed.ts';
import { writeFileAtomic } from '../atomicFile.ts';
import { hqPaths, loadKeyring, openHqStore } from './hqDir.ts';

/** A bundle to import: a file path, or bytes received some other way (a browser upload) with their name. */
export type ImportInput = string | { name: string; bytes: Uint8Array };

export interface FileImportResult {
  file: string;
  status: 'accepted' | 'known' | 'refused';
  reason?: string;
  siteCode?: string;
  sequence?: number;
  bundleId?: string;
  records?: number;
  conflicts?: number;
  /** Where a refused file was copied, with its report beside it. */
  quarantined?: string;
  /** The site's acknowledgement written after the import (accepted bundles). */
  acknowledgement?: string;
}

export interface ImportFilesOptions {
  now?: () => number;
  /** Headquarters' keys when they are not in the folder's `keys/` (the desktop app keeps them protected). */
  keyring?: HqKeyring;
  /** Called after each file, for a progress bar. */
  onProgress?: (done: number, total: number, result: FileImportResult) => void;
}

/**
 * Import bundles into the headquarters folder `dir`, one after the other, and say for each what happened.
 * A plain function of its arguments with no shared state, so the desktop app can run it in a worker thread.
 * A refused bundle changes nothing in the database and is copied to the quarantine folder with a report.
 * Afterwards the acknowledgement of every site that had a bundle accepted is written to `acks/`.
 */
export async function importBundleFiles(dir: string, inputs: readonly ImportInput[], options: ImportFilesOptions = {}): Promise<FileImportResult[]> {
  const now = options.now ?? Date.now;
  const keyring = options.keyring ?? (await loadKeyring(dir));
  const results: FileImportResult[] = [];
  const progress = (result: FileImportResult) => {
    results.push(result);
    options.onProgress?.(results.length, inputs.length, result);
  };
  const store = openHqStore(dir);
  try {
    for (const input of inputs) {
      const name = typeof input === 'string' ? basename(input) : input.name;
      let bytes: Uint8Array;
      try {
        bytes = typeof input === 'string' ? new Uint8Array(await readFile(input)) : input.bytes;
      } catch (error) {
        progress({
          file: name,
          status: 'refused',
          reason: `Fichier illisible : ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'il n’existe pas' : (error as Error).message}.`,
        });
        continue;
      }
      const at = now();
      let outcome: ImportOutcome;
      try {
        outcome = importBundle(store, keyring, bytes, { now: at, fileName: name });
      } catch (error) {
        // The store failed (disk full, database locked), not the file: it is not quarantined and may be imported again.
        progress({ file: name, status: 'refused', reason: `Import interrompu par une erreur du siège : ${(error as Error).message}` });
        continue;
      }
      const result: FileImportResult = { file: name, status: outcome.status, ...describe(outcome.header) };
      if (outcome.status === 'accepted') {
        result.records = outcome.records;
        result.conflicts = outcome.conflicts;
      }
      if (outcome.status === 'refused') {
        result.reason = outcome.reason;
        result.quarantined = await quarantine(dir, name, bytes, outcome.reason, outcome.header, at);
      }
      progress(result);
    }
    const issuedAt = new Date(now()).toISOString();
    const acknowledged = new Map<string, string>();
    for (const result of results) {
      if (result.status !== 'accepted' || result.siteCode === undefined) continue;
      const site = store.siteByCode(result.siteCode);
      if (!site) continue;
      let path = acknowledged.get(site.siteId);
      if (path === undefined) {
        const bytes = signedAcknowledgement(store, site, issuedAt, keyring.signingSecret);
        if (!bytes) continue;
        await mkdir(hqPaths(dir).acks, { recursive: true });
        path = join(hqPaths(dir).acks, ackFileName(site.code));
        await writeFileAtomic(path, bytes);
        acknowledged.set(site.siteId, path);
      }
      result.acknowledgement = path;
    }
  } finally {
    store.close();
  }
  return results;
}

function describe(header: BundleHeader | undefined): Pick<FileImportResult, 'siteCode' | 'sequence' | 'bundleId'> {
  return header ? { siteCode: header.siteCode, sequence: header.sequence, bundleId: header.bundleId } : {};
}

function stamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

async function quarantine(dir: string, name: string, bytes: Uint8Array, reason: string, header: BundleHeader | undefined, at: number): Promise<string> {
  const folder = hqPaths(dir).quarantine;
  await mkdir(folder, { recursive: true });
  const safe = name.replace(/[^\p{L}\p{N}._-]/gu, '_');
  let target = join(folder, `${stamp(at)}-${safe}`);
  for (let n = 2; existsSync(target); n++) target = join(folder, `${stamp(at)}-${n}-${safe}`);
  await writeFileAtomic(target, bytes);
  const lines = ['Lot refusé par le siège', `Fichier : ${name}`, `Reçu le : ${new Date(at).toISOString()}`, `Raison : ${reason}`];
  if (header) {
    lines.push(
      `Site : ${header.siteCode} (${header.siteId})`,
      `Numéro du lot : ${header.sequence}`,
      `Identifiant du lot : ${header.bundleId}`,
      `Créé le : ${header.createdAt}`,
      `Modifications : de ${header.firstClock ?? '-'} à ${header.lastClock ?? '-'}`,
      `Clé de chiffrement du siège : ${header.hqKeyId}`,
    );
  }
  await writeFileAtomic(`${target}.rapport.txt`, `${lines.join('\n')}\n`);
  return target;
}
