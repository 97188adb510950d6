import type { Table } from 'dexie';
import type { ChangeEntry, FieldClocks, PasserelleDb } from '../db/database.ts';
import type { EntityName } from '../schemas/entities.ts';

/** The key of a record's row in `fieldClocks`. */
export function clockKey(entity: EntityName, id: string): [string, string] {
  return [entity, id];
}

/** Fold one change-log row into a record's field clocks: each field keeps its latest clock, a tombstone its earliest. */
export function foldChange(row: FieldClocks | undefined, change: Pick<ChangeEntry, 'entity' | 'recordId' | 'op' | 'clock' | 'fields'>): FieldClocks {
  const next: FieldClocks = row ? { ...row, fields: { ...row.fields } } : { entity: change.entity, id: change.recordId, fields: {} };
  for (const name of Object.keys(change.fields)) {
    const current = next.fields[name];
    if (current === undefined || change.clock > current) next.fields[name] = change.clock;
  }
  if (change.op === 'delete' && (next.deleted === undefined || change.clock < next.deleted)) next.deleted = change.clock;
  return next;
}

const PAGE = 10_000;

/**
 * Every record's field clocks from the change log, a page of rows at a time (a full site logs 1.7 million):
 * the database upgrade that added the table. Folding is commutative, so pages in any order give the same rows.
 */
export async function buildFieldClocksIn(changes: Table<ChangeEntry, number>, fieldClocks: Table<FieldClocks, [string, string]>): Promise<void> {
  let after = 0;
  for (;;) {
    const page = await changes.where('seq').above(after).limit(PAGE).toArray();
    if (page.length === 0) return;
    after = page[page.length - 1]!.seq!;
    const keys = [...new Set(page.map((c) => `${c.entity}\u0000${c.recordId}`))];
    const pairs = keys.map((k) => k.split('\u0000') as [string, string]);
    const existing = await fieldClocks.bulkGet(pairs);
    const rows = new Map<string, FieldClocks>();
    keys.forEach((k, i) => {
      const row = existing[i];
      if (row) rows.set(k, row);
    });
    for (const change of page) {
      const k = `${change.entity}\u0000${change.recordId}`;
      rows.set(k, foldChange(rows.get(k), change));
    }
    await fieldClocks.bulkPut([...rows.values()]);
  }
}

/** A record's field clocks (undefined for one no write of this installation or of the office ever reached). */
export function fieldClocksOf(db: Pick<PasserelleDb, 'fieldClocks'>, entity: EntityName, id: string): Promise<FieldClocks | undefined> {
  return db.fieldClocks.get(clockKey(entity, id));
}
