import type { Table } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { LOGGED_COUNT, metaCount, type ChangeEntry, type ChangeOp } from '../db/rows.ts';
import type { PasserelleDb } from '../db/database.ts';
import { entities, type EntityFields, type EntityInput, type EntityName, type EntityRecord } from '../schemas/entities.ts';
import { encodeHlc, parseHlc, receive, tick, type HlcTime } from '../db/hlc.ts';
import type { RepoContext } from './context.ts';
import { RepoError, repoErrorFromZod } from '../errors.ts';
import { FIELD_CLOCKS_ON, foldedRows } from './fieldClocks.ts';
import { identityFrom } from './identity.ts';
import type { Binned } from '../schemas/common.ts';
import type { SiteIdentity } from '../schemas/site.ts';
import { agree } from '../format/agreement.ts';
import { binActions, editAction } from '../rules/permissions.ts';
import { requirePermission } from './permission.ts';

const STAMP_KEYS = ['id', 'siteId', 'updatedAt', 'updatedBy', 'deleted'] as const;

/**
 * The only way records are written. Inside one Dexie transaction it validates, stamps (UUID v7 id, hybrid
 * logical clock, user, site), appends one change-log row per write with only the fields written, and, once
 * the site has several workstations, keeps the clock of each field written (what the office exchange merges a
 * colleague's change against).
 */
export interface Writer {
  readonly identity: SiteIdentity;
  /** Who writes: named in the change log, in each record's stamp and in what goes to the bin. */
  readonly author: string;
  /** The context's wall clock, for rules about today (no hours in the future...). */
  now(): number;
  /** Move the clock past one written elsewhere (a received file), so this transaction's writes sort after it. */
  observe(clock: string): void;
  /** Read a record (tombstones included) inside the transaction. */
  get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined>;
  insert<E extends EntityName>(entity: E, input: EntityInput<E>): Promise<EntityRecord<E>>;
  update<E extends EntityName>(entity: E, id: string, patch: Partial<EntityInput<E>>): Promise<EntityRecord<E>>;
  /** Tombstone: final. */
  remove(entity: EntityName, id: string): Promise<void>;
  /**
   * Bulk `insert`, for thousands of records at once (demo data, simulated sites): each input is validated and
   * stamped as `insert` does it, in order, and gets the same change row, but the records and their rows go to
   * the database in two bulk requests instead of two requests each. Only the schema is checked: the rules
   * between records that the entity repositories enforce (capacity, hour limits...) are the caller's to keep.
   */
  insertMany<E extends EntityName>(entity: E, inputs: readonly EntityInput<E>[]): Promise<EntityRecord<E>[]>;
  /**
   * Records that arrive whole from another site (a transferred file): validated, kept with their ids and the
   * site that made them, stamped with this transaction's clock, and each logged as a creation with all its
   * fields, so the office's other workstations receive them as this one did.
   */
  putReceived<E extends EntityName>(entity: E, records: readonly EntityRecord<E>[]): Promise<void>;
  /** Bulk `update`: patches by record id, each merged, validated and logged as `update` does it. */
  updateMany<E extends EntityName>(entity: E, patches: readonly { id: string; patch: Partial<EntityInput<E>> }[]): Promise<EntityRecord<E>[]>;
  /** Bulk `remove`: every record becomes a tombstone, with its change row. A record in the recycle bin may be removed. */
  removeMany(entity: EntityName, ids: readonly string[]): Promise<void>;
  /**
   * Move records into the recycle bin (`binned`) or out of it (undefined): the one write a binned record takes;
   * any other update of it is refused until it is restored. Logged like any field (it travels).
   */
  setBinned(entity: EntityName, ids: readonly string[], binned: Binned | undefined): Promise<void>;
  table<E extends EntityName>(entity: E): Table<EntityRecord<E>, string>;
}

export function entityTable<E extends EntityName>(db: PasserelleDb, entity: E): Table<EntityRecord<E>, string> {
  return db.table(entities[entity].table);
}

