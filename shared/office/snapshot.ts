import * as z from 'zod';
import { type FieldClocks } from '../db/rows.ts';
import { type PasserelleDb } from '../db/database.ts';
import { uuid } from '../schemas/common.ts';
import { entities, entityNames, isEntityName, type EntityName } from '../schemas/entities.ts';
import { siteIdentitySchema, type SiteIdentity } from '../schemas/site.ts';
import { isHlc, parseHlc, receive, type HlcTime } from '../db/hlc.ts';
import { appliedVector as appliedVectorSchema, type AppliedVector } from '../sync/officeBatch.ts';
import { type RepoContext } from '../repos/context.ts';
import { RepoError, repoErrorFromZod } from '../errors.ts';
import { clockKey, FIELD_CLOCKS_ON } from '../repos/fieldClocks.ts';
import { rebuildTotalsIn } from '../db/upgrades.ts';
import { readIdentity } from '../repos/identity.ts';
import { appliedVector, setAppliedIn } from './apply.ts';
import { entityTable } from '../repos/writer.ts';

/*
 * A snapshot is the whole site as one workstation has it (every record, tombstones included, with the clock of
 * each field) and what it had applied when it began: a workstation that joins loads it, then applies the
 * batches that follow. It is read and loaded one chunk at a time (a full site holds 1.7 million records), each
 * chunk in its own transaction: a record changed while the snapshot is read may be newer than `applied` says,
 * which is harmless since every change after `applied` comes again in a batch and merging it twice changes
 * nothing.
 */

const JOINING = 'office.joining';

export interface SnapshotChunk {
  entity: EntityName;
  records: Record<string, unknown>[];
  clocks: FieldClocks[];
}

export interface SnapshotStart {
  applied: AppliedVector;
  /** Records per entity, for the progress bar. */
  counts: Record<string, number>;
}

/** What a snapshot states it covers, read before its chunks. */
export async function startSnapshot(ctx: RepoContext): Promise<SnapshotStart> {
  const { db } = ctx;
  return db.transaction('r', db.tables, async () => {
    const counts: Record<string, number> = {};
    for (const entity of entityNames) counts[entity] = await entityTable(db, entity).count();
    return { applied: await appliedVector(db), counts };
  });
}

/** Up to `limit` records of one entity after `afterId` (in id order), with their field clocks. */
export async function readSnapshotChunk(ctx: RepoContext, entity: EntityName, afterId: string | undefined, limit: number): Promise<SnapshotChunk> {
  const { db } = ctx;
  return db.transaction('r', [entityTable(db, entity), db.fieldClocks], async () => {
    const records = (await entityTable(db, entity)
      .where(':id')
      .above(afterId ?? '')
      .limit(limit)
      .toArray()) as Record<string, unknown>[];
    const clocks = await db.fieldClocks.bulkGet(records.map((r) => clockKey(entity, r.id as string)));
    return { entity, records, clocks: clocks.filter((c): c is FieldClocks => c !== undefined) };
  });
}

const clocksRow = z
  .object({
    key: z.string(),
    entity: z.string(),
    id: uuid,
    fields: z.record(z.string(), z.string().refine(isHlc)),
    deleted: z.string().refine(isHlc).optional(),
  })
  .strict();

/** Check a chunk before loading it: registered entity, every record valid, clocks of the same records. */
export function checkSnapshotChunk(chunk: { entity: string; records: unknown[]; clocks: unknown[] }): SnapshotChunk | string {
  if (!isEntityName(chunk.entity)) return `Type d’enregistrement inconnu dans l’instantané : « ${chunk.entity} » (mettez Passerelle à jour).`;
  const entity = chunk.entity;
  const records: Record<string, unknown>[] = [];
  for (const raw of chunk.records) {
    const parsed = entities[entity].schema.safeParse(raw);
    if (!parsed.success) return `Instantané : ${entities[entity].label} invalide (${parsed.error.issues[0]?.message ?? 'fiche invalide'}).`;
    records.push(raw as Record<string, unknown>);
  }
  const ids = new Set(records.map((r) => r.id));
  const clocks: FieldClocks[] = [];
  for (const raw of chunk.clocks) {
    const parsed = clocksRow.safeParse(raw);
    if (!parsed.success || parsed.data.entity !== entity || !ids.has(parsed.data.id) || parsed.data.key !== clockKey(entity, parsed.data.id)) {
      return 'Instantané : horloges de champs invalides.';
    }
    clocks.push(parsed.data as FieldClocks);
  }
  return { entity, records, clocks };
}

/** Record this installation as a new workstation of an existing site (the join file named both ids). */
export async function joinSite(ctx: RepoContext, identity: SiteIdentity): Promise<SiteIdentity> {
  const parsed = siteIdentitySchema.safeParse(identity);
  if (!parsed.success) throw repoErrorFromZod(parsed.error, 'Fichier d’ajout de poste');
  return ctx.db.transaction('rw', ctx.db.meta, async () => {
    if (await readIdentity(ctx.db)) throw new RepoError('Ce poste est déjà configuré : il ne peut rejoindre un autre site.');
    await ctx.db.meta.bulkPut([
      { key: 'identity', value: parsed.data },
      { key: JOINING, value: true },
    ]);
    return parsed.data;
  });
}

/** Whether this installation joined a site and has not finished loading it. */
export async function isJoining(db: Pick<PasserelleDb, 'meta'>): Promise<boolean> {
  return (await db.meta.get(JOINING))?.value === true;
}

/** Load one chunk of the site's snapshot (one transaction), while joining only. Returns its latest clock. */
export async function loadSnapshotChunk(ctx: RepoContext, chunk: SnapshotChunk): Promise<string | undefined> {
  const { db } = ctx;
  await db.transaction('rw', [db.meta, entityTable(db, chunk.entity), db.fieldClocks], async () => {
    if (!(await isJoining(db))) throw new RepoError('Ce poste n’est pas en train de rejoindre un site : l’instantané n’a pas été chargé.');
    await entityTable(db, chunk.entity).bulkPut(chunk.records as never[]);
    await db.fieldClocks.bulkPut(chunk.clocks);
  });
  let latest: string | undefined;
  for (const r of chunk.records) if (latest === undefined || (r.updatedAt as string) > latest) latest = r.updatedAt as string;
  return latest;
}

/**
 * The snapshot is loaded: the running sums are counted, the clock moves past every clock loaded, and the
 * workstation starts from what the snapshot covered. It then applies the batches that follow like any other.
 */
export async function finishSnapshot(ctx: RepoContext, applied: AppliedVector, latest: string | undefined): Promise<void> {
  const { db } = ctx;
  const vector = appliedVectorSchema.parse(applied);
  await db.transaction('rw', db.tables, async () => {
    if (!(await isJoining(db))) throw new RepoError('Ce poste n’est pas en train de rejoindre un site.');
    await rebuildTotalsIn(db.hourLogs, db.hourTotals);
    if (latest !== undefined) {
      const previous = (await db.meta.get('hlc'))?.value as HlcTime | undefined;
      await db.meta.put({ key: 'hlc', value: receive(previous, parseHlc(latest), ctx.clock.now()) });
    }
    await setAppliedIn(db, vector);
    await db.meta.put({ key: FIELD_CLOCKS_ON, value: true });
    await db.meta.delete(JOINING);
  });
}
