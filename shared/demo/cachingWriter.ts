import type { EntityName, EntityRecord } from '../schemas/entities.ts';
import type { Writer } from '../repos/writer.ts';

/**
 * A Writer that remembers every record it reads or writes by id, so the repositories' rule checks read a host,
 * a post or a measure from memory after the first time instead of asking IndexedDB again. For the demo data
 * only: every write of its transaction goes through this Writer (none straight to a table), so what it
 * remembers is what the database holds. Writes and queries go to the wrapped Writer unchanged.
 */
export function cachingWriter(w: Writer): Writer {
  const known = new Map<string, unknown>();
  const key = (entity: EntityName, id: string) => `${entity}:${id}`;
  const keep = <E extends EntityName>(entity: E, records: readonly EntityRecord<E>[]) => {
    for (const record of records) known.set(key(entity, record.id), record);
    return records;
  };
  return {
    get identity() {
      return w.identity;
    },
    get author() {
      return w.author;
    },
    now: () => w.now(),
    observe: (clock) => w.observe(clock),
    table: (entity) => w.table(entity),
    async get(entity, id) {
      const k = key(entity, id);
      if (known.has(k)) return known.get(k) as EntityRecord<typeof entity> | undefined;
      const record = await w.get(entity, id);
      known.set(k, record);
      return record;
    },
    async insert(entity, input) {
      const record = await w.insert(entity, input);
      keep(entity, [record]);
      return record;
    },
    async insertMany(entity, inputs) {
      return keep(entity, await w.insertMany(entity, inputs)) as EntityRecord<typeof entity>[];
    },
    // Stamped on the way in: read again from the database.
    async putReceived(entity, records) {
      for (const record of records) known.delete(key(entity, record.id));
      await w.putReceived(entity, records);
    },
    async update(entity, id, patch) {
      const record = await w.update(entity, id, patch);
      keep(entity, [record]);
      return record;
    },
    async updateMany(entity, patches) {
      return keep(entity, await w.updateMany(entity, patches)) as EntityRecord<typeof entity>[];
    },
    // A removed or binned record is read again from the database, tombstone and all.
    async remove(entity, id) {
      known.delete(key(entity, id));
      await w.remove(entity, id);
    },
    async removeMany(entity, ids) {
      for (const id of ids) known.delete(key(entity, id));
      await w.removeMany(entity, ids);
    },
    async setBinned(entity, ids, binned) {
      for (const id of ids) known.delete(key(entity, id));
      await w.setBinned(entity, ids, binned);
    },
  };
}
