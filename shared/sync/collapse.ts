import type { ChangeEntry } from '../db/rows.ts';
import type { EntityName } from '../schemas/entities.ts';

/**
 * Every change to one record since the acknowledged clock, collapsed: for each field its latest value and
 * the clock it was written at (`null` when it was cleared), and the clocks of its creation and deletion
 * when they fall in the range. Field values are still the site's own (not yet pseudonymised).
 */
export interface CollapsedRecord {
  entity: EntityName;
  id: string;
  created?: string;
  deleted?: string;
  fields: Record<string, { value: unknown; clock: string }>;
}

/**
 * Collapse change-log rows into one entry per record, sorted by entity then id. A deleted record keeps only
 * its tombstone (and creation clock): its field values are of no use any more and would only travel.
 */
export function collapseChanges(changes: Iterable<ChangeEntry>): CollapsedRecord[] {
  const byRecord = new Map<string, CollapsedRecord>();
  for (const change of changes) {
    const key = `${change.entity}\u0000${change.recordId}`;
    let record = byRecord.get(key);
    if (!record) {
      record = { entity: change.entity, id: change.recordId, fields: {} };
      byRecord.set(key, record);
    }
    if (change.op === 'create' && (record.created === undefined || change.clock < record.created)) record.created = change.clock;
    if (change.op === 'delete' && (record.deleted === undefined || change.clock < record.deleted)) record.deleted = change.clock;
    for (const [name, value] of Object.entries(change.fields)) {
      const current = record.fields[name];
      if (!current || change.clock > current.clock) record.fields[name] = { value: value === undefined ? null : value, clock: change.clock };
    }
  }
  const records = [...byRecord.values()];
  for (const r of records) if (r.deleted !== undefined) r.fields = {};
  return records.sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
