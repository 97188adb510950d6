import { canonicalJson } from './bytes.ts';
import type { WireRecord } from './bundle.ts';
import { parseHlc } from '../db/hlc.ts';
import type { HqStore, Origin, StoredField, StoredRecord } from './hqStore.ts';

/**
 * The merge rules, applied per field:
 * - the write with the higher hybrid logical clock wins; on equal clocks the higher site id, and on equal
 *   site ids (never seen in practice) the greater canonical JSON value, so every pair has one winner and the
 *   result does not depend on the order bundles arrive in;
 * - a tombstone is final: the record's fields are dropped and every later write to it is ignored;
 * - a record's author is the site of its earliest write (min by clock, then site id).
 * A value that loses to one from another site or device is kept in the conflicts table for review.
 */
export function compareWrites(a: { clock: string; siteId: string; value: string }, b: { clock: string; siteId: string; value: string }): number {
  if (a.clock !== b.clock) return a.clock < b.clock ? -1 : 1;
  if (a.siteId !== b.siteId) return a.siteId < b.siteId ? -1 : 1;
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return 0;
}

function sameOrigin(a: Origin, b: Origin): boolean {
  return a.siteId === b.siteId && a.deviceId === b.deviceId;
}

function earlier(a: { clock: string; siteId: string }, b: { clock: string; siteId: string }): boolean {
  return a.clock < b.clock || (a.clock === b.clock && a.siteId < b.siteId);
}

export interface MergeContext {
  store: HqStore;
  siteId: string;
  bundleId: string;
  /** ISO time of the import, for the conflicts table. */
  at: string;
}

/** Merge one validated wire record; returns the number of conflicts it recorded. */
export function mergeRecord(ctx: MergeContext, wire: WireRecord): number {
  const { store, siteId } = ctx;
  const origin = (clock: string): Origin => ({ siteId, deviceId: parseHlc(clock).node });
  const clocks = [wire.created, wire.deleted, ...Object.values(wire.fields).map(([, c]) => c)].filter((c): c is string => c !== undefined);
  if (clocks.length === 0) return 0;
  const earliest = clocks.reduce((a, b) => (b < a ? b : a));

  const existing = store.record(wire.entity, wire.id);
  let record: StoredRecord = existing ?? { entity: wire.entity, id: wire.id, siteId, firstClock: earliest };
  let recordChanged = !existing;
  if (existing && earlier({ clock: earliest, siteId }, { clock: existing.firstClock, siteId: existing.siteId })) {
    record = { ...record, siteId, firstClock: earliest };
    recordChanged = true;
  }

  let conflicts = 0;
  const conflict = (
    field: string,
    kind: 'value' | 'deletion',
    kept: Origin & { value: string | null; clock: string },
    lost: Origin & { value: string; clock: string },
  ) => {
    store.addConflict({ entity: wire.entity, recordId: wire.id, field, kind, kept, lost, bundleId: ctx.bundleId, recordedAt: ctx.at });
    conflicts++;
  };

  if (wire.deleted !== undefined) {
    const tombstone = { clock: wire.deleted, ...origin(wire.deleted) };
    if (!record.deleted || earlier(tombstone, record.deleted)) {
      if (!record.deleted) {
        for (const [name, field] of store.fields(wire.entity, wire.id)) {
          if (field.clock > tombstone.clock && !sameOrigin(field, tombstone)) conflict(name, 'deletion', { ...tombstone, value: null }, field);
        }
        store.dropFields(wire.entity, wire.id);
      }
      record = { ...record, deleted: tombstone };
      recordChanged = true;
    }
  }
  if (recordChanged) store.saveRecord(record);

  const names = Object.keys(wire.fields);
  if (names.length === 0) return conflicts;
  if (record.deleted) {
    const tombstone = record.deleted;
    for (const name of names) {
      const [value, clock] = wire.fields[name] as [unknown, string];
      const write = { value: canonicalJson(value), clock, ...origin(clock) };
      if (clock > tombstone.clock && !sameOrigin(write, tombstone)) conflict(name, 'deletion', { ...tombstone, value: null }, write);
    }
    return conflicts;
  }

  const current = store.fields(wire.entity, wire.id);
  for (const name of names) {
    const [value, clock] = wire.fields[name] as [unknown, string];
    const incoming: StoredField = { value: canonicalJson(value), clock, ...origin(clock) };
    const stored = current.get(name);
    if (!stored) {
      store.saveField(wire.entity, wire.id, name, incoming);
      continue;
    }
    const order = compareWrites(incoming, stored);
    if (order === 0) continue;
    const [winner, loser] = order > 0 ? [incoming, stored] : [stored, incoming];
    if (order > 0) store.saveField(wire.entity, wire.id, name, incoming);
    if (!sameOrigin(winner, loser) && winner.value !== loser.value) conflict(name, 'value', winner, loser);
  }
  return conflicts;
}
