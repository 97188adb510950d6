import type { RepoContext } from './context.ts';
import { isLive, today } from '../util.ts';
import { keepFixed, liveRecord, measureHeldHere, parseFields, refuse } from './guards.ts';
import { countInTotals, hoursOfMeasure, logsOfMeasure, measureTotals } from './hourTotals.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { formatDate } from '../format/fr.ts';
import { tigAgeError } from '../rules/age.ts';
import { addDays } from '../rules/calendar.ts';
import { holdsPlace, occupiedSpan } from '../rules/capacity.ts';
import { deadlineInfo, isSuspendedOn, openSuspension, type DeadlineInfo, type Period } from '../rules/deadline.ts';
import { isEnded, OPEN_STATUSES, transitionError } from '../rules/measureStatus.ts';
import { agreed, formatAmount, isComplete, orderedOf, progressOf, progressOfLogs, type Progress } from '../rules/ordered.ts';
import type { EntityFields } from '../schemas/entities.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import { labelOf } from '../schemas/labels.ts';
import { measureStatusLabels, type Measure, type MeasureInput, type MeasureStatus, type Suspension } from '../schemas/measure.ts';

/** What a user enters: the status and end date follow from what happens to the measure. */
export type MeasureCreateInput = Omit<MeasureInput, 'status' | 'endedOn'>;

const STATUS_BY_ACTION =
  'Le statut d’une mesure suit ce qui lui arrive (mise en situation, heures effectuées, suspension, reprise, révocation, transfert, échéance) : il ne se modifie pas directement.';

async function checkAge(w: Writer, m: Pick<Measure, 'personId' | 'kind' | 'offenceDate'>): Promise<void> {
  const person = await liveRecord(w, 'person', m.personId);
  const error = tigAgeError(m.kind, person.birthDate, m.offenceDate);
  if (error) refuse(error, 'offenceDate');
}

export async function createMeasureIn(w: Writer, input: MeasureCreateInput): Promise<Measure> {
  if ('status' in input || 'endedOn' in input) refuse(STATUS_BY_ACTION, 'status');
  const data: MeasureInput = { ...input, status: 'a_affecter' };
  const fields = parseFields('measure', data);
  await checkAge(w, fields);
  if (fields.decisionDate > today(w)) refuse('La date de la décision ne peut être dans le futur', 'decisionDate');
  return w.insert('measure', data);
}

/** What the court decided (and the JAP's suspensions): frozen once the measure has ended. */
const LEGAL_FIELDS = [
  'kind',
  'jurisdiction',
  'decisionDate',
  'offenceDate',
  'offenceCategory',
  'hoursOrdered',
  'daysOrdered',
  'periodStart',
  'periodMonths',
  'suspensions',
] as const;

function refuseLegalChangeOnceEnded(existing: Measure, fields: EntityFields<'measure'>): void {
  if (!isEnded(existing.status)) return;
  const before = parseFields('measure', existing);
  const changed = LEGAL_FIELDS.find((key) => JSON.stringify(before[key]) !== JSON.stringify(fields[key]));
  if (changed) {
    refuse(
      `La mesure est ${measureStatusLabels[existing.status].toLowerCase()} depuis le ${formatDate(existing.endedOn)} : ${labelOf('measure', changed).toLowerCase()} et les autres données de la décision ne se modifient plus (seules les observations restent modifiables).`,
      changed,
    );
  }
}

/**
 * A new start, length or suspension moves the period [start, deadline]: every hour already logged and every
 * placement (up to its real end) must stay inside it.
 */
async function refuseOutsidePeriod(
  w: Writer,
  id: string,
  fields: Period,
  logs: readonly HourLog[],
  endPath: 'periodStart' | 'periodMonths' | 'suspensions',
): Promise<void> {
  const { deadline } = deadlineInfo(fields, today(w));
  const period = `du ${formatDate(fields.periodStart)} au ${formatDate(deadline)}`;
  const early = logs.find((l) => l.date < fields.periodStart);
  const late = logs.findLast((l) => l.date > deadline);
  const log = early ?? late;
  if (log)
    refuse(
      `Des heures sont saisies le ${formatDate(log.date)}, hors du nouveau délai d’exécution (${period}) : corrigez-les d’abord.`,
      early ? 'periodStart' : endPath,
    );
  for (const p of await w.table('placement').where('measureId').equals(id).toArray()) {
    const span = isLive(p) ? occupiedSpan(p) : undefined;
    if (!span) continue;
    if (span.startDate < fields.periodStart || span.plannedEnd > deadline) {
      refuse(
        `La mise en situation du ${formatDate(span.startDate)} au ${formatDate(span.plannedEnd)} sortirait du nouveau délai d’exécution (${period}) : modifiez-la d’abord.`,
        span.startDate < fields.periodStart ? 'periodStart' : endPath,
      );
    }
  }
}

