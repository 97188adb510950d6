import { existsSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import type { EntityName } from '../../../shared/schemas/entities.ts';
import type { SiteKind } from '../../../shared/schemas/site.ts';
import type {
  Conflict,
  ConsolidatedRecord,
  EnrolledSite,
  HqStore,
  ImportedBundle,
  KeyChange,
  OwnershipAct,
  OwnershipScope,
  RecordWrite,
  SiteWorkstation,
  StoredField,
  StoredRecord,
} from '../../../shared/sync/hqStore.ts';
import { SyncError } from '../../../shared/errors.ts';
import { hlcNode } from '../../../shared/db/hlc.ts';
import { canonicalJson } from '../../../shared/sync/bytes.ts';
import { osReason } from '../osErrors.ts';

const SCHEMA_VERSION = 6;

/** Rows per multi-row INSERT: 200 rows of 9 columns stay far below SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 200;

/** Version 2: a record's owner (the site that may write it) apart from its author, and the acts that move it. */
const OWNERSHIP = `
CREATE TABLE ownership_acts (
  seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, from_site TEXT NOT NULL, to_site TEXT NOT NULL, at TEXT NOT NULL,
  evidence TEXT NOT NULL, note TEXT NOT NULL, records INTEGER NOT NULL
) STRICT;
CREATE TABLE ownership_moves (
  act INTEGER NOT NULL REFERENCES ownership_acts (seq), entity TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (act, entity, id)
) STRICT, WITHOUT ROWID;
`;

/** Version 3: a site's encryption key (transfers between sites), and the offer clock of a transfer's move. */
const TRANSFERS = `
ALTER TABLE sites ADD COLUMN encryption_key TEXT;
ALTER TABLE ownership_acts ADD COLUMN up_to TEXT;
CREATE INDEX ownership_moves_record ON ownership_moves (entity, id);
`;

/** Version 4: the SHA-256 of each imported file, by which a file imported again is known before its signature is checked. */
const HASHES = `
ALTER TABLE bundles ADD COLUMN sha256 TEXT;
CREATE INDEX bundles_sha256 ON bundles (sha256);
`;

/**
 * Version 5: a record's fields in one JSON column of its row, `{"name": [value, clock]}` with the value as JSON
 * itself, or `[value, clock, siteId, deviceId]` when the field's origin is not the record's author and the
 * clock's device. One row per record instead of one per field: the rows of a field table (about six per record)
 * were most of an import's cost.
 */
const ONE_ROW = `
ALTER TABLE records ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
UPDATE records SET fields = (
  SELECT json_group_object(f.name, CASE WHEN f.site_id = records.site_id AND f.device_id = substr(f.clock, 31)
    THEN json_array(json(f.value), f.clock) ELSE json_array(json(f.value), f.clock, f.site_id, f.device_id) END)
  FROM fields f WHERE f.entity = records.entity AND f.id = records.id
) WHERE EXISTS (SELECT 1 FROM fields f WHERE f.entity = records.entity AND f.id = records.id);
DROP TABLE fields;
`;

/**
 * Version 6: the workstations of each site (an office has several PCs), each with its own key pinned under the
 * site and its own highest clock received, which its acknowledgement says. A site's workstation before this
 * version is known at its next bundle (see `heldClock`).
 */
const WORKSTATIONS = `
CREATE TABLE site_workstations (
  site_id TEXT NOT NULL, device_id TEXT NOT NULL, name TEXT, public_key TEXT NOT NULL, enrolled_at TEXT NOT NULL,
  acked_clock TEXT, last_bundle_at TEXT,
  PRIMARY KEY (site_id, device_id)
) STRICT, WITHOUT ROWID;
`;

const SCHEMA = `
CREATE TABLE sites (
  site_id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, departement TEXT NOT NULL,
  public_key TEXT NOT NULL, enrolled_at TEXT NOT NULL, acked_clock TEXT, last_bundle_at TEXT, retired_at TEXT
) STRICT;
CREATE INDEX sites_code ON sites (code);
CREATE TABLE site_keys (
  seq INTEGER PRIMARY KEY, site_id TEXT NOT NULL, old_key TEXT NOT NULL, new_key TEXT NOT NULL, changed_at TEXT NOT NULL, note TEXT NOT NULL
) STRICT;
CREATE TABLE bundles (
  bundle_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, site_code TEXT NOT NULL, sequence INTEGER NOT NULL,
  first_clock TEXT, last_clock TEXT, created_at TEXT NOT NULL, imported_at TEXT NOT NULL, file_name TEXT NOT NULL, counts TEXT NOT NULL
) STRICT;
CREATE INDEX bundles_site ON bundles (site_id, sequence);
CREATE TABLE records (
  entity TEXT NOT NULL, id TEXT NOT NULL, site_id TEXT NOT NULL, first_clock TEXT NOT NULL,
  deleted_clock TEXT, deleted_site TEXT, deleted_device TEXT, owner TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (entity, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE conflicts (
  seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, kind TEXT NOT NULL,
  kept_value TEXT, kept_clock TEXT NOT NULL, kept_site TEXT NOT NULL, kept_device TEXT NOT NULL,
  lost_value TEXT NOT NULL, lost_clock TEXT NOT NULL, lost_site TEXT NOT NULL, lost_device TEXT NOT NULL,
  bundle_id TEXT NOT NULL, recorded_at TEXT NOT NULL,
  UNIQUE (entity, record_id, field, lost_clock, lost_site, lost_device)
) STRICT;
${OWNERSHIP}${TRANSFERS}${HASHES}${WORKSTATIONS}`;

/** From version 1: every record is owned by its author, as it was written. */
const UPGRADE_TO_2 = `
ALTER TABLE records ADD COLUMN owner TEXT NOT NULL DEFAULT '';
UPDATE records SET owner = site_id;
${OWNERSHIP}`;

type Row = Record<string, string | number | null>;

function str(row: Row, key: string): string {
  return row[key] as string;
}

function optional<K extends string>(key: K, value: string | number | null | undefined): { [P in K]?: string } {
  return (value === null || value === undefined ? {} : { [key]: String(value) }) as { [P in K]?: string };
}

function toSite(row: Row): EnrolledSite {
  return {
    siteId: str(row, 'site_id'),
    code: str(row, 'code'),
    name: str(row, 'name'),
    kind: str(row, 'kind') as SiteKind,
    departement: str(row, 'departement'),
    publicKey: str(row, 'public_key'),
    ...optional('encryptionKey', row.encryption_key),
    enrolledAt: str(row, 'enrolled_at'),
    ...optional('ackedClock', row.acked_clock),
    ...optional('lastBundleAt', row.last_bundle_at),
    ...optional('retiredAt', row.retired_at),
  };
}

function toWorkstation(row: Row): SiteWorkstation {
  return {
    siteId: str(row, 'site_id'),
    deviceId: str(row, 'device_id'),
    ...optional('name', row.name),
    publicKey: str(row, 'public_key'),
    enrolledAt: str(row, 'enrolled_at'),
    ...optional('ackedClock', row.acked_clock),
    ...optional('lastBundleAt', row.last_bundle_at),
  };
}

function toBundle(row: Row): ImportedBundle {
  return {
    bundleId: str(row, 'bundle_id'),
    siteId: str(row, 'site_id'),
    siteCode: str(row, 'site_code'),
    sequence: row.sequence as number,
    firstClock: row.first_clock as string | null,
    lastClock: row.last_clock as string | null,
    createdAt: str(row, 'created_at'),
    importedAt: str(row, 'imported_at'),
    fileName: str(row, 'file_name'),
    counts: JSON.parse(str(row, 'counts')) as Record<string, number>,
    ...optional('sha256', row.sha256),
  };
}

/** A field as the `fields` column holds it: its value (JSON), clock, site and device. */
type FieldCell = [unknown, string] | [unknown, string, string, string];

/**
 * The `fields` column of some fields of a record by `author`: built as text, each value already canonical JSON.
 * A field its author wrote with the device its clock names (nearly all) is `[value, clock]`: the origin is
 * the record's and the clock's, and rows half the size cost half as much to write.
 */
function fieldsColumn(author: string, fields: Readonly<Record<string, StoredField>>): string {
  let text = '';
  for (const name in fields) {
    const f = fields[name] as StoredField;
    const origin = f.siteId === author && f.deviceId === hlcNode(f.clock) ? '' : `,${JSON.stringify(f.siteId)},${JSON.stringify(f.deviceId)}`;
    text += `${text ? ',' : ''}${JSON.stringify(name)}:[${f.value},${JSON.stringify(f.clock)}${origin}]`;
  }
  return `{${text}}`;
}

/**
 * Headquarters' consolidated state in one SQLite file (node:sqlite, built into Node 24 and Electron: no
 * native module). A record is one row, its fields with their clocks and origins in a JSON column, so the
 * per-field merge reads and writes one row per record a bundle touches.
 */
export class SqliteHqStore implements HqStore {
  readonly db: DatabaseSync;
  /** The database file, as messages name it. */
  readonly path: string;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, path: string) {
    this.db = db;
    this.path = path;
  }

  /**
   * Check the whole file (`PRAGMA quick_check`), which reads every page: a damaged store is refused, in French,
   * before anything is imported into it. Throws a SyncError.
   */
  checkIntegrity(): void {
    checkIntegrity(this.db, this.path);
  }

  private sql(text: string): StatementSync {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    if (this.db.isTransaction) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      // SQLite has already rolled back on some errors (a full disk): rolling back again would hide why.
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  site(siteId: string): EnrolledSite | undefined {
    const row = this.sql('SELECT * FROM sites WHERE site_id = ?').get(siteId) as Row | undefined;
    return row ? toSite(row) : undefined;
  }

  siteByCode(code: string): EnrolledSite | undefined {
    const row = this.sql('SELECT * FROM sites WHERE code = ? AND retired_at IS NULL').get(code) as Row | undefined;
    return row ? toSite(row) : undefined;
  }

  sites(): EnrolledSite[] {
    return (this.sql('SELECT * FROM sites ORDER BY code, site_id').all() as Row[]).map(toSite);
  }

  saveSite(site: EnrolledSite): void {
    this.sql(
      `INSERT OR REPLACE INTO sites (site_id, code, name, kind, departement, public_key, encryption_key, enrolled_at, acked_clock, last_bundle_at, retired_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      site.siteId,
      site.code,
      site.name,
      site.kind,
      site.departement,
      site.publicKey,
      site.encryptionKey ?? null,
      site.enrolledAt,
      site.ackedClock ?? null,
      site.lastBundleAt ?? null,
      site.retiredAt ?? null,
    );
  }

  workstation(siteId: string, deviceId: string): SiteWorkstation | undefined {
    const row = this.sql('SELECT * FROM site_workstations WHERE site_id = ? AND device_id = ?').get(siteId, deviceId) as Row | undefined;
    return row ? toWorkstation(row) : undefined;
  }

  workstations(siteId?: string): SiteWorkstation[] {
    const rows =
      siteId === undefined
        ? this.sql('SELECT * FROM site_workstations ORDER BY site_id, device_id').all()
        : this.sql('SELECT * FROM site_workstations WHERE site_id = ? ORDER BY device_id').all(siteId);
    return (rows as Row[]).map(toWorkstation);
  }

  saveWorkstation(w: SiteWorkstation): void {
    this.sql(
      `INSERT OR REPLACE INTO site_workstations (site_id, device_id, name, public_key, enrolled_at, acked_clock, last_bundle_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(w.siteId, w.deviceId, w.name ?? null, w.publicKey, w.enrolledAt, w.ackedClock ?? null, w.lastBundleAt ?? null);
  }

  recordKeyChange(change: KeyChange): void {
    this.sql('INSERT INTO site_keys (site_id, old_key, new_key, changed_at, note) VALUES (?, ?, ?, ?, ?)').run(
      change.siteId,
      change.oldKey,
      change.newKey,
      change.changedAt,
      change.note,
    );
  }

  keyChanges(): KeyChange[] {
    return (this.sql('SELECT * FROM site_keys ORDER BY seq').all() as Row[]).map((r) => ({
      siteId: str(r, 'site_id'),
      oldKey: str(r, 'old_key'),
      newKey: str(r, 'new_key'),
      changedAt: str(r, 'changed_at'),
      note: str(r, 'note'),
    }));
  }

  hasBundle(bundleId: string): boolean {
    return this.sql('SELECT 1 FROM bundles WHERE bundle_id = ?').get(bundleId) !== undefined;
  }

  hasBundleHash(sha256: string): boolean {
    return this.sql('SELECT 1 FROM bundles WHERE sha256 = ?').get(sha256) !== undefined;
  }

  saveBundle(b: ImportedBundle): void {
    this.sql(
      `INSERT INTO bundles (bundle_id, site_id, site_code, sequence, first_clock, last_clock, created_at, imported_at, file_name, counts, sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      b.bundleId,
      b.siteId,
      b.siteCode,
      b.sequence,
      b.firstClock,
      b.lastClock,
      b.createdAt,
      b.importedAt,
      b.fileName,
      JSON.stringify(b.counts),
      b.sha256 ?? null,
    );
  }

  bundles(siteId?: string): ImportedBundle[] {
    const rows = siteId
      ? this.sql('SELECT * FROM bundles WHERE site_id = ? ORDER BY sequence, bundle_id').all(siteId)
      : this.sql('SELECT * FROM bundles ORDER BY site_code, sequence, bundle_id').all();
    return (rows as Row[]).map(toBundle);
  }

  record(entity: EntityName, id: string): StoredRecord | undefined {
    const row = this.sql('SELECT * FROM records WHERE entity = ? AND id = ?').get(entity, id) as Row | undefined;
    if (!row) return undefined;
    const record: StoredRecord = { entity, id, siteId: str(row, 'site_id'), owner: str(row, 'owner'), firstClock: str(row, 'first_clock') };
    if (row.deleted_clock !== null)
      record.deleted = { clock: str(row, 'deleted_clock'), siteId: str(row, 'deleted_site'), deviceId: str(row, 'deleted_device') };
    return record;
  }

  /** A new record is inserted whole; a held one is updated, its changed fields patched into the column. */
  saveRecords(writes: readonly RecordWrite[]): void {
    this.insertMany(
      'INSERT INTO records (entity, id, site_id, owner, first_clock, deleted_clock, deleted_site, deleted_device, fields) VALUES',
      `ON CONFLICT (entity, id) DO UPDATE SET site_id = excluded.site_id, owner = excluded.owner, first_clock = excluded.first_clock,
         deleted_clock = excluded.deleted_clock, deleted_site = excluded.deleted_site, deleted_device = excluded.deleted_device,
         fields = json_patch(fields, excluded.fields)`,
      9,
      writes,
      ({ record: r, fields }) => [
        r.entity,
        r.id,
        r.siteId,
        r.owner,
        r.firstClock,
        r.deleted?.clock ?? null,
        r.deleted?.siteId ?? null,
        r.deleted?.deviceId ?? null,
        fieldsColumn(r.siteId, fields),
      ],
    );
  }

  /**
   * One statement per `ROWS_PER_STATEMENT` rows (prepared once, then reused), the remainder row by row: crossing
   * from JavaScript into SQLite once per row cost more than the insert itself.
   */
  private insertMany<T>(insert: string, upsert: string, columns: number, items: readonly T[], values: (item: T) => SQLInputValue[]): void {
    const row = `(${Array<string>(columns).fill('?').join(', ')})`;
    const many = this.sql(`${insert} ${Array<string>(ROWS_PER_STATEMENT).fill(row).join(', ')} ${upsert}`);
    const one = this.sql(`${insert} ${row} ${upsert}`);
    let i = 0;
    const args: SQLInputValue[] = [];
    for (; i + ROWS_PER_STATEMENT <= items.length; i += ROWS_PER_STATEMENT) {
      args.length = 0;
      for (let j = i; j < i + ROWS_PER_STATEMENT; j++) args.push(...values(items[j] as T));
      many.run(...args);
    }
    for (; i < items.length; i++) one.run(...values(items[i] as T));
  }

  moveOwnership(act: OwnershipAct, scope: OwnershipScope): number {
    return this.transaction(() => {
      const { lastInsertRowid: seq } = this.sql(
        'INSERT INTO ownership_acts (kind, from_site, to_site, at, evidence, note, up_to, records) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
      ).run(act.kind, act.fromSiteId, act.toSiteId, act.at, act.evidence, act.note, act.upTo ?? null);
      let moved = 0;
      if (scope === 'all') {
        moved = Number(this.sql('UPDATE records SET owner = ? WHERE owner = ?').run(act.toSiteId, act.fromSiteId).changes);
      } else {
        for (const key of scope) {
          if (
            Number(
              this.sql('UPDATE records SET owner = ? WHERE entity = ? AND id = ? AND owner = ?').run(act.toSiteId, key.entity, key.id, act.fromSiteId).changes,
            )
          ) {
            this.sql('INSERT OR IGNORE INTO ownership_moves (act, entity, id) VALUES (?, ?, ?)').run(seq, key.entity, key.id);
            moved++;
          }
        }
      }
      this.sql('UPDATE ownership_acts SET records = ? WHERE seq = ?').run(moved, seq);
      return moved;
    });
  }

  ownershipActs(): (OwnershipAct & { records: number })[] {
    return (this.sql('SELECT * FROM ownership_acts ORDER BY seq').all() as Row[]).map((r) => ({
      kind: str(r, 'kind') as OwnershipAct['kind'],
      fromSiteId: str(r, 'from_site'),
      toSiteId: str(r, 'to_site'),
      at: str(r, 'at'),
      evidence: str(r, 'evidence'),
      note: str(r, 'note'),
      ...optional('upTo', r.up_to),
      records: r.records as number,
    }));
  }

  formerOwnerLimit(entity: EntityName, id: string, siteId: string): string | undefined {
    const row = this.sql(
      `SELECT MAX(a.up_to) AS up_to FROM ownership_moves m JOIN ownership_acts a ON a.seq = m.act WHERE m.entity = ? AND m.id = ? AND a.from_site = ?`,
    ).get(entity, id, siteId) as Row | undefined;
    return (row?.up_to as string | null | undefined) ?? undefined;
  }

  fields(entity: EntityName, id: string): Map<string, StoredField> {
    const row = this.sql('SELECT site_id, fields FROM records WHERE entity = ? AND id = ?').get(entity, id) as Row | undefined;
    if (!row) return new Map();
    const author = str(row, 'site_id');
    const cells = JSON.parse(str(row, 'fields')) as Record<string, FieldCell>;
    // canonicalJson, not JSON.stringify: parsing moved integer-like keys of an object value to its front.
    return new Map(
      Object.entries(cells).map(([name, [value, clock, siteId, deviceId]]) => [
        name,
        { value: canonicalJson(value), clock, siteId: siteId ?? author, deviceId: deviceId ?? hlcNode(clock) },
      ]),
    );
  }

  dropFields(entity: EntityName, id: string): void {
    this.sql(`UPDATE records SET fields = '{}' WHERE entity = ? AND id = ?`).run(entity, id);
  }

  ownedCount(siteId: string): number {
    return (this.sql('SELECT count(*) AS n FROM records WHERE owner = ? AND deleted_clock IS NULL').get(siteId) as { n: number }).n;
  }

  addConflict(c: Conflict): void {
    this.sql(
      `INSERT OR IGNORE INTO conflicts (entity, record_id, field, kind, kept_value, kept_clock, kept_site, kept_device,
         lost_value, lost_clock, lost_site, lost_device, bundle_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.entity,
      c.recordId,
      c.field,
      c.kind,
      c.kept.value,
      c.kept.clock,
      c.kept.siteId,
      c.kept.deviceId,
      c.lost.value,
      c.lost.clock,
      c.lost.siteId,
      c.lost.deviceId,
      c.bundleId,
      c.recordedAt,
    );
  }

  conflicts(): Conflict[] {
    return (this.sql('SELECT * FROM conflicts ORDER BY seq').all() as Row[]).map((r) => ({
      entity: str(r, 'entity') as EntityName,
      recordId: str(r, 'record_id'),
      field: str(r, 'field'),
      kind: str(r, 'kind') as Conflict['kind'],
      kept: { value: r.kept_value as string | null, clock: str(r, 'kept_clock'), siteId: str(r, 'kept_site'), deviceId: str(r, 'kept_device') },
      lost: { value: str(r, 'lost_value'), clock: str(r, 'lost_clock'), siteId: str(r, 'lost_site'), deviceId: str(r, 'lost_device') },
      bundleId: str(r, 'bundle_id'),
      recordedAt: str(r, 'recorded_at'),
    }));
  }

  /** Live records by owning site and entity, counted in SQL (headquarters' dashboard reads no record). */
  liveCounts(): { owner: string; entity: EntityName; count: number }[] {
    const rows = this.sql('SELECT owner, entity, COUNT(*) AS count FROM records WHERE deleted_clock IS NULL GROUP BY owner, entity').all() as Row[];
    return rows.map((r) => ({ owner: str(r, 'owner'), entity: str(r, 'entity') as EntityName, count: Number(r.count) }));
  }

  /** Hours of live hour logs by month (`YYYY-MM`) from `fromMonth` on. */
  hoursByMonth(fromMonth: string): { month: string; hours: number }[] {
    const rows = this.sql(
      `SELECT substr(fields ->> '$.date[0]', 1, 7) AS month, SUM(fields ->> '$.hours[0]') AS hours
       FROM records
       WHERE entity = 'hourLog' AND deleted_clock IS NULL AND fields ->> '$.date[0]' >= ? AND fields ->> '$.hours[0]' IS NOT NULL
       GROUP BY month ORDER BY month`,
    ).all(fromMonth) as Row[];
    return rows.map((r) => ({ month: str(r, 'month'), hours: Number(r.hours) }));
  }

  *consolidated(entity?: EntityName): Iterable<ConsolidatedRecord> {
    const select = 'SELECT entity, id, site_id, owner, deleted_clock, fields FROM records';
    const rows = entity
      ? this.db.prepare(`${select} WHERE entity = ? ORDER BY entity, id`).iterate(entity)
      : this.db.prepare(`${select} ORDER BY entity, id`).iterate();
    for (const raw of rows) {
      const row = raw as Row;
      const cells = JSON.parse(str(row, 'fields')) as Record<string, FieldCell>;
      const fields: ConsolidatedRecord['fields'] = {};
      for (const name of Object.keys(cells).sort()) {
        const [value, clock] = cells[name] as FieldCell;
        fields[name] = { value, clock };
      }
      const record: ConsolidatedRecord = {
        entity: str(row, 'entity') as EntityName,
        id: str(row, 'id'),
        siteId: str(row, 'site_id'),
        owner: str(row, 'owner'),
        fields,
      };
      if (row.deleted_clock !== null) record.deleted = { clock: str(row, 'deleted_clock') };
      yield record;
    }
  }
}

export interface OpenOptions {
  /** Create the database when it does not exist (a new headquarters folder). */
  create?: boolean;
  /**
   * Read only: the commands that only read (sites, conflicts, exports, inspection) work on a folder this account
   * cannot write, a read-only share or a copy on a protected disk; nothing is upgraded or written.
   */
  readOnly?: boolean;
  /** Check the whole file first (`PRAGMA quick_check`): a damaged store is refused before anything is imported. */
  check?: boolean;
}

function checkIntegrity(db: DatabaseSync, path: string): void {
  const problems = (db.prepare('PRAGMA quick_check(5)').all() as { quick_check: string }[])
    .map((r) => r.quick_check.replace(/\s+/g, ' ').trim())
    .filter((r) => r !== 'ok');
  if (problems.length) {
    throw new SyncError(`La base du siège est abîmée (${path} : ${problems.join(' ; ')}) : restaurez sa dernière sauvegarde. Rien n’a été importé ni modifié.`);
  }
}

function cannotOpen(path: string, error: unknown): SyncError {
  return error instanceof SyncError ? error : new SyncError(`Impossible d’ouvrir la base du siège (${path}) : ${osReason(error)}.`);
}

/**
 * Open in read-only mode. SQLite reads a WAL database through its shared-memory file, which it must create
 * beside it when absent: where the folder cannot be written, the file is opened as immutable instead (nothing
 * else can be writing it there).
 */
function openReadOnly(path: string): DatabaseSync {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    if (![8, 14].includes(((error as { errcode?: number }).errcode ?? 0) & 0xff)) throw error;
    return new DatabaseSync(`${pathToFileURL(path).href}?immutable=1`, { readOnly: true });
  }
}

/**
 * Open (or, with `create`, create) headquarters' database. Any failure becomes a French message the app
 * shows at start and the command line prints.
 */
export function openSqliteHqStore(path: string, options: OpenOptions = {}): SqliteHqStore {
  if (!options.create && !existsSync(path)) {
    throw new SyncError(`Base du siège introuvable (${path}) : ce dossier n’est pas un dossier du siège (créez-le avec « passerelle hq init »).`);
  }
  let db: DatabaseSync;
  try {
    if (options.readOnly) {
      db = openReadOnly(path);
      db.exec('PRAGMA busy_timeout = 5000;');
    } else {
      db = new DatabaseSync(path);
      // A 64 MiB page cache (2 MiB by default): an import writes into tables of millions of rows. Pages of 32 KiB
      // for a new store (4 KiB by default; it cannot change once the store exists): a record's row is about 700
      // bytes, and a table without rowids stays fast for rows up to about a twentieth of a page (a third less CPU).
      db.exec('PRAGMA page_size = 32768; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536;');
    }
  } catch (error) {
    throw cannotOpen(path, error);
  }
  try {
    if (options.check) checkIntegrity(db, path);
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (version > SCHEMA_VERSION) {
      throw new SyncError(`La base du siège a été créée par une version plus récente de Passerelle (schéma ${version}) : mettez Passerelle à jour.`);
    }
    if (version < SCHEMA_VERSION) {
      if (options.readOnly) {
        throw new SyncError(
          `La base du siège (${path}) est d’une version antérieure de Passerelle : ouvrez-la une fois là où elle peut être écrite (un import la met à jour), puis recommencez.`,
        );
      }
      db.exec('BEGIN');
      db.exec(
        version === 0
          ? SCHEMA
          : `${version === 1 ? UPGRADE_TO_2 : ''}${version <= 2 ? TRANSFERS : ''}${version <= 3 ? HASHES : ''}${version <= 4 ? ONE_ROW : ''}${WORKSTATIONS}`,
      );
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      db.exec('COMMIT');
    }
  } catch (error) {
    db.close();
    throw cannotOpen(path, error);
  }
  return new SqliteHqStore(db, path);
}
