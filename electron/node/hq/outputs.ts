import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { entityNames } from '../../../shared/schemas/entities.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import { toCsv } from '../../../shared/csv/export.ts';
import { centralExportGzip, csvFileName, entityCsv } from '../../../shared/sync/centralExport.ts';
import { signedAcknowledgement, signedReferenceData } from '../../../shared/sync/hqOutputs.ts';
import { ackFileName, REFERENCE_FILE } from '../../../shared/sync/signed.ts';
import { writeFileAtomic } from '../atomicFile.ts';
import { loadKeyring, openHqStore } from './hqDir.ts';

/** Write a signed acknowledgement for every site that sent something (`<site-code>.passerelle-ack`). */
export async function writeAcknowledgements(dir: string, outDir: string, options: { now?: number } = {}): Promise<{ file: string; siteCode: string; ackedClock: string }[]> {
  const keyring = await loadKeyring(dir);
  const store = openHqStore(dir);
  const issuedAt = new Date(options.now ?? Date.now()).toISOString();
  const written: { file: string; siteCode: string; ackedClock: string }[] = [];
  try {
    await mkdir(outDir, { recursive: true });
    for (const site of store.sites()) {
      if (site.retiredAt) continue;
      const bytes = signedAcknowledgement(store, site, issuedAt, keyring.signingSecret);
      if (!bytes || site.ackedClock === undefined) continue;
      const file = join(outDir, ackFileName(site.code));
      await writeFileAtomic(file, bytes);
      written.push({ file, siteCode: site.code, ackedClock: site.ackedClock });
    }
  } finally {
    store.close();
  }
  return written;
}

/** Write the signed reference data file. `out` is a folder (the file takes its usual name) or a file path. */
export async function writeReferenceFile(dir: string, out: string, options: { now?: number; asFolder?: boolean } = {}): Promise<string> {
  const keyring = await loadKeyring(dir);
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
 * The central export: `ndjson` writes one gzip file at `out` (byte-identical for the same consolidated
 * state); `csv` writes, in the folder `out`, one CSV file per entity (live records) and `sites.csv`.
 */
export async function writeCentralExport(dir: string, out: string, format: 'ndjson' | 'csv'): Promise<{ files: string[] }> {
  const store = openHqStore(dir);
  try {
    if (format === 'ndjson') {
      await writeFileAtomic(out, centralExportGzip(store.consolidated()));
      return { files: [out] };
    }
    await mkdir(out, { recursive: true });
    const files: string[] = [];
    for (const entity of entityNames) {
      const file = join(out, csvFileName(entity));
      await writeFileAtomic(file, entityCsv(entity, store.consolidated(entity)));
      files.push(file);
    }
    const sites = store.sites().map((s) => [s.siteId, s.code, s.name, siteKindLabels[s.kind], s.departement, s.ackedClock ?? '', s.retiredAt ? 'oui' : 'non']);
    const sitesFile = join(out, 'sites.csv');
    const columns = ['siteId', 'code', 'nom', 'type', 'departement', 'derniereHorloge', 'remplace'].map((header) => ({ header }));
    await writeFileAtomic(sitesFile, toCsv(columns, sites));
    files.push(sitesFile);
    return { files };
  } finally {
    store.close();
  }
}
