import type { Table } from 'dexie';
import { type ChangeEntry, type FieldClocks, type MetaEntry } from '../db/rows.ts';
import { type PasserelleDb } from '../db/database.ts';
import type { EntityName } from '../schemas/entities.ts';

/** The key of a record's row in `fieldClocks`. */
export function clockKey(entity: EntityName, id: string): string {
  return `${entity}:${id}`;
}

/** Fold one change-log row into a record's field clocks: each field keeps its latest clock, a tombstone its earliest. */
export function foldChange(row: FieldClocks | undefined, change: Pick<ChangeEntry, 'entity' | 'recordId' | 'op' | 'clock' | 'fields'>): FieldClocks {
  const next: FieldClocks = row
    ? { ...row, fields: { ...row.fields } }
    : { key: clockKey(change.entity, change.recordId), entity: change.entity, id: change.recordId, fields: {} };
  for (const name of Object.keys(change.fields)) {
    const current = next.fields[name];
    if (current === undefined || change.clock > current) next.fields[name] = change.clock;
  }
  if (change.op === 'delete' && (next.deleted === undefined || change.clock < next.deleted)) next.deleted = change.clock;
  return next;
}

const PAGE = 10_000;

/**
 * Set in meta once the field clocks are kept: a site working on one workstation does not pay for them (one
 * more read and write per change); the first exchange of an office builds them from the change log.
 */
export const FIELD_CLOCKS_ON = 'office.fieldClocks';

/**
 * Every record's field clocks from the change log, a page of rows at a time (a full site logs 1.7 million).
 * Folding is commutative, so pages in any order give the same rows.
 */
export async function buildFieldClocksIn(changes: Table<ChangeEntry, number>, fieldClocks: Table<FieldClocks, string>): Promise<void> {
  let after = 0;
  for (;;) {
    const page = await changes.where('seq').above(after).limit(PAGE).toArray();
    if (page.length === 0) return;
    after = page[page.length - 1]!.seq!;
    await fieldClocks.bulkPut(await foldedRows(fieldClocks, page));
  }
}

/** The rows of `fieldClocks` once `changes` are folded into them (read as they are, folded, not yet written). */
export async function foldedRows(fieldClocks: Table<FieldClocks, string>, changes: readonly ChangeEntry[]): Promise<FieldClocks[]> {
  const keys = [...new Set(changes.map((c) => clockKey(c.entity, c.recordId)))];
  const existing = changes.every((c) => c.op === 'create') ? [] : await fieldClocks.bulkGet(keys);
  const rows = new Map<string, FieldClocks | undefined>(keys.map((k, i) => [k, existing[i]]));
  for (const change of changes) rows.set(clockKey(change.entity, change.recordId), foldChange(rows.get(clockKey(change.entity, change.recordId)), change));
  return [...rows.values()].filter((r): r is FieldClocks => r !== undefined);
}

/**
 * Start keeping field clocks, built from the change log, inside the caller's transaction (over meta, changes
 * and fieldClocks): nothing else writes meanwhile, and from then on the writer keeps them. Done once.
 */
export async function startFieldClocksIn(
  meta: Table<MetaEntry, string>,
  changes: Table<ChangeEntry, number>,
  fieldClocks: Table<FieldClocks, string>,
): Promise<void> {
  if ((await meta.get(FIELD_CLOCKS_ON))?.value === true) return;
  await fieldClocks.clear();
  await buildFieldClocksIn(changes, fieldClocks);
  await meta.put({ key: FIELD_CLOCKS_ON, value: true });
}

export function startFieldClocks(db: Pick<PasserelleDb, 'transaction' | 'meta' | 'changes' | 'fieldClocks'>): Promise<void> {
  return db.transaction('rw', db.meta, db.changes, db.fieldClocks, () => startFieldClocksIn(db.meta, db.changes, db.fieldClocks));
}

/** A record's field clocks (undefined for one no write of this installation or of the office ever reached). */
export function fieldClocksOf(db: Pick<PasserelleDb, 'fieldClocks'>, entity: EntityName, id: string): Promise<FieldClocks | undefined> {
  return db.fieldClocks.get(clockKey(entity, id));
}
