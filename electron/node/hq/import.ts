import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BUNDLE_EXTENSION, MAX_BUNDLE_FILE_BYTES, type BundleHeader } from '../../../shared/sync/bundle.ts';
import { importBundle, type ImportOutcome } from '../../../shared/sync/hqImport.ts';
import { acknowledgementBody, ackStreams, signedAcknowledgement, streamKey, type AckStream } from '../../../shared/sync/hqOutputs.ts';
import { bytesToHex } from '../../../shared/sync/bytes.ts';
import type { HqStore } from '../../../shared/sync/hqStore.ts';
import type { HqKeyring } from '../../../shared/sync/keys.ts';
import { ackFileName, acknowledgementSchema, unverifiedBody, type Acknowledgement } from '../../../shared/sync/signed.ts';
import { writeFileAtomic } from '../atomicFile.ts';
import { nodeInflate } from '../deflate.ts';
import { nodeSha256 } from '../sha256.ts';
import { osReason } from '../osErrors.ts';
import { printable } from '../printable.ts';
import { readRegularFile } from '../regularFile.ts';
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
  /** The site's acknowledgement, written after the run (accepted or already known bundles, and gaps). */
  acknowledgement?: string;
  /** What went wrong beside the import itself (the quarantine copy, the acknowledgement), in French. */
  notes?: string[];
}

export interface ImportFilesOptions {
  now?: () => number;
  /** Headquarters' keys when they are not in the folder's `keys/` (the desktop app keeps them protected). */
  keyring?: HqKeyring;
  /** Called after each file, for a progress bar. */
  onProgress?: (done: number, total: number, result: FileImportResult) => void;
}

/** What the import worker receives (`workerData`), and what it posts back: progress after each file, then the results or an error. */
export interface ImportWorkerData {
  dir: string;
  inputs: ImportInput[];
  keyring?: HqKeyring;
}
export type ImportWorkerMessage = { progress: { done: number; total: number; result: FileImportResult } } | { results: FileImportResult[] } | { error: string };

/** The bundles of a folder: every entry named `*.passerelle`, in name order. What is not a regular file is refused when read. */
export async function listBundleFiles(folder: string): Promise<string[]> {
  return (await readdir(folder))
    .filter((n) => n.endsWith(BUNDLE_EXTENSION))
    .sort()
    .map((n) => join(folder, n));
}

/** Bundles named on a command line or chosen: a folder stands for the bundles it holds, in name order. */
export async function expandBundlePaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    // A folder named by the person may be reached through a link; the files in it never are (readRegularFile).
    const named = await lstat(path).catch(() => undefined);
    const folder = named?.isDirectory() || (named?.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory());
    if (folder) files.push(...(await listBundleFiles(path)));
    else files.push(path);
  }
  return files;
}

/**
 * Import bundles into the headquarters folder `dir`, one after the other, and say for each what happened.
 * A plain function of its arguments with no shared state, so the desktop app can run it in a worker thread.
 * One file never stops the others: whatever fails on a file (unreadable, refused, the store or the quarantine
 * failing) is said on its line and the next file is imported. A refused bundle changes nothing in the database
 * and is copied to the quarantine folder with a report. Afterwards the acknowledgements are brought up to date
 * from the store (`refreshAcknowledgements`), so one lost by a crash or a full disk is written again.
 */
export async function importBundleFiles(dir: string, inputs: readonly ImportInput[], options: ImportFilesOptions = {}): Promise<FileImportResult[]> {
  const keyring = options.keyring ?? (await loadKeyring(dir));
  const store = openHqStore(dir);
  try {
    return await importInto(dir, store, keyring, inputs, { ...options, verify: () => store.checkIntegrity() });
  } finally {
    store.close();
  }
}