export async function updateMeasureIn(w: Writer, id: string, patch: Partial<MeasureCreateInput>): Promise<Measure> {
  const existing = await measureHeldHere(w, id);
  keepFixed(existing, patch, ['personId'], 'Une mesure reste attachée à sa personne.');
  if ('status' in patch || 'endedOn' in patch) refuse(STATUS_BY_ACTION, 'status');
  const fields = parseFields('measure', { ...existing, ...patch });
  refuseLegalChangeOnceEnded(existing, fields);
  if (fields.kind !== existing.kind || fields.offenceDate !== existing.offenceDate) await checkAge(w, fields);
  if (fields.decisionDate > today(w)) refuse('La date de la décision ne peut être dans le futur', 'decisionDate');
  const logs = await logsOfMeasure(w, id);
  const ordered = orderedOf(fields);
  const progress = progressOfLogs(fields, logs);
  if (ordered.amount < progress.done) {
    const field = ordered.unit === 'days' ? 'daysOrdered' : 'hoursOrdered';
    refuse(
      `${labelOf('measure', field)} : ${formatAmount(ordered.unit, progress.done)} ${progress.done >= 2 || ordered.unit === 'hours' ? 'sont' : 'est'} déjà ${agreed(ordered.unit, progress.done, 'effectué')} sur cette mesure`,
      field,
    );
  }
  const suspended = logs.find((l) => isSuspendedOn(fields.suspensions, l.date));
  if (suspended) refuse(`Des heures sont saisies le ${formatDate(suspended.date)}, pendant la suspension`, 'suspensions');
  const monthsChanged = fields.periodMonths !== existing.periodMonths;
  const suspensionsChanged = JSON.stringify(fields.suspensions) !== JSON.stringify(parseFields('measure', existing).suspensions);
  if (monthsChanged || suspensionsChanged || fields.periodStart !== existing.periodStart) {
    // A deadline brought forward is the field that moved it.
    await refuseOutsidePeriod(w, id, fields, logs, monthsChanged ? 'periodMonths' : suspensionsChanged ? 'suspensions' : 'periodStart');
  }
  const updated = await w.update('measure', id, patch);
  if ((updated.status === 'en_cours' || updated.status === 'suspendue') && logs.length > 0 && isComplete(progress)) {
    return completeMeasureIn(
      w,
      updated,
      logs.reduce((last, l) => (l.date > last ? l.date : last), logs[0]!.date),
    );
  }
  return updated;
}

async function moveTo(w: Writer, measure: Measure, to: MeasureStatus, extra: Partial<MeasureInput> = {}): Promise<Measure> {
  const error = transitionError(measure.status, to);
  if (error) refuse(error, 'status');
  return w.update('measure', measure.id, { ...extra, status: to });
}

/** The first placement (or the first hours of a TIG pédagogique) starts the measure. */
export async function startMeasureIn(w: Writer, measure: Measure): Promise<Measure> {
  return measure.status === 'a_affecter' ? moveTo(w, measure, 'en_cours') : measure;
}

/**
 * The placements still holding a place end with the measure: on its last day (or their planned end, when
 * that came first), or as interrupted before they began.
 */
async function closePlacements(w: Writer, measureId: string, endedOn: string, status: 'terminee' | 'interrompue'): Promise<void> {
  const placements = await w.table('placement').where('measureId').equals(measureId).toArray();
  for (const p of placements) {
    if (!isLive(p) || !holdsPlace(p.status)) continue;
    if (p.startDate > endedOn) await w.update('placement', p.id, { status: 'interrompue' });
    else await w.update('placement', p.id, { status, endedOn: p.plannedEnd > endedOn ? endedOn : p.plannedEnd });
  }
}

/**
 * All hours done: the measure ends on the day of its last hours. A suspended one (its last hours entered
 * late) ends too; its running suspension is closed as revocation and transfer close it.
 */