export interface WriteOptions {
  /**
   * Keep the change rows in memory and append them, in the same order, in bulk when `fn` is done: one request
   * for a thousand rows instead of one a write. Only for a transaction that never reads the change log back
   * (the demo data), since its rows are not there before the end.
   */
  logAtEnd?: boolean;
}

/**
 * Run `fn` in one read-write transaction over every table, so a rule can read what it needs and a failure
 * anywhere leaves the database exactly as it was.
 */
export async function writeTransaction<T>(ctx: RepoContext, fn: (w: Writer) => Promise<T>, options: WriteOptions = {}): Promise<T> {
  const { db } = ctx;
  return db.transaction('rw', db.tables, async () => {
    const [identityRow, hlcRow, clocksRow] = await db.meta.bulkGet(['identity', 'hlc', FIELD_CLOCKS_ON]);
    const identity = identityFrom(identityRow?.value);
    if (!identity) throw new RepoError('Le site n’est pas encore configuré : terminez la première mise en route.');
    const writer = new TransactionWriter(ctx, identity, hlcRow?.value as HlcTime | undefined, clocksRow?.value === true, options.logAtEnd === true);
    const result = await fn(writer);
    await writer.flushLog();
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
  /** The site has several workstations: the clock of every field is kept for the office exchange. */
  private readonly keepsClocks: boolean;

  /** Change rows kept for the end of the transaction (`logAtEnd`), or undefined when each write appends its own. */
  private readonly pending: ChangeEntry[] | undefined;

  constructor(ctx: RepoContext, identity: SiteIdentity, last: HlcTime | undefined, keepsClocks: boolean, logAtEnd: boolean) {
    this.ctx = ctx;
    this.identity = identity;
    this.last = last;
    this.keepsClocks = keepsClocks;
    this.pending = logAtEnd ? [] : undefined;
  }

  async flushLog(): Promise<void> {
    if (!this.pending?.length) return;
    await this.append(this.pending.splice(0));
  }

  get author(): string {
    return this.ctx.session?.name ?? this.identity.userName;
  }

  now(): number {
    return this.ctx.clock.now();
  }

  observe(clock: string): void {
    this.last = receive(this.last, parseHlc(clock), this.ctx.clock.now());
    this.clockMoved = true;
  }

  table<E extends EntityName>(entity: E): Table<EntityRecord<E>, string> {
    return entityTable(this.ctx.db, entity);
  }

  get<E extends EntityName>(entity: E, id: string): Promise<EntityRecord<E> | undefined> {
    return this.table(entity).get(id);
  }

  async insert<E extends EntityName>(entity: E, input: EntityInput<E>): Promise<EntityRecord<E>> {
    const [record] = await this.insertMany(entity, [input]);
    return record!;
  }

  async insertMany<E extends EntityName>(entity: E, inputs: readonly EntityInput<E>[]): Promise<EntityRecord<E>[]> {
    if (inputs.length > 0) requirePermission(this.ctx, editAction[entity]);
    const records: EntityRecord<E>[] = [];
    const entries: ChangeEntry[] = [];
    for (const input of inputs) {
      const fields = this.validate(entity, input);
      const clock = this.nextClock();
      const record = {
        ...fields,
        id: this.ctx.newId?.() ?? uuidv7(),
        siteId: this.identity.siteId,
        updatedAt: clock,
        updatedBy: this.author,
      } as EntityRecord<E>;
      records.push(record);
      entries.push(this.entry(entity, record.id, 'create', clock, fields));
    }
    await inChunks(records, (chunk) => this.table(entity).bulkAdd(chunk));
    await this.log(entries);
    return records;
  }

  async putReceived<E extends EntityName>(entity: E, records: readonly EntityRecord<E>[]): Promise<void> {
    if (records.length > 0) requirePermission(this.ctx, editAction[entity]);
    const stamped: EntityRecord<E>[] = [];
    const entries: ChangeEntry[] = [];
    for (const received of records) {
      const fields = this.validate(entity, userFields(received));
      const clock = this.nextClock();
      stamped.push({ ...fields, id: received.id, siteId: received.siteId, updatedAt: clock, updatedBy: this.author } as EntityRecord<E>);
      entries.push(this.entry(entity, received.id, 'create', clock, fields));
    }
    await inChunks(stamped, (chunk) => this.table(entity).bulkPut(chunk));
    await this.log(entries);
  }

  async update<E extends EntityName>(entity: E, id: string, patch: Partial<EntityInput<E>>): Promise<EntityRecord<E>> {
    const [record] = await this.updateMany(entity, [{ id, patch }]);
    return record!;
  }

  async updateMany<E extends EntityName>(entity: E, patches: readonly { id: string; patch: Partial<EntityInput<E>> }[]): Promise<EntityRecord<E>[]> {
    this.checkUpdate(entity, patches);
    const existing = await this.liveMany(
      entity,
      patches.map((p) => p.id),
    );
    // A record patched twice in one call is merged from its latest state, as two `update` calls would.
    const latest = new Map<string, EntityRecord<E>>();
    const results: EntityRecord<E>[] = [];
    const written: EntityRecord<E>[] = [];
    const entries: ChangeEntry[] = [];
    for (const [i, { id, patch }] of patches.entries()) {
      const before = latest.get(id) ?? existing[i]!;
      if ((before as { binned?: unknown }).binned !== undefined && Object.keys(patch).some((key) => key !== 'binned')) throw binnedError(entity);
      const merged = dropUndefined({ ...userFields(before), ...patch });
      const fields = this.validate(entity, merged as EntityInput<E>);
      const changed = diffFields(userFields(before), fields);
      if (Object.keys(changed).length === 0) {
        results.push(before);
        continue;
      }
      const clock = this.nextClock();
      const record = {
        ...fields,
        id,
        siteId: before.siteId,
        updatedAt: clock,
        updatedBy: this.author,
      } as EntityRecord<E>;
      latest.set(id, record);
      results.push(record);
      written.push(record);
      entries.push(this.entry(entity, id, 'update', clock, changed));
    }
    await inChunks(written, (chunk) => this.table(entity).bulkPut(chunk));
    await this.log(entries);
    return results;
  }

  async setBinned(entity: EntityName, ids: readonly string[], binned: Binned | undefined): Promise<void> {
    await this.updateMany(
      entity,
      ids.map((id) => ({ id, patch: { binned } as Partial<EntityInput<EntityName>> })),
    );
  }

  async remove(entity: EntityName, id: string): Promise<void> {
    await this.removeMany(entity, [id]);
  }

  async removeMany(entity: EntityName, ids: readonly string[]): Promise<void> {
    const existing = await this.liveMany(entity, ids);
    if (existing.length > 0) requirePermission(this.ctx, editAction[entity]);
    // A record leaves the bin for good only by emptying it (or its expiry, which runs without a session).
    if (existing.some((r) => (r as { binned?: unknown }).binned !== undefined)) requirePermission(this.ctx, 'bin.empty');
    const tombstones: EntityRecord<EntityName>[] = [];
    const entries: ChangeEntry[] = [];
    const removed = new Set<string>();
    for (const record of existing) {
      if (removed.has(record.id)) throw deletedError(entity);
      removed.add(record.id);
      const clock = this.nextClock();
      tombstones.push({ ...record, deleted: true, updatedAt: clock, updatedBy: this.author });
      entries.push(this.entry(entity, record.id, 'delete', clock, {}));
    }
    await inChunks(tombstones, (chunk) => this.table(entity).bulkPut(chunk));
    await this.log(entries);
  }

  /**
   * Refuse a patch the role does not allow: moving to or from the bin needs what `binActions` says; an account
   * changes its own password, and only an administrator changes anything else of an account.
   */
  private checkUpdate(entity: EntityName, patches: readonly { id: string; patch: object }[]): void {
    if (patches.length === 0) return;
    const keys = new Set(patches.flatMap((p) => Object.keys(p.patch)));
    if (keys.size === 1 && keys.has('binned')) return requirePermission(this.ctx, ...binActions(entity));
    const ownPassword = entity === 'account' && keys.size === 1 && keys.has('password') && patches.every((p) => p.id === this.ctx.session?.accountId);
    if (!ownPassword) requirePermission(this.ctx, editAction[entity]);
  }

  /** The records of these ids, in order, each present and not deleted. */
  private async liveMany<E extends EntityName>(entity: E, ids: readonly string[]): Promise<EntityRecord<E>[]> {
    const found = await this.table(entity).bulkGet([...ids]);
    const label = entities[entity].label;
    return found.map((existing) => {
      if (!existing) throw new RepoError(`${label} introuvable.`);
      if (existing.deleted) throw deletedError(entity);
      return existing;
    });
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

  private entry(entity: EntityName, recordId: string, op: ChangeOp, clock: string, fields: Record<string, unknown>): ChangeEntry {
    return { entity, recordId, op, clock, siteId: this.identity.siteId, deviceId: this.identity.deviceId, by: this.author, fields };
  }

  private async log(entries: ChangeEntry[]): Promise<void> {
    if (this.pending) this.pending.push(...entries);
    else await this.append(entries);
  }

  private async append(entries: ChangeEntry[]): Promise<void> {
    await inChunks(entries, (chunk) => this.ctx.db.changes.bulkAdd(chunk));
    this.logged += entries.length;
    if (this.keepsClocks) await this.ctx.db.fieldClocks.bulkPut(await foldedRows(this.ctx.db.fieldClocks, entries));
  }
}

/** What reads records by entity, inside a transaction (a Writer) or outside (a live query). */
export type Reader = Pick<Writer, 'get' | 'table'>;

/** Reads straight from the database, with no transaction of its own: a live query reading through it observes it all. */
export function reader(ctx: RepoContext): Reader {
  return { table: (entity) => entityTable(ctx.db, entity), get: (entity, id) => entityTable(ctx.db, entity).get(id) };
}

/**
 * The reading half of a Writer, for what reads like a write before it (a preview of what a deletion takes to the
 * bin): any write throws. It resolves as Dexie's own promise: a live query awaiting it keeps observing what is read
 * next (behind a native async function, Dexie loses the live query's zone, and the reads after it go unobserved).
 */
export function readOnlyWriter(ctx: RepoContext): PromiseLike<Writer> {
  return ctx.db.meta.get('identity').then((row): Writer => {
    const identity = identityFrom(row?.value);
    if (!identity) throw new RepoError('Le site n’est pas encore configuré : terminez la première mise en route.');
    const refused = () => Promise.reject(new Error('Read-only writer: no write here'));
    return {
      ...reader(ctx),
      identity,
      author: ctx.session?.name ?? identity.userName,
      now: () => ctx.clock.now(),
      observe: () => undefined,
      insert: refused,
      update: refused,
      remove: refused,
      insertMany: refused,
      putReceived: refused,
      updateMany: refused,
      removeMany: refused,
      setBinned: refused,
    };
  });
}

/**
 * Bulk requests go a thousand records at a time: an IndexedDB queues one request per record, and a queue of
 * tens of thousands costs more than the round trips saved (fake-indexeddb, under Node, even shifts an array
 * per request, quadratic in the queue's length).
 */
const CHUNK = 1000;

async function inChunks<T>(items: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += CHUNK) await write(items.slice(start, start + CHUNK));
}

/** A record in the recycle bin takes no write but its restoration (or its final deletion). */
export function binnedError(entity: EntityName): RepoError {
  const pronoun = entities[entity].gender === 'f' ? 'la' : 'le';
  return new RepoError(`${entities[entity].label} : dans la corbeille. Restaurez-${pronoun} depuis la corbeille pour ${pronoun} modifier.`);
}

function deletedError(entity: EntityName): RepoError {
  const { label, gender } = entities[entity];
  return new RepoError(`${label} ${agree('supprimé', gender)} : la suppression est définitive, aucune modification n’est possible.`);
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
