import type { Table } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { ChangeEntry, ChangeOp, PasserelleDb } from '../db/database.ts';
import { entities, type EntityFields, type EntityInput, type EntityName, type EntityRecord } from '../schemas/entities.ts';
import { encodeHlc, tick, type HlcTime } from '../sync/hlc.ts';
import { LOGGED_COUNT, metaCount } from './changes.ts';
import type { RepoContext } from './context.ts';
import { RepoError, repoErrorFromZod } from './errors.ts';
import { clockKey, foldChange } from './fieldClocks.ts';
import { readIdentity } from './identity.ts';
import type { SiteIdentity } from '../schemas/site.ts';

const STAMP_KEYS = ['id', 'siteId', 'updatedAt', 'updatedBy', 'deleted'] as const;

/**
 * The only way records are written. Inside one Dexie transaction it validates, stamps (UUID v7 id, hybrid
 * logical clock, user, site), appends one change-log row per write with only the fields written, and keeps
 * the clock of each field written (what the office exchange merges a colleague's change against).
 */
export interface Writer {
  readonly identity: SiteIdentity;
  /** The context's wall clock, for rules about today (no hours in the future...). */
  now(): number;
  /** Read a record (tombstones included) inside the transaction. */
  get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined>;
  insert<E extends EntityName>(entity: E, input: EntityInput<E>): Promise<EntityRecord<E>>;
  update<E extends EntityName>(entity: E, id: string, patch: Partial<EntityInput<E>>): Promise<EntityRecord<E>>;
  /** Tombstone: final. */
  remove(entity: EntityName, id: string): Promise<void>;
  table<E extends EntityName>(entity: E): Table<EntityRecord<E>, string>;
}

export function entityTable<E extends EntityName>(db: PasserelleDb, entity: E): Table<EntityRecord<E>, string> {
  return db.table(entities[entity].table);
}

/**
 * Run `fn` in one read-write transaction over every table, so a rule can read what it needs and a failure
 * anywhere leaves the database exactly as it was.
 */
export async function writeTransaction<T>(ctx: RepoContext, fn: (w: Writer) => Promise<T>): Promise<T> {
  const { db } = ctx;
  return db.transaction('rw', db.tables, async () => {
    const identity = await readIdentity(db);
    if (!identity) throw new RepoError('Le site n’est pas encore configuré : terminez la première mise en route.');
    const writer = new TransactionWriter(ctx, identity, (await db.meta.get('hlc'))?.value as HlcTime | undefined);
    const result = await fn(writer);
    if (writer.clockMoved) await db.meta.put({ key: 'hlc', value: writer.last });
    if (writer.logged > 0) await db.meta.put({ key: LOGGED_COUNT, value: (await metaCount(db, LOGGED_COUNT)) + writer.logged });
    return result;
  });
}

class TransactionWriter implements Writer {
  readonly identity: SiteIdentity;
  last: HlcTime | undefined;
  clockMoved = false;
  /** Change rows written in this transaction. */
  logged = 0;
  private readonly ctx: RepoContext;

  constructor(ctx: RepoContext, identity: SiteIdentity, last: HlcTime | undefined) {
    this.ctx = ctx;
    this.identity = identity;
    this.last = last;
  }

  now(): number {
    return this.ctx.clock.now();
  }

  table<E extends EntityName>(entity: E): Table<EntityRecord<E>, string> {
    return entityTable(this.ctx.db, entity);
  }

  get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined> {
    return this.table(entity).get(id);
  }

  async insert<E extends EntityName>(entity: E, input: EntityInput<E>): Promise<EntityRecord<E>> {
    const fields = this.validate(entity, input);
    const clock = this.nextClock();
    const record = {
      ...fields,
      id: this.ctx.newId?.() ?? uuidv7(),
      siteId: this.identity.siteId,
      updatedAt: clock,
      updatedBy: this.identity.userName,
    } as EntityRecord<E>;
    await this.table(entity).add(record);
    await this.log(entity, record.id, 'create', clock, fields);
    return record;
  }

  async update<E extends EntityName>(entity: E, id: string, patch: Partial<EntityInput<E>>): Promise<EntityRecord<E>> {
    const existing = await this.live(entity, id);
    const merged = dropUndefined({ ...userFields(existing), ...patch });
    const fields = this.validate(entity, merged as EntityInput<E>);
    const changed = diffFields(userFields(existing), fields);
    if (Object.keys(changed).length === 0) return existing;
    const clock = this.nextClock();
    const record = {
      ...fields,
      id,
      siteId: existing.siteId,
      updatedAt: clock,
      updatedBy: this.identity.userName,
    } as EntityRecord<E>;
    await this.table(entity).put(record);
    await this.log(entity, id, 'update', clock, changed);
    return record;
  }

  async remove(entity: EntityName, id: string): Promise<void> {
    const existing = await this.live(entity, id);
    const clock = this.nextClock();
    await this.table(entity).put({ ...existing, deleted: true, updatedAt: clock, updatedBy: this.identity.userName });
    await this.log(entity, id, 'delete', clock, {});
  }

  private async live<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E>> {
    const existing = await this.get(entity, id);
    const label = entities[entity].label;
    if (!existing) throw new RepoError(`${label} introuvable.`);
    if (existing.deleted) throw new RepoError(`${label} supprimé(e) : la suppression est définitive, aucune modification n’est possible.`);
    return existing;
  }

  private validate<E extends EntityName>(entity: E, input: unknown): EntityFields<E> {
    const result = entities[entity].fields.safeParse(input);
    if (!result.success) throw repoErrorFromZod(result.error, entities[entity].label);
    return dropUndefined(result.data) as EntityFields<E>;
  }

  private nextClock(): string {
    this.last = tick(this.last, this.ctx.clock.now());
    this.clockMoved = true;
    return encodeHlc(this.last, this.identity.deviceId);
  }

  private async log(entity: EntityName, recordId: string, op: ChangeOp, clock: string, fields: Record<string, unknown>): Promise<void> {
    const entry: ChangeEntry = {
      entity,
      recordId,
      op,
      clock,
      siteId: this.identity.siteId,
      deviceId: this.identity.deviceId,
      by: this.identity.userName,
      fields,
    };
    await this.ctx.db.changes.add(entry);
    const clocks = this.ctx.db.fieldClocks;
    await clocks.put(foldChange(op === 'create' ? undefined : await clocks.get(clockKey(entity, recordId)), entry));
    this.logged++;
  }
}

/** The fields a user owns, without the stamp. */
export function userFields(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!(STAMP_KEYS as readonly string[]).includes(k)) out[k] = v;
  return out;
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

/**
 * Fields whose value differs. A field that was cleared is recorded as `null`, so the change log (JSON)
 * still says it was written.
 */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!sameValue(before[key], after[key])) changed[key] = after[key] === undefined ? null : after[key];
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