export async function completeMeasureIn(w: Writer, measure: Measure, lastDay: string): Promise<Measure> {
  const suspensions = measure.suspensions.map((s) => (s.to === undefined ? { ...s, to: lastDay < s.from ? s.from : lastDay } : s));
  const done = await moveTo(w, measure, 'terminee', { endedOn: lastDay, suspensions });
  await closePlacements(w, measure.id, lastDay, 'terminee');
  return done;
}

/** Its only placement deleted before any hours: the measure waits for a placement again. */
export async function unstartMeasureIn(w: Writer, measureId: string): Promise<void> {
  const measure = await liveRecord(w, 'measure', measureId);
  if (measure.status !== 'en_cours') return;
  const placed = (await w.table('placement').where('measureId').equals(measureId).toArray()).some(isLive);
  if (placed || (await hoursOfMeasure(w, measureId)) > 0) return;
  await moveTo(w, measure, 'a_affecter');
}

async function refuseHoursAfter(w: Writer, measureId: string, day: string, what: string): Promise<void> {
  const late = (await logsOfMeasure(w, measureId)).find((l) => l.date > day);
  if (late) refuse(`Des heures sont saisies le ${formatDate(late.date)}, après ${what} : corrigez-les d’abord.`);
}

export interface SuspensionInput {
  from: string;
  /** Planned end, when the decision gives one; otherwise the suspension runs until the measure is resumed. */
  to?: string;
  reason: string;
}

export async function suspendMeasureIn(w: Writer, id: string, input: SuspensionInput): Promise<Measure> {
  const measure = await liveRecord(w, 'measure', id);
  const now = today(w);
  if (input.from > now) refuse('Une suspension s’enregistre à partir de son premier jour, pas avant', 'from');
  if (input.to !== undefined && input.to < now) refuse('Cette suspension est déjà finie : ajoutez-la aux suspensions de la mesure', 'to');
  await refuseHoursAfter(w, id, addDays(input.from, -1), `le début de la suspension (${formatDate(input.from)})`);
  const suspension: Suspension = input.to === undefined ? { from: input.from, reason: input.reason } : { ...input, to: input.to };
  return moveTo(w, measure, 'suspendue', { suspensions: [...measure.suspensions, suspension] });
}

/** Work resumes on `on`: the suspension ends the day before, and the measure goes back to where it was. */
export async function resumeMeasureIn(w: Writer, id: string, on: string): Promise<Measure> {
  const measure = await liveRecord(w, 'measure', id);
  if (measure.status !== 'suspendue') refuse(transitionError(measure.status, 'en_cours') ?? 'La mesure n’est pas suspendue');
  if (on > today(w)) refuse('La reprise s’enregistre le jour où elle a lieu, pas avant', 'on');
  const current = openSuspension(measure.suspensions) ?? [...measure.suspensions].sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  if (!current) refuse('Aucune suspension à lever');
  if (on <= current.from) refuse(`La reprise doit suivre le début de la suspension (${formatDate(current.from)})`, 'on');
  const suspensions = measure.suspensions.map((s) => (s === current ? { ...s, to: addDays(on, -1) } : s));
  const started = (await w.table('placement').where('measureId').equals(id).toArray()).some(isLive) || (await hoursOfMeasure(w, id)) > 0;
  return moveTo(w, measure, started ? 'en_cours' : 'a_affecter', { suspensions });
}

async function endMeasure(w: Writer, id: string, on: string, status: 'revoquee' | 'transferee', what: string): Promise<Measure> {
  const measure = await liveRecord(w, 'measure', id);
  const error = transitionError(measure.status, status);
  if (error) refuse(error, 'status');
  if (on > today(w)) refuse(`La date ${what} ne peut être dans le futur`, 'on');
  if (on < measure.decisionDate) refuse(`La date ${what} ne peut précéder la décision (${formatDate(measure.decisionDate)})`, 'on');
  await refuseHoursAfter(w, id, on, `la date ${what} (${formatDate(on)})`);
  const suspensions = measure.suspensions.map((s) => (s.to === undefined ? { ...s, to: on < s.from ? s.from : on } : s));
  const ended = await moveTo(w, measure, status, { endedOn: on, suspensions });
  await closePlacements(w, id, on, 'interrompue');
  return ended;
}

export const revokeMeasureIn = (w: Writer, id: string, on: string) => endMeasure(w, id, on, 'revoquee', 'de révocation');
export const transferMeasureIn = (w: Writer, id: string, on: string) => endMeasure(w, id, on, 'transferee', 'de transfert');

