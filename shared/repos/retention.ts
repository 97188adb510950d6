import { Dexie } from 'dexie';
import { RepoError } from '../errors.ts';
import { formatDate } from '../format/fr.ts';
import type { HourTotal } from '../db/rows.ts';
import { DEFAULT_RETENTION_YEARS, purgedStatuses, retentionPlan, retentionYearsError } from '../rules/retention.ts';
import { measureStatusLabels } from '../schemas/measure.ts';
import { measureKindLabels } from '../schemas/measureKinds.ts';
import type { EntityName, EntityRecord } from '../schemas/entities.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import { today } from '../util.ts';
import type { BinCounts } from './bin.ts';
import type { RepoContext } from './context.ts';
import { recountTotalsIn } from './hourTotals.ts';
import { requirePermission } from './permission.ts';
import { readOnlyWriter, writeTransaction, type Reader, type Writer } from './writer.ts';

/*
 * Retention: closed follow-ups are deleted for good once the site's retention period has run from the end of
 * their measures (shared/rules/retention.ts, docs/retention.md). A purge writes ordinary tombstones through the
 * writer, so the change log carries them to the office's other workstations and to headquarters, which delete
 * the same records. What the preview lists is exactly what the purge deletes: both read the same plan.
 */

const RETENTION_YEARS = 'retention.years';

/** The site's retention period in years (this workstation's setting, like the lock delay). */
export async function readRetentionYears(ctx: RepoContext): Promise<number> {
  const value = (await ctx.db.meta.get(RETENTION_YEARS))?.value;
  return typeof value === 'number' && retentionYearsError(value) === undefined ? value : DEFAULT_RETENTION_YEARS;
}

/** An administrator sets the retention period; a bad one changes nothing. */
export async function setRetentionYears(ctx: RepoContext, years: number): Promise<number> {
  requirePermission(ctx, 'retention.manage');
  const error = retentionYearsError(years);
  if (error) throw new RepoError(error, [{ path: 'years', message: error }]);
  await ctx.db.transaction('rw', ctx.db.meta, () => ctx.db.meta.put({ key: RETENTION_YEARS, value: years }));
  return years;
}

/** The entities a purge deletes, in the order their counts are said and their tombstones written. */
const purged = ['person', 'measure', 'placement', 'hourLog', 'incident', 'enrolment', 'attendance'] as const satisfies readonly EntityName[];
type Purged = (typeof purged)[number];

interface PurgeItem {
  entity: Purged;
  record: EntityRecord<Purged>;
}

/** One person or measure the purge deletes, as the preview lists it. */
export interface PurgeLine {
  id: string;
  label: string;
  /** For a measure: the day it ended. */
  endedOn?: string;
}

export interface PurgePreview {
  years: number;
  /** The day the plan was made for. */
  on: string;
  counts: BinCounts;
  persons: PurgeLine[];
  measures: PurgeLine[];
}

/** Every record the purge deletes (tombstones left aside, records in the recycle bin included), each once. */
async function purgePlan(w: Reader, years: number, on: string): Promise<PurgeItem[]> {
  const notDeleted = <T extends { deleted?: true | undefined }>(records: T[]) => records.filter((r) => !r.deleted);
  const ended = notDeleted(
    await w
      .table('measure')
      .where('status')
      .anyOf([...purgedStatuses])
      .toArray(),
  );
  const candidates = [...new Set(ended.map((m) => m.personId))];
  const measuresOf = notDeleted(await w.table('measure').where('personId').anyOf(candidates).toArray());
  const plan = retentionPlan(candidates, measuresOf, years, on);
  const items: PurgeItem[] = [];
  const seen = new Set<string>();
  const add = (entity: Purged, records: readonly EntityRecord<Purged>[]) => {
    for (const record of notDeleted([...records])) {
      if (seen.has(`${entity}:${record.id}`)) continue;
      seen.add(`${entity}:${record.id}`);
      items.push({ entity, record });
    }
  };
  const persons = (await w.table('person').bulkGet(plan.personIds)).filter((p) => p !== undefined);
  add('person', persons);
  add(
    'measure',
    (await w.table('measure').bulkGet(plan.measureIds)).filter((m) => m !== undefined),
  );
  add('placement', await w.table('placement').where('measureId').anyOf(plan.measureIds).toArray());
  for (const measureId of plan.measureIds) {
    add('hourLog', await w.table('hourLog').where('[measureId+date]').between([measureId, Dexie.minKey], [measureId, Dexie.maxKey]).toArray());
  }
  add('incident', await w.table('incident').where('measureId').anyOf(plan.measureIds).toArray());
  const enrolments = [
    ...(await w.table('enrolment').where('measureId').anyOf(plan.measureIds).toArray()),
    ...(await w.table('enrolment').where('personId').anyOf(plan.personIds).toArray()),
  ];
  add('enrolment', enrolments);
  add(
    'attendance',
    await w
      .table('attendance')
      .where('enrolmentId')
      .anyOf(enrolments.map((e) => e.id))
      .toArray(),
  );
  return items;
}

