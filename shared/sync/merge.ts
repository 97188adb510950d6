import { canonicalJson } from './bytes.ts';
import { recordLabel, type WireRecord } from './bundle.ts';
import { SyncError } from '../errors.ts';
import { hlcNode } from '../db/hlc.ts';
import type { HqStore, Origin, RecordWrite, StoredField, StoredRecord } from './hqStore.ts';

/** A write the sending site may not make: thrown inside the import's transaction, it refuses the whole bundle. */
export class WriteRefused extends SyncError {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefused';
  }
}

function clocksOf(wire: WireRecord): string[] {
  return [wire.created, wire.deleted, ...Object.values(wire.fields).map(([, clock]) => clock)].filter((c): c is string => c !== undefined);
}

/**
 * Who may write what. A bundle may create a record, and write the fields or the tombstone of a record its site
 * owns, or the writes a former owner made before the offer that gave the record away; a record headquarters
 * does not hold may only arrive with its creation (a write without it means earlier bundles of the site are
 * missing). Anything else refuses the whole bundle, naming the record and its owner.
 */
export function checkOwnership(store: HqStore, siteId: string, wire: WireRecord, held: StoredRecord | undefined): void {
  if (held === undefined) {
    if (wire.created === undefined) {
      throw new WriteRefused(
        `Le lot modifie l’enregistrement ${recordLabel(wire.entity, wire.id)}, que le siège ne détient pas, sans en contenir la création : des modifications antérieures de ce site manquent au siège. Le fichier est refusé ; le prochain export du site renverra ce qui manque.`,
      );
    }
    return;
  }
  if (held.owner === siteId) return;
  // Bundles are cumulative: a site that gave the record away by a transfer may send again what it wrote before
  // its offer, which the merge weighs by clock like any write. Anything it wrote after is refused.
  const limit = store.formerOwnerLimit(wire.entity, wire.id, siteId);
  if (limit !== undefined && clocksOf(wire).every((clock) => clock <= limit)) return;
  const owner = store.site(held.owner);
  const named = owner ? `${owner.code} (${owner.name})` : held.owner;
  throw new WriteRefused(
    `Le lot modifie l’enregistrement ${recordLabel(wire.entity, wire.id)}, qui appartient au site ${named} : seul ce site peut le modifier ou le supprimer. Le fichier est refusé en entier.`,
  );
}

/**
 * The merge rules, applied per field:
 * - the write with the higher hybrid logical clock wins; on equal clocks the higher site id, and on equal
 *   site ids (never seen in practice) the greater canonical JSON value, so every pair has one winner and the
 *   result does not depend on the order bundles arrive in;
 * - a tombstone is final: the record's fields are dropped and every later write to it is ignored;
 * - a record's author is the site whose bundle created it, and never changes; its owner is checked first
 *   (`checkOwnership`).
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

/** How many record writes wait before they are made: enough for multi-row statements to pay, little memory. */
const FLUSH_RECORDS = 400;

/**
 * Merge the validated records of one bundle; returns the number of conflicts recorded. Throws `WriteRefused`.
 * Writes are held back and made in batches: a bundle holds each record once (`parsePayload` refuses a
 * duplicate), so what one record reads never depends on what another writes.
 */
export function mergeRecords(ctx: MergeContext, wires: readonly WireRecord[]): number {
  let pending: RecordWrite[] = [];
  let conflicts = 0;
  for (const wire of wires) {
    conflicts += mergeRecord(ctx, wire, pending);
    if (pending.length >= FLUSH_RECORDS) {
      ctx.store.saveRecords(pending);
      pending = [];
    }
  }
  if (pending.length) ctx.store.saveRecords(pending);
  return conflicts;
}

function mergeRecord(ctx: MergeContext, wire: WireRecord, pending: RecordWrite[]): number {
  const { store, siteId } = ctx;
  const origin = (clock: string): Origin => ({ siteId, deviceId: hlcNode(clock) });
  const clocks = [wire.created, wire.deleted, ...Object.values(wire.fields).map(([, c]) => c)].filter((c): c is string => c !== undefined);
  if (clocks.length === 0) return 0;
  const earliest = clocks.reduce((a, b) => (b < a ? b : a));

  const existing = store.record(wire.entity, wire.id);
  checkOwnership(store, siteId, wire, existing);
  let record: StoredRecord = existing ?? { entity: wire.entity, id: wire.id, siteId, owner: siteId, firstClock: earliest };
  let recordChanged = !existing;
  if (existing && earliest < existing.firstClock) {
    record = { ...record, firstClock: earliest };
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
      if (!record.deleted && existing) {
        for (const [name, field] of store.fields(wire.entity, wire.id)) {
          if (field.clock > tombstone.clock && !sameOrigin(field, tombstone)) conflict(name, 'deletion', { ...tombstone, value: null }, field);
        }
        store.dropFields(wire.entity, wire.id);
      }
      record = { ...record, deleted: tombstone };
      recordChanged = true;
    }
  }
  const names = Object.keys(wire.fields);
  if (record.deleted) {
    if (recordChanged) pending.push({ record, fields: {} });
    const tombstone = record.deleted;
    for (const name of names) {
      const [value, clock] = wire.fields[name] as [unknown, string];
      const write = { value: canonicalJson(value), clock, ...origin(clock) };
      if (clock > tombstone.clock && !sameOrigin(write, tombstone)) conflict(name, 'deletion', { ...tombstone, value: null }, write);
    }
    return conflicts;
  }

  // A record headquarters did not hold has no field yet: nothing to read.
  const current = existing ? store.fields(wire.entity, wire.id) : undefined;
  const changed: Record<string, StoredField> = {};
  let fieldsChanged = false;
  for (const name of names) {
    const [value, clock] = wire.fields[name] as [unknown, string];
    const incoming: StoredField = { value: canonicalJson(value), clock, ...origin(clock) };
    const stored = current?.get(name);
    if (!stored) {
      changed[name] = incoming;
      fieldsChanged = true;
      continue;
    }
    const order = compareWrites(incoming, stored);
    if (order === 0) continue;
    const [winner, loser] = order > 0 ? [incoming, stored] : [stored, incoming];
    if (order > 0) {
      changed[name] = incoming;
      fieldsChanged = true;
    }
    if (!sameOrigin(winner, loser) && winner.value !== loser.value) conflict(name, 'value', winner, loser);
  }
  if (recordChanged || fieldsChanged) pending.push({ record, fields: changed });
  return conflicts;
}