/** `importBundleFiles` on a store already open (the folder `dir` holds its quarantine and acknowledgements). */
export async function importInto(
  dir: string,
  store: HqStore,
  keyring: HqKeyring,
  inputs: readonly ImportInput[],
  options: Pick<ImportFilesOptions, 'now' | 'onProgress'> & {
    /**
     * Check the whole store, throwing when it is damaged: run once, before the first file headquarters does not
     * know by its hash. A run of files all imported before (a folder imported again) reads no other page of the
     * store, so it costs a few percent of the first run at any size.
     */
    verify?: () => void;
  } = {},
): Promise<FileImportResult[]> {
  const now = options.now ?? Date.now;
  let verify = options.verify;
  const beforeImport = (digest: string) => {
    if (!verify) return;
    let known = false;
    try {
      known = store.hasBundleHash(digest);
    } catch {
      // A store too damaged to answer: the check says so in French.
    }
    if (known) return;
    verify();
    verify = undefined;
  };
  const results: FileImportResult[] = [];
  /** Per result, the site whose acknowledgement it gets. */
  const acknowledged: (string | undefined)[] = [];
  const touched = new Map<string, AckStream>();
  for (const input of inputs) {
    const { result, header, acknowledge } = await importOne(dir, store, keyring, input, now(), beforeImport);
    const stream = header && acknowledge ? { siteId: header.siteId, code: header.siteCode, deviceId: header.deviceId } : undefined;
    if (stream) touched.set(streamKey(stream), stream);
    results.push(result);
    acknowledged.push(stream ? streamKey(stream) : undefined);
    options.onProgress?.(results.length, inputs.length, result);
  }
  const written = await refreshAcknowledgements(dir, store, keyring, new Date(now()).toISOString(), touched);
  results.forEach((result, i) => {
    const ack = written.get(acknowledged[i] ?? '');
    if (ack && 'path' in ack) result.acknowledgement = ack.path;
    else if (ack) result.notes = [...(result.notes ?? []), ack.problem];
  });
  return results;
}

async function importOne(
  dir: string,
  store: HqStore,
  keyring: HqKeyring,
  input: ImportInput,
  at: number,
  beforeImport: (digest: string) => void,
): Promise<{ result: FileImportResult; header?: BundleHeader; acknowledge?: boolean }> {
  const name = typeof input === 'string' ? basename(input) : input.name;
  let bytes: Uint8Array;
  try {
    bytes = typeof input === 'string' ? await readRegularFile(input, MAX_BUNDLE_FILE_BYTES) : input.bytes;
  } catch (error) {
    // Nothing read, nothing copied: a link or a device must not end up in quarantine either.
    return { result: { file: name, status: 'refused', reason: error instanceof Error && error.name === 'SyncError' ? error.message : osReason(error) } };
  }
  const digest = nodeSha256(bytes);
  // Outside the try below: a damaged store stops the whole run, as when it would not open.
  beforeImport(bytesToHex(digest));
  let outcome: ImportOutcome;
  try {
    const sha256 = (b: Uint8Array) => (b === bytes ? digest : nodeSha256(b));
    outcome = importBundle(store, keyring, bytes, { now: at, fileName: name, inflate: nodeInflate, sha256 });
  } catch (error) {
    // The store failed (disk full, database locked or damaged), not the file: it is not quarantined, and
    // nothing of it was kept, so it may be imported again once the problem is solved.
    return {
      result: {
        file: name,
        status: 'refused',
        reason: `Import interrompu par une erreur du siège : ${osReason(error)}. Rien de ce lot n’a été intégré ; importez-le à nouveau une fois le problème réglé.`,
      },
    };
  }
  const { header } = outcome;
  const result: FileImportResult = { file: name, status: outcome.status, ...describe(header) };
  if (outcome.status === 'accepted') {
    result.records = outcome.records;
    result.conflicts = outcome.conflicts;
  }
  if (outcome.status === 'refused') {
    result.reason = outcome.reason;
    try {
      result.quarantined = await quarantine(dir, name, bytes, outcome.reason, header, at);
    } catch (error) {
      result.notes = [`Copie en quarantaine impossible : ${osReason(error)}.`];
    }
  }
  const acknowledge = outcome.status !== 'refused' || outcome.gap === true;
  return header ? { result, header, acknowledge } : { result };
}

