import { type FieldClocks } from '../db/rows.ts';
import { canonicalJson } from './bytes.ts';
import { deviceOf, type OfficeRow } from './officeBatch.ts';

/**
 * The merge of one colleague's change into one record, the same rules as headquarters (shared/sync/merge.ts)
 * on the site's own records:
 * - per field, the write with the higher hybrid logical clock wins (the clock ends with its device id, so two
 *   writes of different workstations never tie, and the same write applied twice changes nothing);
 * - a tombstone is final: a later or earlier write to a deleted record is ignored, and of several tombstones
 *   the earliest stays;
 * - the record's `updatedAt` and `updatedBy` are those of its latest write (of its tombstone once deleted).
 * A value of one workstation that loses to another's is returned, to be kept as a conflict; an edit made on
 * one workstation to a record another deleted is returned too, to be listed "À vérifier".
 */
export interface RecordState {
  record: Record<string, unknown> | undefined;
  clocks: FieldClocks | undefined;
}

export interface Loss {
  field: string;
  kept: { value: unknown; clock: string };
  lost: { value: unknown; clock: string };
}

/** An edit that a deletion from another workstation made void. */
export interface VoidEdit {
  fields: string[];
  editClock: string;
  deleteClock: string;
}

export interface MergeOutcome {
  state: RecordState;
  losses: Loss[];
  voidEdits: VoidEdit[];
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

export function mergeOfficeRow(state: RecordState, row: OfficeRow, siteId: string): MergeOutcome {
  const losses: Loss[] = [];
  const voidEdits: VoidEdit[] = [];
  const clocks: FieldClocks = state.clocks
    ? { ...state.clocks, fields: { ...state.clocks.fields } }
    : { key: `${row.entity}:${row.recordId}`, entity: row.entity, id: row.recordId, fields: {} };
  const author = deviceOf(row.clock);

  if (!state.record) {
    // Causal order brings a record's creation before any other write to it; anything else has nothing to act on.
    if (row.op !== 'create') return { state, losses, voidEdits };
    for (const name of Object.keys(row.fields)) clocks.fields[name] = row.clock;
    const record = { ...withoutNulls(row.fields), id: row.recordId, siteId, updatedAt: row.clock, updatedBy: row.by };
    return { state: { record, clocks }, losses, voidEdits };
  }

  const record: Record<string, unknown> = { ...state.record };
  if (record.deleted) {
    const tombstone = clocks.deleted ?? (record.updatedAt as string);
    if (row.op === 'delete') {
      if (row.clock >= tombstone) return { state, losses, voidEdits };
      clocks.deleted = row.clock;
      return { state: { record: { ...record, updatedAt: row.clock, updatedBy: row.by }, clocks }, losses, voidEdits };
    }
    const fields = Object.keys(row.fields);
    if (row.clock > tombstone && author !== deviceOf(tombstone) && fields.length > 0) voidEdits.push({ fields, editClock: row.clock, deleteClock: tombstone });
    return { state, losses, voidEdits };
  }

  if (row.op === 'delete') {
    const later = Object.entries(clocks.fields).filter(([, clock]) => clock > row.clock && deviceOf(clock) !== author);
    for (const clock of new Set(later.map(([, c]) => c))) {
      voidEdits.push({ fields: later.filter(([, c]) => c === clock).map(([name]) => name), editClock: clock, deleteClock: row.clock });
    }
    clocks.deleted = row.clock;
    return { state: { record: { ...record, deleted: true, updatedAt: row.clock, updatedBy: row.by }, clocks }, losses, voidEdits };
  }

  for (const [name, value] of Object.entries(row.fields)) {
    const current = clocks.fields[name];
    if (current === row.clock) continue;
    if (current === undefined || row.clock > current) {
      if (current !== undefined && deviceOf(current) !== author && !sameValue(record[name], value)) {
        losses.push({ field: name, kept: { value, clock: row.clock }, lost: { value: record[name] ?? null, clock: current } });
      }
      if (value === null || value === undefined) delete record[name];
      else record[name] = value;
      clocks.fields[name] = row.clock;
    } else if (deviceOf(current) !== author && !sameValue(record[name], value)) {
      losses.push({ field: name, kept: { value: record[name] ?? null, clock: current }, lost: { value, clock: row.clock } });
    }
  }
  if (row.clock > (record.updatedAt as string)) {
    record.updatedAt = row.clock;
    record.updatedBy = row.by;
  }
  return { state: { record, clocks }, losses, voidEdits };
}
