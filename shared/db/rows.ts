/*
 * Rows of the local tables that hold no entity (entity rows are typed by their schemas): the change log, meta,
 * the running sums of hour logs and the export history, with the keys their rows are stored under.
 */
import type { Table } from 'dexie';
import type { EntityName } from '../schemas/entities.ts';

export type ChangeOp = 'create' | 'update' | 'delete';

/** One row of the change log: what a write did, enough to replay it field by field elsewhere. */
export interface ChangeEntry {
  seq?: number;
  entity: EntityName;
  recordId: string;
  op: ChangeOp;
  /** Hybrid logical clock of the write; also the record's `updatedAt`. */
  clock: string;
  siteId: string;
  deviceId: string;
  /** Name of the user who made the change (the audit trail). */
  by: string;
  /** Only the fields this write set (the whole record on create, nothing on delete). */
  fields: Record<string, unknown>;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** One bundle this site exported: the history the Synchronisation screen shows (local bookkeeping, not synced). */
export interface SyncExportEntry {
  /** The bundle id. */
  id: string;
  sequence: number;
  fileName: string;
  /** ISO time of the export. */
  createdAt: string;
  /** Change-log rows the bundle covers. */
  changeCount: number;
  /** Records in the payload. */
  recordCount: number;
  firstClock: string | null;
  lastClock: string | null;
  /** Where it went: the sync folder, another folder (USB key), or a browser download. */
  destination: 'syncFolder' | 'folder' | 'download';
  /** The folder written to, when known. */
  folder?: string;
}

/**
 * Running sums of hour logs (`measure:<id>`, `month:<yyyy-mm>`, `placement:<id>`), kept by shared/repos/hourLogs.ts in the same
 * transaction as each hour log, so lists and the dashboard need not read 1.5 million lines. Derived, local:
 * neither synced nor in the change log, and rebuilt from the hour logs by `rebuildHourTotals`.
 */
export interface HourTotal {
  key: string;
  hours: number;
  /** On a measure's row: the distinct days with hours (what a measure ordered in days counts). */
  days?: number;
  /** On a placement's row: its latest day with hours (the dashboard's placements without hours). */
  lastDate?: string;
}

/**
 * The clock of every field of one record (and of its tombstone), kept by the writer in the same transaction
 * as the record: what the office exchange compares a colleague's write with (last writer wins per field).
 */
export interface FieldClocks {
  /** `entity:id` (one key, as every table of the database has). */
  key: string;
  entity: EntityName;
  id: string;
  /** Field name to the hybrid logical clock of its latest write (the device is the clock's node). */
  fields: Record<string, string>;
  /** Clock of the record's tombstone. */
  deleted?: string;
}

/** One side of an office conflict: a value, when and by whom it was written (the device is the clock's node). */
export interface ConflictSide {
  value: unknown;
  clock: string;
  by: string;
}

/**
 * A value written on one workstation that lost to another workstation's write of the same field: kept so a
 * person can see it and put it back ("Garder cette valeur"). Local review data, never exchanged.
 */
export interface OfficeConflict {
  /** `entity:recordId:field:lost clock`: the same lost value is kept once, whichever file brings it again. */
  key: string;
  entity: EntityName;
  recordId: string;
  field: string;
  kept: ConflictSide;
  lost: ConflictSide;
  /** ISO time it was found. */
  recordedAt: string;
  /** ISO time a person settled it (kept the winner, or put the lost value back). */
  settledAt?: string;
}

/** A rule broken once several workstations' changes were merged ("À vérifier"). Local review data. */
export interface OfficeCheck {
  /** `rule:record keys`: one entry per rule and records, however often it is found again. */
  key: string;
  rule: OfficeRule;
  /** The records concerned, the first one being what the entry opens. */
  records: { entity: EntityName; id: string }[];
  /** `entity:id` of each record (indexed: the entries a record is in). */
  recordKeys: string[];
  /** French detail: which post, how many hours... */
  detail: string;
  /** Workstations whose changes met here (device ids). */
  devices: string[];
  detectedAt: string;
  /** ISO time a person marked it checked; a rule still broken afterwards is not listed again for the same records. */
  dismissedAt?: string;
}

export type OfficeRule = 'lastPlace' | 'hoursBeyondOrdered' | 'hoursAfterEnd' | 'editedDeleted' | 'duplicatePerson';

export const measureKey = (measureId: string) => `measure:${measureId}`;
export const monthKey = (month: string) => `month:${month}`;
export const placementKey = (placementId: string) => `placement:${placementId}`;

/**
 * Two counters in meta, so the pending count reads two rows instead of counting a change log that grows
 * without end (1.7 million rows take a second to count): every change row written (kept by the writer in its
 * transaction), and the rows at or before the acknowledged clock (kept when that clock is raised).
 */
export const LOGGED_COUNT = 'changes.logged';
export const ACKED_COUNT = 'sync.ackedCount';

/** One of those counters (0 while it is absent). */
export async function metaCount(db: { meta: Table<MetaEntry, string> }, key: string): Promise<number> {
  const row = await db.meta.get(key);
  return typeof row?.value === 'number' ? row.value : 0;
}
