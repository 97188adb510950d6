import { Dexie } from 'dexie';
import { type ChangeEntry, type FieldClocks, type OfficeConflict, LOGGED_COUNT, metaCount } from '../db/rows.ts';
import { type PasserelleDb } from '../db/database.ts';
import { type EntityName } from '../schemas/entities.ts';
import { type HourLog } from '../schemas/hourLog.ts';
import { canonicalJson } from '../sync/bytes.ts';
import { parseHlc, receive, type HlcTime } from '../db/hlc.ts';
import { deviceOf, waitingReason, type AppliedVector, type OfficeBatch, type OfficeRow } from '../sync/officeBatch.ts';
import { mergeOfficeRow, type Loss, type RecordState, type VoidEdit } from '../sync/officeMerge.ts';

import { type RepoContext } from '../repos/context.ts';
import { RepoError } from '../errors.ts';
import { clockKey, startFieldClocksIn } from '../repos/fieldClocks.ts';
import { recountTotalsIn } from '../repos/hourTotals.ts';
import { readIdentity } from '../repos/identity.ts';
import { checkTouchedIn, type RecordRef } from './checks.ts';
import { entityTable } from '../repos/writer.ts';

const APPLIED = 'office.applied';
const BATCH_CLOCK = 'office.batchClock';
const LAST_SYNC = 'office.lastSync';

/** A colleague's clock this far ahead of this workstation's is refused: that PC's date is wrong, and it would win every merge. */
export const MAX_OFFICE_CLOCK_LEAD_MS = 24 * 60 * 60 * 1000;

/** The highest batch of each workstation applied here (this workstation's own batches included). */
export async function appliedVector(db: Pick<PasserelleDb, 'meta'>): Promise<AppliedVector> {
  const value = (await db.meta.get(APPLIED))?.value;
  return value && typeof value === 'object' ? { ...(value as AppliedVector) } : {};
}

/** Record what a snapshot covered, inside the caller's transaction. */
export async function setAppliedIn(db: Pick<PasserelleDb, 'meta'>, applied: AppliedVector): Promise<void> {
  await db.meta.put({ key: APPLIED, value: applied });
}

/** The clock of this workstation's last change put in a batch for the office. */
export async function batchClock(db: Pick<PasserelleDb, 'meta'>): Promise<string | undefined> {
  const value = (await db.meta.get(BATCH_CLOCK))?.value;
  return typeof value === 'string' ? value : undefined;
}

export type ApplyOutcome =
  | { status: 'applied'; rows: number; conflicts: number; checks: number }
  | { status: 'known' }
  /** Not yet: an earlier batch of the author, or one the author had applied, is missing here. Applied later. */
  | { status: 'waiting'; reason: string }
  | { status: 'refused'; reason: string };

interface Group {
  entity: EntityName;
  id: string;
  rows: OfficeRow[];
}

