import { RepoError } from '../errors.ts';
import { todayIso } from '../format/fr.ts';
import { DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS, MIN_RETENTION_YEARS, pastRetention, retentionCutoff } from '../rules/retention.ts';
import type { EntityName } from '../schemas/entities.ts';
import type { RepoContext } from './context.ts';
import { countInTotals } from './hourTotals.ts';
import { requirePermission } from './permission.ts';
import { reader, writeTransaction, type Reader } from './writer.ts';

const YEARS = 'retention.years';

export async function readRetentionYears(ctx: RepoContext): Promise<number> {
  const value = (await ctx.db.meta.get(YEARS))?.value;
  return typeof value === 'number' ? value : DEFAULT_RETENTION_YEARS;
}

/** An administrator sets how many years closed measures are kept. */
export async function setRetentionYears(ctx: RepoContext, years: number): Promise<number> {
  requirePermission(ctx, 'retention.manage');
  if (!Number.isInteger(years) || years < MIN_RETENTION_YEARS || years > MAX_RETENTION_YEARS)
    throw new RepoError(`Durée de conservation : un nombre entier d’années, de ${MIN_RETENTION_YEARS} à ${MAX_RETENTION_YEARS}.`, [
      { path: 'years', message: `De ${MIN_RETENTION_YEARS} à ${MAX_RETENTION_YEARS} ans` },
    ]);
  await ctx.db.transaction('rw', ctx.db.meta, () => ctx.db.meta.put({ key: YEARS, value: years }));
  return years;
}

/** What a purge deletes, entity by entity, in the order it deletes them (what depends on a record first). */
const PURGED = ['attendance', 'enrolment', 'incident', 'hourLog', 'placement', 'measure', 'person'] as const satisfies readonly EntityName[];
export type PurgeCounts = Record<(typeof PURGED)[number], number>;

/** The records of the persons past the period, with everything that hangs on them (tombstones aside, the bin's included). */
async function purgeable(r: Reader, cutoff: string): Promise<Record<(typeof PURGED)[number], string[]>> {
  const measures = (await r.table('measure').toArray()).filter((m) => !m.deleted);
  const byPerson = new Map<string, typeof measures>();
  for (const m of measures) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
  const persons = new Set([...byPerson].filter(([, ms]) => pastRetention(ms, cutoff)).map(([id]) => id));
  const ofPersons = async (entity: 'placement' | 'hourLog' | 'incident' | 'enrolment') =>
    (await r.table(entity).toArray()).filter((x) => !x.deleted && persons.has(x.personId)).map((x) => x.id);
  const enrolments = new Set(await ofPersons('enrolment'));
  const attendance = (await r.table('attendance').toArray()).filter((a) => !a.deleted && enrolments.has(a.enrolmentId)).map((a) => a.id);
  const alive = (await r.table('person').bulkGet([...persons])).filter((p) => p && !p.deleted).map((p) => p!.id);
  return {
    attendance,
    enrolment: [...enrolments],
    incident: await ofPersons('incident'),
    hourLog: await ofPersons('hourLog'),
    placement: await ofPersons('placement'),
    measure: measures.filter((m) => persons.has(m.personId)).map((m) => m.id),
    person: alive,
  };
}

const countsOf = (ids: Record<(typeof PURGED)[number], string[]>): PurgeCounts => Object.fromEntries(PURGED.map((e) => [e, ids[e].length])) as PurgeCounts;

/** What « Purger » would delete today: the persons whose every measure ended before the period, and what hangs on them. */
export async function purgePreview(ctx: RepoContext): Promise<{ cutoff: string; counts: PurgeCounts }> {
  const cutoff = retentionCutoff(todayIso(ctx.clock.now()), await readRetentionYears(ctx));
  return { cutoff, counts: countsOf(await purgeable(reader(ctx), cutoff)) };
}

/**
 * Purge: each record past the period becomes a tombstone, in one transaction. Tombstones travel like any
 * deletion, so the office's other workstations and headquarters delete them too.
 */
export async function purgeClosedCases(ctx: RepoContext): Promise<PurgeCounts> {
  requirePermission(ctx, 'retention.manage');
  const cutoff = retentionCutoff(todayIso(ctx.clock.now()), await readRetentionYears(ctx));
  return writeTransaction(ctx, async (w) => {
    const ids = await purgeable(w, cutoff);
    // Hours leave the running sums as a deletion takes them (those in the bin already left).
    for (const log of await w.table('hourLog').bulkGet(ids.hourLog)) if (log && log.binned === undefined) await countInTotals(w, log, -1);
    for (const entity of PURGED) if (ids[entity].length > 0) await w.removeMany(entity, ids[entity]);
    return countsOf(ids);
  });
}
