import { mkdir, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { HqSiteRow } from '../../../shared/bridge/syncSchemas.ts';
import type { KeyStore } from '../../../shared/ports/keyStore.ts';
import { dispLabelOfSite } from '../../../shared/reference/disp.ts';
import { centralEntityNames } from '../../../shared/schemas/entities.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import { toCsv } from '../../../shared/csv/export.ts';
import { hexToBytes } from '../../../shared/sync/bytes.ts';
import { centralExportGzip, csvFileName, entityCsv, type CentralSite } from '../../../shared/sync/centralExport.ts';
import { latestBundle } from '../../../shared/sync/hqImport.ts';
import { keyIdOf } from '../../../shared/sync/keys.ts';
import { SyncError } from '../../../shared/errors.ts';
import { ackStreams, signedReferenceData, streamKey } from '../../../shared/sync/hqOutputs.ts';
import type { HqKeyring } from '../../../shared/sync/keys.ts';
import { ACK_EXTENSION, acknowledgementSchema, REFERENCE_FILE, unverifiedBody } from '../../../shared/sync/signed.ts';
import type { HqStore } from '../../../shared/sync/hqStore.ts';
import { dictionaryFiles, siteColumns } from '../../../shared/sync/dictionary.ts';
import { writeFileAtomic, writeFilesAtomic } from '../atomicFile.ts';
import { nodeGzip } from '../deflate.ts';
import { osReason } from '../osErrors.ts';
import { readRegularFile } from '../regularFile.ts';
import { hqPaths, loadKeyring, openHqStore } from './hqDir.ts';
import { refreshAcknowledgements } from './import.ts';

/** A file to write somewhere: its name and content. */
export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Every acknowledgement headquarters hands out, fresh: those of `acks/` brought up to date from the store for
 * every active site that sent something, and those the imports left there for sites whose bundle was refused
 * for a gap before headquarters knew them (they say it holds nothing). Each as a file with its site code.
 */
export async function acknowledgementOutbox(
  dir: string,
  keyring: Pick<HqKeyring, 'signingSecret'>,
  issuedAt: string,
): Promise<(NamedFile & { siteCode: string; ackedClock: string | null })[]> {
  const store = openHqStore(dir);
  try {
    const everyStream = new Map(ackStreams(store).map((stream) => [streamKey(stream), stream] as const));
    const written = await refreshAcknowledgements(dir, store, keyring, issuedAt, everyStream);
    const problem = [...written.values()].find((w) => 'problem' in w);
    if (problem && 'problem' in problem) throw new SyncError(problem.problem);
  } finally {
    store.close();
  }
  const folder = hqPaths(dir).acks;
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith(ACK_EXTENSION)).sort();
  const files: (NamedFile & { siteCode: string; ackedClock: string | null })[] = [];
  for (const name of names) {
    // Headquarters wrote these files itself, just now or at an import: their content is read, not re-verified.
    const bytes = await readRegularFile(join(folder, name), 64 * 1024);
    const ack = acknowledgementSchema.safeParse(unverifiedBody(bytes));
    if (ack.success) files.push({ name, bytes, siteCode: ack.data.siteCode, ackedClock: ack.data.ackedClock });
  }
  return files;
}

/** Write every acknowledgement headquarters hands out (`acknowledgementOutbox`) into `outDir`. */
export async function writeAcknowledgements(
  dir: string,
  outDir: string,
  options: { now?: number; keys?: KeyStore } = {},
): Promise<{ file: string; siteCode: string; ackedClock: string | null }[]> {
  const keyring = await loadKeyring(dir, options.keys);
  const files = await acknowledgementOutbox(dir, keyring, new Date(options.now ?? Date.now()).toISOString());
  await mkdir(outDir, { recursive: true });
  const written: { file: string; siteCode: string; ackedClock: string | null }[] = [];
  for (const ack of files) {
    const file = join(outDir, ack.name);
    await writeFileAtomic(file, ack.bytes);
    written.push({ file, siteCode: ack.siteCode, ackedClock: ack.ackedClock });
  }
  return written;
}

/** Write the signed reference data file. `out` is a folder (the file takes its usual name) or a file path. */
export async function writeReferenceFile(dir: string, out: string, options: { now?: number; asFolder?: boolean; keys?: KeyStore } = {}): Promise<string> {
  const keyring = await loadKeyring(dir, options.keys);
  const store = openHqStore(dir, { readOnly: true });
  try {
    const bytes = signedReferenceData(store, new Date(options.now ?? Date.now()).toISOString(), keyring.signingSecret);
    let path = out;
    if (options.asFolder) {
      await mkdir(out, { recursive: true });
      path = join(out, REFERENCE_FILE);
    }
    await writeFileAtomic(path, bytes);
    return path;
  } finally {
    store.close();
  }
}

/**
 * Every enrolled site, retired ones included, as the central export lists them, with the DISP of its
 * département (shared/reference/disp.ts, as in the annual review).
 */