function describe(header: BundleHeader | undefined): Pick<FileImportResult, 'siteCode' | 'sequence' | 'bundleId'> {
  return header ? { siteCode: header.siteCode, sequence: header.sequence, bundleId: header.bundleId } : {};
}

/**
 * Bring the acknowledgements in `acks/` up to date with the store: written again for every site a bundle of this
 * run came from (accepted, already known, or refused for a gap: then it says what headquarters really holds), and
 * for every other active site whose file is missing, unreadable or says something else than the store. They
 * derive from the store alone, so a run after a crash or a full disk repairs what the last one could not write.
 * Returns, per site, the file written or why it could not be.
 */
export async function refreshAcknowledgements(
  dir: string,
  store: HqStore,
  keyring: Pick<HqKeyring, 'signingSecret'>,
  issuedAt: string,
  touched: ReadonlyMap<string, AckStream> = new Map(),
): Promise<Map<string, { path: string } | { problem: string }>> {
  const folder = hqPaths(dir).acks;
  const streams = new Map(touched);
  for (const stream of ackStreams(store)) if (!streams.has(streamKey(stream))) streams.set(streamKey(stream), stream);
  const outcome = new Map<string, { path: string } | { problem: string }>();
  for (const [key, stream] of streams) {
    const path = join(folder, ackFileName(stream.code, stream.deviceId));
    const expected = acknowledgementBody(store, stream, issuedAt);
    if (!touched.has(key) && (await saysTheSame(path, expected))) continue;
    try {
      await mkdir(folder, { recursive: true });
      await writeFileAtomic(path, signedAcknowledgement(store, stream, issuedAt, keyring.signingSecret));
      outcome.set(key, { path });
    } catch (error) {
      outcome.set(key, { problem: `Accusé de réception non écrit (${osReason(error)}) : il le sera au prochain import.` });
    }
  }
  // A site's own acknowledgement from before its workstations would be handed out with theirs: it goes.
  for (const site of store.sites()) {
    if (store.workstations(site.siteId).length > 0) await rm(join(folder, ackFileName(site.code)), { force: true }).catch(() => undefined);
  }
  return outcome;
}

/** Whether the acknowledgement file already says what the store says (its issue time aside). */
async function saysTheSame(path: string, expected: Pick<Acknowledgement, 'siteId' | 'deviceId' | 'ackedClock' | 'bundleCount'>): Promise<boolean> {
  const held = acknowledgementSchema.safeParse(unverifiedBody(await readRegularFile(path, 64 * 1024).catch(() => new Uint8Array())));
  return (
    held.success &&
    held.data.siteId === expected.siteId &&
    held.data.deviceId === expected.deviceId &&
    held.data.ackedClock === expected.ackedClock &&
    held.data.bundleCount === expected.bundleCount
  );
}

function stamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Longest file name kept in a quarantine copy's name: every file system takes 255 bytes, with room for the stamp. */
const QUARANTINE_NAME_CHARS = 120;

async function quarantine(dir: string, name: string, bytes: Uint8Array, reason: string, header: BundleHeader | undefined, at: number): Promise<string> {
  const folder = hqPaths(dir).quarantine;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // A folder made by an older version (or by hand) is closed too: `mode` applies only to a folder mkdir creates.
  if (((await stat(folder)).mode & 0o077) !== 0) await chmod(folder, 0o700);
  const safe = name.replace(/[^\p{L}\p{N}._-]/gu, '_').slice(-QUARANTINE_NAME_CHARS);
  let target = join(folder, `${stamp(at)}-${safe}`);
  for (let n = 2; existsSync(target); n++) target = join(folder, `${stamp(at)}-${n}-${safe}`);
  // A refused file may hold anything, a secret included: only this account reads the copy.
  await writeFileAtomic(target, bytes, { mode: 0o600 });
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
  await writeFileAtomic(`${target}.rapport.txt`, `${lines.map(printable).join('\n')}\n`, { mode: 0o600 });
  return target;
}
