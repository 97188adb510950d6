import { Dexie, type IndexableType, type Table } from 'dexie';
import { entities, isEntityName } from '../schemas/entities.ts';
import { encodePayload, PayloadTooLarge, type BackupSummary } from './payload.ts';

/**
 * Tables read whole in the last transaction: written without a change-log row (meta, running sums, export
 * history, the national partners and agreements from reference data, the office's conflicts and checks), and small.
 */
const FINAL_TABLES = new Set(['meta', 'hourTotals', 'syncExports', 'partners', 'agreements', 'conflicts', 'checks']);
const CHANGES = 'changes';
/** Kept with each record by the same writes (`entity:id`): read again with the records written meanwhile. */
const FIELD_CLOCKS = 'fieldClocks';

const entityTables = new Set<string>(Object.values(entities).map((e) => e.table));

/** A record a person sees: neither a tombstone nor in the bin. */
export function isLiveRow(row: Record<string, unknown>): boolean {
  return row.deleted !== true && row.binned === undefined;
}

export interface DumpOptions {
  rowsPerFrame?: number;
  /** Largest payload before compression (payload.ts's MAX_PAYLOAD_BYTES); smaller only to test the split. */
  maxPayloadBytes?: number;
  onProgress?(done: number, total: number): void;
}

function primaryKeyOf(table: Table): string {
  const keyPath = table.schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`Table ${table.name}: a backup pages tables by a single primary key`);
  return keyPath;
}

async function* pages(table: Table, size: number): AsyncGenerator<Record<string, unknown>[]> {
  const key = primaryKeyOf(table);
  let last: IndexableType | undefined;
  for (;;) {
    const rows = (await (last === undefined ? table.orderBy(key) : table.where(key).above(last)).limit(size).toArray()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows;
    last = Dexie.getByKeyPath(rows[rows.length - 1]!, key) as IndexableType;
  }
}

/**
 * Read the whole database into backup payloads, handed to `write` in order (the last one is the summary).
 * Tables are read a page at a time, each page in its own short transaction, so work goes on meanwhile; what
 * was written meanwhile is then read again in one last transaction, with the tables that change without a
 * change-log row, so the backup is the database as it was at that moment: a record's row matches the change
 * log, and the counters match both. Works on any schema version (the database is opened as it is on disk
 * before an upgrade), since it reads the tables the database has.
 */
export async function dumpDatabase(db: Dexie, write: (payload: Uint8Array, last: boolean) => Promise<void>, options: DumpOptions = {}): Promise<BackupSummary> {
  const size = options.rowsPerFrame ?? 5000;
  const tables = db.tables;
  const changes = tables.find((t) => t.name === CHANGES);
  const { total, fromSeq } = await db.transaction('r', tables, async () => ({
    total: (await Promise.all(tables.map((t) => t.count()))).reduce((a, b) => a + b, 0),
    fromSeq: ((await changes?.orderBy('seq').last()) as { seq?: number } | undefined)?.seq ?? 0,
  }));
  const written: Record<string, number> = {};
  const live: Record<string, number> = {};
  let done = 0;
  const emit = async (table: string, rows: Record<string, unknown>[]) => {
    if (rows.length === 0) return;
    for (let i = 0; i < rows.length; i += size) await emitFrame(table, rows.slice(i, i + size));
  };
  // Rows larger than usual are split over more frames, so every frame stays readable (decodePayload's limit).
  const emitFrame = async (table: string, slice: Record<string, unknown>[]): Promise<void> => {
    let payload: Uint8Array;
    try {
      payload = encodePayload({ table, rows: slice }, options.maxPayloadBytes);
    } catch (error) {
      if (!(error instanceof PayloadTooLarge) || slice.length === 1) throw error;
      const half = Math.ceil(slice.length / 2);
      await emitFrame(table, slice.slice(0, half));
      await emitFrame(table, slice.slice(half));
      return;
    }
    await write(payload, false);
    written[table] = (written[table] ?? 0) + slice.length;
    done += slice.length;
    options.onProgress?.(Math.min(done, total), total);
  };

  let lastSeq = 0;
  const paged = tables.filter((t) => !FINAL_TABLES.has(t.name) && t.name !== CHANGES);
  for (const table of [...paged, ...(changes ? [changes] : [])]) {
    for await (const rows of pages(table, size)) {
      if (entityTables.has(table.name)) live[table.name] = (live[table.name] ?? 0) + rows.filter(isLiveRow).length;
      if (table === changes) lastSeq = rows[rows.length - 1]!.seq as number;
      await emit(table.name, rows);
    }
  }

  const final = await db.transaction('r', tables, async () => {
    const out: { table: string; rows: Record<string, unknown>[] }[] = [];
    const touched = new Map<string, Set<string>>();
    if (changes) {
      for (const change of (await changes.where('seq').above(fromSeq).toArray()) as { entity: string; recordId: string }[]) {
        if (!isEntityName(change.entity)) continue;
        const table = entities[change.entity].table;
        if (FINAL_TABLES.has(table)) continue;
        if (!touched.has(table)) touched.set(table, new Set());
        touched.get(table)!.add(change.recordId);
      }
    }
    const clockKeys: string[] = [];
    for (const [name, ids] of touched) {
      const table = db.table(name);
      out.push({ table: name, rows: ((await table.bulkGet([...ids])) as (Record<string, unknown> | undefined)[]).filter((r) => r !== undefined) });
      live[name] = await table.filter(isLiveRow).count();
      const entity = Object.entries(entities).find(([, e]) => e.table === name)?.[0];
      for (const id of ids) clockKeys.push(`${entity}:${id}`);
    }
    const fieldClocks = tables.find((t) => t.name === FIELD_CLOCKS);
    if (fieldClocks && clockKeys.length > 0) {
      out.push({
        table: FIELD_CLOCKS,
        rows: ((await fieldClocks.bulkGet(clockKeys)) as (Record<string, unknown> | undefined)[]).filter((r) => r !== undefined),
      });
    }
    if (changes) out.push({ table: CHANGES, rows: (await changes.where('seq').above(lastSeq).toArray()) as Record<string, unknown>[] });
    for (const table of tables.filter((t) => FINAL_TABLES.has(t.name))) {
      const rows = (await table.toArray()) as Record<string, unknown>[];
      if (entityTables.has(table.name)) live[table.name] = rows.filter(isLiveRow).length;
      out.push({ table: table.name, rows });
    }
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table.name] = await table.count();
    return { out, counts };
  });
  for (const { table, rows } of final.out) await emit(table, rows);
  const summary: BackupSummary = { counts: final.counts, live, written };
  await write(encodePayload({ end: true, summary }), true);
  options.onProgress?.(total, total);
  return summary;
}
