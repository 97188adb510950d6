import type { Faker } from '@faker-js/faker';
import type { EntityName, EntityRecord } from '../../../shared/schemas/entities.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';
import type { GenContext } from './generators.ts';

type AnyRecord = { id: string } & Record<string, unknown>;

interface Index {
  keyOf: (record: AnyRecord) => string;
  buckets: Map<string, AnyRecord[]>;
}

/**
 * The live records of a simulated site, in the order they were written, with what generators look up
 * often kept up to date as records come and go: indexes by a key, and values derived from whole tables
 * computed again only when those tables change. A generator picking among 1,000 records therefore costs
 * the same whether the site already holds ten or ten thousand.
 *
 * Records of a batch not yet written (`stage`) are live too, under a provisional id, so the next record of
 * the batch sees them (the same person is not given hours twice on one day); `commit` puts the written
 * records, with their real ids, in their place.
 */
export class LiveRecords {
  private readonly records = new Map<EntityName, Map<string, AnyRecord>>();
  private readonly arrays = new Map<EntityName, readonly AnyRecord[]>();
  private readonly versions = new Map<EntityName, number>();
  private readonly indexes = new Map<EntityName, Map<string, Index>>();
  private readonly derivedValues = new Map<string, { stamp: string; value: unknown }>();
  private readonly staged = new Map<EntityName, string[]>();
  private provisional = 0;

  /** The context generators see: `today` is read at every call, so derived values follow the simulated day. */
  context(faker: Faker, site: SiteIdentity, today: () => string): GenContext {
    return {
      faker,
      site,
      get today() {
        return today();
      },
      live: (entity) => this.all(entity),
      byId: (entity, id) => this.table(entity).get(id) as never,
      where: (entity, index, keyOf, key) => this.bucket(entity, index, keyOf as unknown as Index['keyOf'], key) as never,
      derived: (name, entities, compute) => {
        const stamp = `${today()}|${entities.map((e) => this.versions.get(e) ?? 0).join(',')}`;
        const cached = this.derivedValues.get(name);
        if (cached?.stamp === stamp) return cached.value as never;
        const value = compute();
        this.derivedValues.set(name, { stamp, value });
        return value;
      },
    };
  }

  /** The live records of `entity`, in the order they were first written; the same array until it is written. */
  all<E extends EntityName>(entity: E): readonly EntityRecord<E>[] {
    let array = this.arrays.get(entity);
    if (!array) {
      array = [...this.table(entity).values()];
      this.arrays.set(entity, array);
    }
    return array as unknown as readonly EntityRecord<E>[];
  }

  /** A written record, new or changed. */
  set(entity: EntityName, record: object): void {
    const r = record as AnyRecord;
    const table = this.table(entity);
    const before = table.get(r.id);
    if (before) this.unindex(entity, before);
    table.set(r.id, r);
    for (const index of this.indexes.get(entity)?.values() ?? []) push(index, r);
    this.changed(entity);
  }

  delete(entity: EntityName, id: string): void {
    const table = this.table(entity);
    const before = table.get(id);
    if (!before) return;
    this.unindex(entity, before);
    table.delete(id);
    this.changed(entity);
  }

  /** A record generated but not yet written, live until `commit`. */
  stage(entity: EntityName, input: object): void {
    const id = `staged-${this.provisional++}`;
    this.set(entity, { ...input, id });
    const staged = this.staged.get(entity) ?? [];
    staged.push(id);
    this.staged.set(entity, staged);
  }

  /** The staged records of `entity` were written as `records`: the written ones replace them. */
  commit(entity: EntityName, records: readonly object[]): void {
    for (const id of this.staged.get(entity) ?? []) this.delete(entity, id);
    this.staged.delete(entity);
    for (const record of records) this.set(entity, record);
  }

  private table(entity: EntityName): Map<string, AnyRecord> {
    let table = this.records.get(entity);
    if (!table) {
      table = new Map();
      this.records.set(entity, table);
    }
    return table;
  }

  private bucket(entity: EntityName, name: string, keyOf: Index['keyOf'], key: string): readonly AnyRecord[] {
    let indexes = this.indexes.get(entity);
    if (!indexes) {
      indexes = new Map();
      this.indexes.set(entity, indexes);
    }
    let index = indexes.get(name);
    if (!index) {
      index = { keyOf, buckets: new Map() };
      for (const record of this.table(entity).values()) push(index, record);
      indexes.set(name, index);
    }
    return index.buckets.get(key) ?? [];
  }

  private unindex(entity: EntityName, record: AnyRecord): void {
    for (const index of this.indexes.get(entity)?.values() ?? []) {
      const bucket = index.buckets.get(index.keyOf(record));
      const at = bucket?.findIndex((r) => r.id === record.id) ?? -1;
      if (bucket && at >= 0) bucket.splice(at, 1);
    }
  }

  private changed(entity: EntityName): void {
    this.arrays.delete(entity);
    this.versions.set(entity, (this.versions.get(entity) ?? 0) + 1);
  }
}

function push(index: Index, record: AnyRecord): void {
  const key = index.keyOf(record);
  const bucket = index.buckets.get(key);
  if (bucket) bucket.push(record);
  else index.buckets.set(key, [record]);
}