/** The deadline has passed with hours still to do: the measure ends on its deadline. */
export async function expireMeasureIn(w: Writer, id: string): Promise<Measure> {
  const measure = await liveRecord(w, 'measure', id);
  const now = today(w);
  const { deadline, passed } = deadlineInfo(measure, now);
  if (!passed) refuse(`L’échéance du ${formatDate(deadline)} n’est pas encore passée`);
  const ended = await moveTo(w, measure, 'echue', { endedOn: deadline });
  await closePlacements(w, id, deadline, 'interrompue');
  return ended;
}

/**
 * Deliberate cascade: a measure owns its placements, hour logs and incidents, so deleting it (entered by
 * mistake, or purged) deletes them too, each with its own change-log row, in the same transaction.
 */
export async function removeMeasureIn(w: Writer, id: string): Promise<void> {
  await measureHeldHere(w, id);
  for (const log of await logsOfMeasure(w, id)) {
    await countInTotals(w, log, -1);
    await w.remove('hourLog', log.id);
  }
  for (const i of await w.table('incident').where('measureId').equals(id).toArray()) if (isLive(i)) await w.remove('incident', i.id);
  for (const p of await w.table('placement').where('measureId').equals(id).toArray()) if (isLive(p)) await w.remove('placement', p.id);
  await w.remove('measure', id);
}

export const createMeasure = (ctx: RepoContext, input: MeasureCreateInput) => writeTransaction(ctx, (w) => createMeasureIn(w, input));
export const updateMeasure = (ctx: RepoContext, id: string, patch: Partial<MeasureCreateInput>) => writeTransaction(ctx, (w) => updateMeasureIn(w, id, patch));
export const removeMeasure = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeMeasureIn(w, id));
export const suspendMeasure = (ctx: RepoContext, id: string, input: SuspensionInput) => writeTransaction(ctx, (w) => suspendMeasureIn(w, id, input));
export const resumeMeasure = (ctx: RepoContext, id: string, on: string) => writeTransaction(ctx, (w) => resumeMeasureIn(w, id, on));
export const revokeMeasure = (ctx: RepoContext, id: string, on: string) => writeTransaction(ctx, (w) => revokeMeasureIn(w, id, on));
export const transferMeasure = (ctx: RepoContext, id: string, on: string) => writeTransaction(ctx, (w) => transferMeasureIn(w, id, on));
export const expireMeasure = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => expireMeasureIn(w, id));

/** Every open measure whose deadline has passed becomes échue; returns how many. Reads only open measures. */
export function expireOverdueMeasures(ctx: RepoContext): Promise<number> {
  return writeTransaction(ctx, async (w) => {
    const now = today(w);
    const open = await w
      .table('measure')
      .where('status')
      .anyOf([...OPEN_STATUSES])
      .toArray();
    let count = 0;
    for (const m of open) {
      if (isLive(m) && deadlineInfo(m, now).passed) {
        await expireMeasureIn(w, m.id);
        count++;
      }
    }
    return count;
  });
}

/** The deadline of a measure; only an open measure is flagged. */
export function measureDeadline(m: Pick<Measure, 'periodStart' | 'periodMonths' | 'suspensions' | 'status'>, on: string): DeadlineInfo {
  const info = deadlineInfo(m, on);
  return isEnded(m.status) ? { ...info, flagged: false } : info;
}

export interface MeasureRow extends Measure {
  personName: string;
  caseNumber: string;
  deadline: DeadlineInfo;
  hoursDone: number;
  /** Done and left in the measure's unit (hours, or days for a measure ordered in days). */
  progress: Progress;
}

/**
 * Every measure with its person, deadline and hours done. Reads all measures and persons (the list shows
 * them all) and the per-measure running sums, never the hour logs.
 */
export async function listMeasures(ctx: RepoContext, options: { on?: string } = {}): Promise<MeasureRow[]> {
  const on = options.on ?? today(ctx);
  const [measures, persons, totals] = await Promise.all([ctx.db.measures.toArray(), ctx.db.persons.toArray(), measureTotals(ctx)]);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const rows: MeasureRow[] = [];
  for (const m of measures) {
    const person = personById.get(m.personId);
    if (!isLive(m) || !person || person.deleted) continue;
    const done = totals.get(m.id) ?? { hours: 0, days: 0 };
    rows.push({
      ...m,
      personName: `${person.lastName.toUpperCase()} ${person.firstName}`,
      caseNumber: person.caseNumber,
      deadline: measureDeadline(m, on),
      hoursDone: done.hours,
      progress: progressOf(orderedOf(m), done),
    });
  }
  return rows;
}
