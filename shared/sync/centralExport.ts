import { toCsv, type CsvCell } from '../csv/export.ts';
import { fflateGzip, type GzipWriter } from '../ports/deflate.ts';
import { entities, type EntityName } from '../schemas/entities.ts';
import { canonicalJson, concatBytes, utf8 } from './bytes.ts';
import type { SiteKind } from '../schemas/site.ts';
import { inTheBin, type ConsolidatedRecord } from './hqStore.ts';
import { wireEntities } from './travel.ts';

/**
 * One line of the central export: the envelope keys in a fixed order (entity, id, siteId, updatedAt, then
 * `deleted` for a tombstone), then the record's fields sorted by name, each value in canonical JSON.
 * Cleared fields are left out. A tombstone carries no field.
 */
export function consolidatedLine(record: ConsolidatedRecord): string {
  const head = `{"entity":${JSON.stringify(record.entity)},"id":${JSON.stringify(record.id)},"siteId":${JSON.stringify(record.siteId)}`;
  if (record.deleted) return `${head},"updatedAt":${JSON.stringify(record.deleted.clock)},"deleted":true}`;
  let updatedAt = '';
  const parts: string[] = [];
  for (const name of Object.keys(record.fields).sort()) {
    const { value, clock } = record.fields[name] as { value: unknown; clock: string };
    if (clock > updatedAt) updatedAt = clock;
    if (value !== null) parts.push(`${JSON.stringify(name)}:${canonicalJson(value)}`);
  }
  return `${head},"updatedAt":${JSON.stringify(updatedAt)}${parts.length ? `,${parts.join(',')}` : ''}}`;
}

/**
 * One enrolled site as the central export's directory lists it, so BI tools can name the `siteId` of every
 * record. Only what the consolidated state determines whatever the order bundles arrived in: no import time,
 * no bundle count (importing only the latest bundle of a site gives the same state).
 */
export interface CentralSite {
  siteId: string;
  code: string;
  name: string;
  kind: SiteKind;
  departement: string;
  /** The DISP's label ("DISP de Lyon"), when headquarters knows it. */
  disp?: string;
  /** Fingerprint of the pinned signing key (first 8 bytes of its SHA-256, hex). */
  keyId: string;
  /** Highest clock received from the site: what its acknowledgement covers. */
  ackedClock?: string;
  /** The site's latest bundle received: its sequence number and when the site wrote it. */
  lastBundle?: { sequence: number; createdAt: string };
  /** Replaced by a re-enrolled installation under the same code. */
  retired: boolean;
}

/** A directory line: `entity` "site" and `id` first like a record's envelope, then fixed keys; absent values left out. */
export function siteLine(site: CentralSite): string {
  const line: Record<string, unknown> = {
    entity: 'site',
    id: site.siteId,
    code: site.code,
    name: site.name,
    kind: site.kind,
    departement: site.departement,
    ...(site.disp ? { disp: site.disp } : {}),
    keyId: site.keyId,
    ...(site.ackedClock !== undefined ? { ackedClock: site.ackedClock } : {}),
    ...(site.lastBundle ? { lastBundle: { sequence: site.lastBundle.sequence, createdAt: site.lastBundle.createdAt } } : {}),
    ...(site.retired ? { retired: true } : {}),
  };
  return JSON.stringify(line);
}

/**
 * The central export file: first the site directory (one line per enrolled site, retired ones included,
 * sorted by site id), then every consolidated record, one JSON object per line, sorted by entity then id
 * (the store's order), gzip-compressed without a time stamp or file name, so the same consolidated state
 * always gives the same bytes (with the same `gzip`: Node passes its native zlib, fflate otherwise).
 */
export function centralExportGzip(
  records: Iterable<ConsolidatedRecord>,
  sites: readonly CentralSite[] = [],
  createGzip: () => GzipWriter = fflateGzip,
): Uint8Array {
  const gzip = createGzip();
  const directory = [...sites].sort((a, b) => (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0));
  const pending: Uint8Array[] = directory.map((site) => utf8(`${siteLine(site)}\n`));
  let size = 0;
  let previous: string | undefined;
  for (const record of records) {
    const key = `${record.entity}\u0000${record.id}`;
    if (previous !== undefined && key <= previous) throw new Error('Central export: records must come sorted by entity then id');
    previous = key;
    if (inTheBin(record)) continue;
    const line = utf8(`${consolidatedLine(record)}\n`);
    pending.push(line);
    size += line.length;
    if (size >= 1 << 20) {
      gzip.push(concatBytes(pending));
      pending.length = 0;
      size = 0;
    }
  }
  gzip.push(concatBytes(pending));
  return gzip.end();
}

/** Columns of an entity's CSV file: the envelope, then the fields that travel, in schema order (but the bin's: no binned record is written). */
export function csvColumns(entity: EntityName): string[] {
  return ['id', 'siteId', 'updatedAt', ...[...wireEntities[entity].fields.keys()].filter((name) => name !== 'binned')];
}

/** Lists and objects as canonical JSON; the rest as the shared CSV writer writes it (decimal comma, oui/non). */
function csvCell(value: unknown): CsvCell {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return canonicalJson(value);
}

/**
 * One entity's live records as CSV for BI tools, with the application's CSV writer: UTF-8 with BOM, `;`, a
 * header row, CRLF, formulas defused. Dates stay `yyyy-mm-dd`, as they are in the central export.
 */
export function entityCsv(entity: EntityName, records: Iterable<ConsolidatedRecord>): string {
  const columns = csvColumns(entity);
  const rows: CsvCell[][] = [];
  for (const record of records) {
    if (record.entity !== entity || record.deleted || inTheBin(record)) continue;
    let updatedAt = '';
    for (const { clock } of Object.values(record.fields)) if (clock > updatedAt) updatedAt = clock;
    rows.push(columns.map((c) => (c === 'id' ? record.id : c === 'siteId' ? record.siteId : c === 'updatedAt' ? updatedAt : csvCell(record.fields[c]?.value))));
  }
  return toCsv(
    columns.map((header) => ({ header })),
    rows,
  );
}

export function csvFileName(entity: EntityName): string {
  return `${entities[entity].table}.csv`;
}