function groupByRecord(rows: readonly OfficeRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.entity}\u0000${row.recordId}`;
    let group = groups.get(key);
    if (!group) {
      group = { entity: row.entity, id: row.recordId, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  for (const group of groups.values()) group.rows.sort((a, b) => (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : 0));
  return [...groups.values()];
}

/** Who wrote a value the change log holds: the row of that record with that clock. */
async function authorOf(db: PasserelleDb, entity: EntityName, id: string, clock: string, batch: readonly OfficeRow[]): Promise<string> {
  const inBatch = batch.find((r) => r.clock === clock && r.entity === entity && r.recordId === id);
  if (inBatch) return inBatch.by;
  const logged = await db.changes
    .where('[deviceId+clock]')
    .equals([deviceOf(clock), clock])
    .first();
  return logged?.by ?? 'inconnu';
}

/**
 * Apply one colleague's batch (already read and checked: `checkOfficeBatch`) in one Dexie transaction: merge
 * each row into its record, keep the field clocks, log the rows under their author (they show in the history
 * but are never sent as this workstation's own), keep the values that lost as conflicts, recount the running
 * sums of the hour logs touched, check the rules on the records touched, and note the batch as applied.
 * Idempotent and in causal order: a batch already applied changes nothing, one whose predecessors are missing
 * waits. Applying batches in any order allowed gives the same records.
 */
export async function applyOfficeBatch(ctx: RepoContext, batch: OfficeBatch): Promise<ApplyOutcome> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const latest = batch.rows.reduce<string | undefined>((max, r) => (max === undefined || r.clock > max ? r.clock : max), undefined);
  if (latest !== undefined && parseHlc(latest).wall > now + MAX_OFFICE_CLOCK_LEAD_MS) {
    return {
      status: 'refused',
      reason: `Horloge de ce poste en avance de plus de 24 heures (changements datés du ${latest.slice(0, 10)}) : vérifiez la date et l’heure de ce poste.`,
    };
  }
  return db.transaction('rw', db.tables, async (): Promise<ApplyOutcome> => {
    const identity = await readIdentity(db);
    if (!identity) throw new RepoError('Le site n’est pas encore configuré.');
    await startFieldClocksIn(db.meta, db.changes, db.fieldClocks);
    const applied = await appliedVector(db);
    if ((applied[batch.deviceId] ?? 0) >= batch.sequence) return { status: 'known' };
    const waiting = waitingReason(applied, batch);
    if (waiting) return { status: 'waiting', reason: waiting };

    // Rows already in the log (this workstation's own, put back from the share after a restore) are not applied twice.
    const logged =
      batch.rows.length === 0
        ? new Set<string>()
        : new Set(
            (await db.changes.where('[deviceId+clock]').between([batch.deviceId, batch.rows[0]!.clock], [batch.deviceId, latest!], true, true).toArray()).map(
              (c) => c.clock,
            ),
          );
    const rows = batch.rows.filter((r) => !logged.has(r.clock));
    const groups = groupByRecord(rows);

    const losses: (Loss & RecordRef)[] = [];
    const voidEdits: (VoidEdit & RecordRef)[] = [];
    const hourLogs: { before: HourLog | undefined; after: HourLog | undefined }[] = [];
    for (const entity of new Set(groups.map((g) => g.entity))) {
      const ofEntity = groups.filter((g) => g.entity === entity);
      const table = entityTable(db, entity);
      const records = await table.bulkGet(ofEntity.map((g) => g.id));
      const clocks = await db.fieldClocks.bulkGet(ofEntity.map((g) => clockKey(entity, g.id)));
      const putRecords: Record<string, unknown>[] = [];
      const putClocks: FieldClocks[] = [];
      ofEntity.forEach((group, i) => {
        const before = records[i] as Record<string, unknown> | undefined;
        let state: RecordState = { record: before, clocks: clocks[i] };
        for (const row of group.rows) {
          const merged = mergeOfficeRow(state, row, identity.siteId);
          state = merged.state;
          for (const loss of merged.losses) losses.push({ ...loss, entity, id: group.id });
          for (const edit of merged.voidEdits) voidEdits.push({ ...edit, entity, id: group.id });
        }
        if (state.record && state.record !== before) putRecords.push(state.record);
        if (state.clocks && state.clocks !== clocks[i]) putClocks.push(state.clocks);
        if (entity === 'hourLog') hourLogs.push({ before: before as HourLog | undefined, after: state.record as HourLog | undefined });
      });
      await table.bulkPut(putRecords as never[]);
      await db.fieldClocks.bulkPut(putClocks);
    }

    const entries: ChangeEntry[] = rows.map((r) => ({
      entity: r.entity,
      recordId: r.recordId,
      op: r.op,
      clock: r.clock,
      siteId: identity.siteId,
      deviceId: batch.deviceId,
      by: r.by,
      fields: r.fields,
    }));
    await db.changes.bulkAdd(entries);
    if (batch.deviceId === identity.deviceId && latest !== undefined) {
      // This workstation's own batch read back from the share (its data was restored, or the batch was written
      // but not recorded): its rows are sent, and those missing here are pending for headquarters again.
      if (entries.length > 0) await db.meta.put({ key: LOGGED_COUNT, value: (await metaCount(db, LOGGED_COUNT)) + entries.length });
      const previous = await batchClock(db);
      if (previous === undefined || latest > previous) await db.meta.put({ key: BATCH_CLOCK, value: latest });
    }
    if (hourLogs.length > 0) await recountTotalsIn(db.hourLogs, db.hourTotals, hourLogs);

    const at = new Date(now).toISOString();
    const conflicts = await keepConflicts(db, losses, batch.rows, at);
    const touched = groups.map((g) => ({ entity: g.entity, id: g.id }));
    const checks = await checkTouchedIn(db, touched, voidEdits, at);

    if (latest !== undefined) {
      const last = (await db.meta.get('hlc'))?.value as HlcTime | undefined;
      await db.meta.put({ key: 'hlc', value: receive(last, parseHlc(latest), now) });
    }
    await db.meta.put({ key: APPLIED, value: { ...applied, [batch.deviceId]: batch.sequence } });
    return { status: 'applied', rows: rows.length, conflicts, checks };
  });
}

async function keepConflicts(db: PasserelleDb, losses: readonly (Loss & RecordRef)[], batch: readonly OfficeRow[], at: string): Promise<number> {
  let kept = 0;
  for (const loss of losses) {
    const key = `${loss.entity}:${loss.id}:${loss.field}:${loss.lost.clock}`;
    if (await db.conflicts.get(key)) continue;
    // A colleague chose the value that lost here ("Garder cette valeur"): the conflict is settled, not made again.
    const open = (await db.conflicts.where('[entity+recordId]').equals([loss.entity, loss.id]).toArray()).filter((c) => !c.settledAt && c.field === loss.field);
    const mirror = open.find((c) => sameOfficeValue(c.lost.value, loss.kept.value) && sameOfficeValue(c.kept.value, loss.lost.value));
    if (mirror) {
      await db.conflicts.put({ ...mirror, settledAt: at });
      continue;
    }
    const conflict: OfficeConflict = {
      key,
      entity: loss.entity,
      recordId: loss.id,
      field: loss.field,
      kept: { value: loss.kept.value, clock: loss.kept.clock, by: await authorOf(db, loss.entity, loss.id, loss.kept.clock, batch) },
      lost: { value: loss.lost.value, clock: loss.lost.clock, by: await authorOf(db, loss.entity, loss.id, loss.lost.clock, batch) },
      recordedAt: at,
    };
    await db.conflicts.put(conflict);
    kept++;
  }
  return kept;
}

/** Same value, whatever its key order: what "Garder cette valeur" compares. */
export function sameOfficeValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/**
 * This workstation's changes not yet put in a batch for the office, in clock order, at most `limit` of them
 * (a first batch after weeks offline is split). Plain rows, as they cross the bridge.
 */
export async function collectOwnBatch(ctx: RepoContext, limit: number): Promise<{ rows: OfficeRow[]; lastClock: string | undefined; applied: AppliedVector }> {
  const { db } = ctx;
  return db.transaction('r', db.meta, db.changes, async () => {
    const identity = await readIdentity(db);
    if (!identity) throw new RepoError('Le site n’est pas encore configuré.');
    const after = await batchClock(db);
    const changes = await db.changes
      .where('[deviceId+clock]')
      .between([identity.deviceId, after ?? Dexie.minKey], [identity.deviceId, Dexie.maxKey], false, false)
      .limit(limit)
      .toArray();
    const rows = changes.map((c): OfficeRow => ({ entity: c.entity, recordId: c.recordId, op: c.op, clock: c.clock, by: c.by, fields: c.fields }));
    return { rows, lastClock: rows[rows.length - 1]?.clock, applied: await appliedVector(db) };
  });
}

/**
 * The batch was written to the share under `sequence`: its rows are sent, and the batch counts as applied here
 * (a colleague's batch that followed it may then be applied).
 */
export async function recordOwnBatch(ctx: RepoContext, sequence: number, lastClock: string): Promise<void> {
  const { db } = ctx;
  await db.transaction('rw', db.meta, async () => {
    const identity = await readIdentity(db);
    if (!identity) throw new RepoError('Le site n’est pas encore configuré.');
    const applied = await appliedVector(db);
    if ((applied[identity.deviceId] ?? 0) !== sequence - 1) {
      throw new RepoError(`Lot de changements n° ${sequence} inattendu : ce poste en était au n° ${applied[identity.deviceId] ?? 0}.`);
    }
    const previous = await batchClock(db);
    if (previous === undefined || lastClock > previous) await db.meta.put({ key: BATCH_CLOCK, value: lastClock });
    await db.meta.put({ key: APPLIED, value: { ...applied, [identity.deviceId]: sequence } });
  });
}

/** The last exchange with the office share that went through, and the workstations' names it gave. */
export interface OfficeSync {
  at: string;
  names: Record<string, string>;
}

export async function recordOfficeSync(ctx: RepoContext, names: Record<string, string>): Promise<void> {
  await ctx.db.meta.put({ key: LAST_SYNC, value: { at: new Date(ctx.clock.now()).toISOString(), names } satisfies OfficeSync });
}

export async function lastOfficeSync(ctx: RepoContext): Promise<OfficeSync | undefined> {
  return (await ctx.db.meta.get(LAST_SYNC))?.value as OfficeSync | undefined;
}
