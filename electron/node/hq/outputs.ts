import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { HqSiteRow } from '../../../shared/bridge/syncSchemas.ts';
import type { KeyStore } from '../../../shared/ports/keyStore.ts';
import { dispLabelOfSite } from '../../../shared/reference/disp.ts';
import { entityNames } from '../../../shared/schemas/entities.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import { toCsv } from '../../../shared/csv/export.ts';
import { hexToBytes } from '../../../shared/sync/bytes.ts';
import { centralExportGzip, csvFileName, entityCsv, type CentralSite } from '../../../shared/sync/centralExport.ts';
import { latestBundle } from '../../../shared/sync/hqImport.ts';
import { keyIdOf } from '../../../shared/sync/keys.ts';
import { signedAcknowledgement, signedReferenceData } from '../../../shared/sync/hqOutputs.ts';
import { ackFileName, REFERENCE_FILE } from '../../../shared/sync/signed.ts';
import type { HqStore } from '../../../shared/sync/hqStore.ts';
import { writeFileAtomic } from '../atomicFile.ts';
import { loadKeyring, openHqStore } from './hqDir.ts';
import { dictionaryFiles, siteColumns } from '../../../shared/sync/dictionary.ts';

/** A file to write somewhere: its name and content. */
export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** The signed acknowledgement of every active site that sent something (`<site-code>.passerelle-ack`). */
export function acknowledgementFiles(store: HqStore, signingSecret: Uint8Array, issuedAt: string): (NamedFile & { siteCode: string; ackedClock: string })[] {
  const files: (NamedFile & { siteCode: string; ackedClock: string })[] = [];
  for (const site of store.sites()) {
    if (site.retiredAt) continue;
    const bytes = signedAcknowledgement(store, site, issuedAt, signingSecret);
    if (!bytes || site.ackedClock === undefined) continue;
    files.push({ name: ackFileName(site.code), bytes, siteCode: site.code, ackedClock: site.ackedClock });
  }
  return files;
}

/** Write a signed acknowledgement for every site that sent something (`<site-code>.passerelle-ack`). */
export async function writeAcknowledgements(
  dir: string,
  outDir: string,
  options: { now?: number; keys?: KeyStore } = {},
): Promise<{ file: string; siteCode: string; ackedClock: string }[]> {
  const keyring = await loadKeyring(dir, options.keys);
  const store = openHqStore(dir);
  const issuedAt = new Date(options.now ?? Date.now()).toISOString();
  const written: { file: string; siteCode: string; ackedClock: string }[] = [];
  try {
    await mkdir(outDir, { recursive: true });
    for (const ack of acknowledgementFiles(store, keyring.signingSecret, issuedAt)) {
      const file = join(outDir, ack.name);
      await writeFileAtomic(file, ack.bytes);
      written.push({ file, siteCode: ack.siteCode, ackedClock: ack.ackedClock });
    }
  } finally {
    store.close();
  }
  return written;
}

/** Write the signed reference data file. `out` is a folder (the file takes its usual name) or a file path. */
export async function writeReferenceFile(dir: string, out: string, options: { now?: number; asFolder?: boolean; keys?: KeyStore } = {}): Promise<string> {
  const keyring = await loadKeyring(dir, options.keys);
  const store = openHqStore(dir);
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
    };
  });
}

/** The central export file (NDJSON, gzip): the site directory, then every consolidated record. */
export function centralExportFile(store: HqStore): Uint8Array {
  return centralExportGzip(store.consolidated(), centralSiteDirectory(store));
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
  const store = openHqStore(dir);
  try {
    if (format === 'ndjson') {
      await writeFileAtomic(out, centralExportFile(store));
      const files = [out];
      for (const file of dictionaryNamedFiles()) {
        files.push(join(dirname(out), file.name));
        await writeFileAtomic(files[files.length - 1]!, file.bytes);
      }
      return { files };
    }
    await mkdir(out, { recursive: true });
    const files: string[] = [];
    for (const csv of centralCsvFiles(store)) {
      const file = join(out, csv.name);
      await writeFileAtomic(file, csv.bytes);
      files.push(file);
    }
    return { files };
  } finally {
    store.close();
  }
}

/** The CSV form of the central export: one file per entity (live records), `sites.csv` and the data dictionary. */
export function centralCsvFiles(store: HqStore): NamedFile[] {
  const encoder = new TextEncoder();
  const files = entityNames.map((entity) => ({ name: csvFileName(entity), bytes: encoder.encode(entityCsv(entity, store.consolidated(entity))) }));
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