function countsOf(items: readonly PurgeItem[]): BinCounts {
  const counts: BinCounts = {};
  for (const { entity } of items) counts[entity] = (counts[entity] ?? 0) + 1;
  return counts;
}

async function previewOf(w: Reader, years: number, on: string): Promise<PurgePreview> {
  const items = await purgePlan(w, years, on);
  const names = new Map<string, string>();
  const nameOf = async (personId: string) => {
    if (!names.has(personId)) {
      const person = await w.get('person', personId);
      names.set(personId, person ? `${person.lastName.toUpperCase()} ${person.firstName}` : 'personne inconnue');
    }
    return names.get(personId)!;
  };
  const persons: PurgeLine[] = [];
  const measures: PurgeLine[] = [];
  for (const { entity, record } of items) {
    if (entity === 'person') persons.push({ id: record.id, label: await nameOf(record.id) });
    if (entity === 'measure') {
      const m = record as EntityRecord<'measure'>;
      measures.push({
        id: m.id,
        label: `${measureKindLabels[m.kind]} – ${await nameOf(m.personId)}, ${measureStatusLabels[m.status].toLowerCase()} le ${formatDate(m.endedOn!)}`,
        endedOn: m.endedOn!,
      });
    }
  }
  const byLabel = (a: PurgeLine, b: PurgeLine) => a.label.localeCompare(b.label, 'fr');
  return { years, on, counts: countsOf(items), persons: persons.sort(byLabel), measures: measures.sort(byLabel) };
}

/** What a purge would delete today with the site's period (read only). */
export async function purgePreview(ctx: RepoContext): Promise<PurgePreview> {
  return previewOf(await readOnlyWriter(ctx), await readRetentionYears(ctx), today(ctx));
}

/**
 * Delete for good, in one transaction, every record past retention: tombstones with their change rows, and the
 * running sums of hours taken back. Returns what was deleted (the preview's counts when nothing changed between).
 */
export async function purge(ctx: RepoContext): Promise<BinCounts> {
  requirePermission(ctx, 'retention.manage');
  const years = await readRetentionYears(ctx);
  return writeTransaction(ctx, async (w) => {
    const items = await purgePlan(w, years, today(w));
    for (const entity of purged) {
      const ids = items.filter((i) => i.entity === entity).map((i) => i.record.id);
      if (ids.length > 0) await w.removeMany(entity, ids);
    }
    await takeBackHours(
      w,
      items.filter((i) => i.entity === 'hourLog').map((i) => i.record as HourLog),
    );
    return countsOf(items);
  });
}

/** The running sums no longer count the deleted hours (those in the bin had already left them). */
async function takeBackHours(w: Writer, logs: readonly HourLog[]): Promise<void> {
  if (logs.length === 0) return;
  const totals = w.table('hourLog').db.table<HourTotal, string>('hourTotals');
  await recountTotalsIn(
    w.table('hourLog'),
    totals,
    logs.map((before) => ({ before, after: { ...before, deleted: true as const } })),
  );
}
