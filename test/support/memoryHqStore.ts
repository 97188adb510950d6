import type { EntityName } from '../../shared/schemas/entities.ts';
import type {
  Conflict,
  ConsolidatedRecord,
  EnrolledSite,
  HqStore,
  ImportedBundle,
  KeyChange,
  OwnershipAct,
  OwnershipScope,
  SiteWorkstation,
  StoredField,
  StoredRecord,
} from '../../shared/sync/hqStore.ts';

interface State {
  sites: Map<string, EnrolledSite>;
  workstations: Map<string, SiteWorkstation>;
  keyChanges: KeyChange[];
  bundles: Map<string, ImportedBundle>;
  records: Map<string, StoredRecord>;
  fields: Map<string, Map<string, StoredField>>;
  conflicts: Map<string, Conflict>;
  acts: (OwnershipAct & { records: number })[];
  /** Which act (its index in `acts`) moved which record. */
  moves: { act: number; entity: string; id: string }[];
}

const key = (entity: string, id: string) => `${entity}\u0000${id}`;

function copy(state: State): State {
  return {
    sites: new Map(state.sites),
    workstations: new Map(state.workstations),
    keyChanges: [...state.keyChanges],
    bundles: new Map(state.bundles),
    records: new Map(state.records),
    fields: new Map([...state.fields].map(([k, v]) => [k, new Map(v)])),
    conflicts: new Map(state.conflicts),
    acts: [...state.acts],
    moves: [...state.moves],
  };
}

/**
 * Headquarters' store in plain maps, so the sync engine in shared/ (merge, import, outputs) is tested without
 * SQLite. A transaction works on a copy and keeps it only when its function returns, as SQLite's rollback does.
 * Orders follow the SQLite store's: sites by code then id, bundles by site code then sequence, records by entity
 * then id.
 */
export function memoryHqStore(): HqStore {
  let state: State = {
    sites: new Map(),
    workstations: new Map(),
    keyChanges: [],
    bundles: new Map(),
    records: new Map(),
    fields: new Map(),
    conflicts: new Map(),
    acts: [],
    moves: [],
  };
  let inTransaction = false;
  const byKey =
    <T>(pick: (value: T) => string) =>
    (a: T, b: T) =>
      pick(a) < pick(b) ? -1 : pick(a) > pick(b) ? 1 : 0;

  return {
    transaction<T>(fn: () => T): T {
      if (inTransaction) return fn();
      const before = state;
      state = copy(state);
      inTransaction = true;
      try {
        return fn();
      } catch (error) {
        state = before;
        throw error;
      } finally {
        inTransaction = false;
      }
    },

    site: (siteId) => state.sites.get(siteId),
    siteByCode: (code) => [...state.sites.values()].find((s) => s.code === code && s.retiredAt === undefined),
    sites: () => [...state.sites.values()].sort(byKey((s) => `${s.code}\u0000${s.siteId}`)),
    saveSite(site) {
      state.sites.set(site.siteId, { ...site });
    },
    workstation: (siteId, deviceId) => state.workstations.get(key(siteId, deviceId)),
    workstations: (siteId) =>
      [...state.workstations.values()].filter((w) => siteId === undefined || w.siteId === siteId).sort(byKey((w) => key(w.siteId, w.deviceId))),
    saveWorkstation(workstation) {
      state.workstations.set(key(workstation.siteId, workstation.deviceId), { ...workstation });
    },
    recordKeyChange(change) {
      state.keyChanges.push({ ...change });
    },
    keyChanges: () => [...state.keyChanges],

    hasBundle: (bundleId) => state.bundles.has(bundleId),
    hasBundleHash: (sha256) => [...state.bundles.values()].some((b) => b.sha256 === sha256),
    saveBundle(bundle) {
      if (state.bundles.has(bundle.bundleId)) throw new Error(`bundle ${bundle.bundleId} saved twice`);
      state.bundles.set(bundle.bundleId, { ...bundle });
    },
    bundles: (siteId) =>
      [...state.bundles.values()]
        .filter((b) => siteId === undefined || b.siteId === siteId)
        .sort(byKey((b) => `${siteId === undefined ? b.siteCode : ''}\u0000${String(b.sequence).padStart(12, '0')}\u0000${b.bundleId}`)),

    record: (entity, id) => state.records.get(key(entity, id)),
    saveRecords(writes) {
      for (const { record, fields: changed } of writes) {
        const k = key(record.entity, record.id);
        state.records.set(k, { ...record });
        const names = Object.keys(changed);
        if (names.length === 0) continue;
        const fields = state.fields.get(k) ?? new Map<string, StoredField>();
        for (const name of names) fields.set(name, { ...(changed[name] as StoredField) });
        state.fields.set(k, fields);
      }
    },
    fields: (entity, id) => new Map(state.fields.get(key(entity, id))),
    dropFields(entity, id) {
      state.fields.delete(key(entity, id));
    },

    moveOwnership(act: OwnershipAct, scope: OwnershipScope): number {
      const keys = scope === 'all' ? [...state.records.values()] : scope;
      let moved = 0;
      for (const { entity, id } of keys) {
        const record = state.records.get(key(entity, id));
        if (record?.owner !== act.fromSiteId) continue;
        state.records.set(key(entity, id), { ...record, owner: act.toSiteId });
        if (scope !== 'all') state.moves.push({ act: state.acts.length, entity, id });
        moved++;
      }
      state.acts.push({ ...act, records: moved });
      return moved;
    },
    ownershipActs: () => [...state.acts],
    formerOwnerLimit(entity, id, siteId) {
      let limit: string | undefined;
      for (const move of state.moves) {
        const act = state.acts[move.act]!;
        if (move.entity !== entity || move.id !== id || act.fromSiteId !== siteId || act.upTo === undefined) continue;
        if (limit === undefined || act.upTo > limit) limit = act.upTo;
      }
      return limit;
    },

    ownedCount: (siteId) => [...state.records.values()].filter((r) => r.owner === siteId && r.deleted === undefined).length,

    addConflict(conflict) {
      const k = [conflict.entity, conflict.recordId, conflict.field, conflict.lost.clock, conflict.lost.siteId, conflict.lost.deviceId].join('\u0000');
      if (!state.conflicts.has(k)) state.conflicts.set(k, conflict);
    },
    conflicts: () => [...state.conflicts.values()],

    *consolidated(entity?: EntityName): Iterable<ConsolidatedRecord> {
      const records = [...state.records.values()].filter((r) => entity === undefined || r.entity === entity).sort(byKey((r) => key(r.entity, r.id)));
      for (const r of records) {
        const fields: ConsolidatedRecord['fields'] = {};
        for (const [name, f] of [...(state.fields.get(key(r.entity, r.id)) ?? [])].sort(byKey(([n]) => n))) {
          fields[name] = { value: JSON.parse(f.value) as unknown, clock: f.clock };
        }
        yield { entity: r.entity, id: r.id, siteId: r.siteId, owner: r.owner, ...(r.deleted ? { deleted: { clock: r.deleted.clock } } : {}), fields };
      }
    },
  };
}