export function centralSiteDirectory(store: HqStore): CentralSite[] {
  return store.sites().map((site) => {
    const last = latestBundle(store.bundles(site.siteId));
    const disp = dispLabelOfSite(site);
    return {
      siteId: site.siteId,
      code: site.code,
      name: site.name,
      kind: site.kind,
      departement: site.departement,
      ...(disp ? { disp } : {}),
      keyId: keyIdOf(hexToBytes(site.publicKey)),
      ...(site.ackedClock !== undefined ? { ackedClock: site.ackedClock } : {}),
      ...(last ? { lastBundle: { sequence: last.sequence, createdAt: last.createdAt } } : {}),
      retired: site.retiredAt !== undefined,
    };
  });
}

/**
 * Every enrolled site as the Sites tab lists it. Its last bundle is the central export's (`latestBundle`,
 * whatever the order bundles were imported in), and "received" is when that bundle arrived: an older
 * bundle imported late brings nothing new, so it neither changes the number shown nor resets the lag.
 */
export function hqSiteRows(store: HqStore): HqSiteRow[] {
  return store.sites().map((site) => {
    const bundles = store.bundles(site.siteId);
    const last = latestBundle(bundles);
    return {
      siteId: site.siteId,
      code: site.code,
      name: site.name,
      kind: site.kind,
      departement: site.departement,
      keyId: keyIdOf(hexToBytes(site.publicKey)),
      enrolledAt: site.enrolledAt,
      ackedClock: site.ackedClock ?? null,
      lastBundleAt: last?.importedAt ?? null,
      lastSequence: last?.sequence ?? null,
      lastCreatedAt: last?.createdAt ?? null,
      bundleCount: bundles.length,
      retiredAt: site.retiredAt ?? null,
      workstations: store.workstations(site.siteId).map((w) => ({
        deviceId: w.deviceId,
        name: w.name ?? null,
        keyId: keyIdOf(hexToBytes(w.publicKey)),
        enrolledAt: w.enrolledAt,
        ackedClock: w.ackedClock ?? null,
        lastBundleAt: w.lastBundleAt ?? null,
      })),
    };
  });
}

/** The central export file (NDJSON, gzip): the site directory, then every consolidated record. */
export function centralExportFile(store: HqStore): Uint8Array {
  return centralExportGzip(store.consolidated(), centralSiteDirectory(store), nodeGzip);
}

/** The data dictionary (dictionnaire.csv, codes.csv) that ships with every central export, whatever its format. */
export function dictionaryNamedFiles(): NamedFile[] {
  const encoder = new TextEncoder();
  return dictionaryFiles().map((f) => ({ name: f.name, bytes: encoder.encode(f.text) }));
}

/** The NDJSON form of the central export, named `name`, with its data dictionary. */
export function centralNdjsonFiles(store: HqStore, name: string): NamedFile[] {
  return [{ name, bytes: centralExportFile(store) }, ...dictionaryNamedFiles()];
}

/**
 * The central export: `ndjson` writes one gzip file at `out` (byte-identical for the same consolidated
 * state) and the data dictionary beside it; `csv` writes, in the folder `out`, one CSV file per entity (live
 * records), `sites.csv` and the data dictionary.
 */
export async function writeCentralExport(dir: string, out: string, format: 'ndjson' | 'csv'): Promise<{ files: string[] }> {
  const store = openHqStore(dir, { readOnly: true });
  try {
    if (format === 'ndjson') return { files: await writeFilesAtomic(dirname(out), centralNdjsonFiles(store, basename(out))) };
    return { files: await writeFilesAtomic(out, centralCsvFiles(store)) };
  } catch (error) {
    throw error instanceof SyncError ? error : new SyncError(`Fichier central non écrit (${out}) : ${osReason(error)}. Rien n’a été laissé à moitié écrit.`);
  } finally {
    store.close();
  }
}

/** The CSV form of the central export: one file per entity (live records), `sites.csv` and the data dictionary. */
export function centralCsvFiles(store: HqStore): NamedFile[] {
  const encoder = new TextEncoder();
  const files = centralEntityNames.map((entity) => ({ name: csvFileName(entity), bytes: encoder.encode(entityCsv(entity, store.consolidated(entity))) }));
  const sites = centralSiteDirectory(store).map((s) => [
    s.siteId,
    s.code,
    s.name,
    siteKindLabels[s.kind],
    s.departement,
    s.disp ?? '',
    s.keyId,
    s.ackedClock ?? '',
    s.lastBundle?.sequence ?? '',
    s.lastBundle?.createdAt ?? '',
    s.retired ? 'oui' : 'non',
  ]);
  const columns = siteColumns.map(([header]) => ({ header }));
  files.push({ name: 'sites.csv', bytes: encoder.encode(toCsv(columns, sites)) });
  return [...files, ...dictionaryNamedFiles()];
}
