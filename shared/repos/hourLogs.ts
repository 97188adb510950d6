import { Dexie } from 'dexie';
import type { RepoContext } from './context.ts';
import { RepoError } from '../errors.ts';
import { isLive, sumHours, today } from '../util.ts';
import { keepFixed, liveRecord, measureHeldHere, parseFields, refuse } from './guards.ts';
import { countInTotals, countNewInTotals, doneOnMeasure, logsOfMeasure } from './hourTotals.ts';
import { completeMeasureIn, startMeasureIn } from './measures.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { formatDate } from '../format/fr.ts';
import { addMonths } from '../rules/calendar.ts';
import { habilitationError, habilitationState, type HabilitationState } from '../rules/habilitation.ts';
import { doneWith, hourLogErrors } from '../rules/hourLimits.ts';
import { isEnded } from '../rules/measureStatus.ts';
import { orderedOf } from '../rules/ordered.ts';
import type { HourLog, HourLogInput } from '../schemas/hourLog.ts';
import type { Measure } from '../schemas/measure.ts';
import type { Placement } from '../schemas/placement.ts';

async function placementOf(w: Writer, placementId: string, measureId: string): Promise<Placement> {
  const placement = await liveRecord(w, 'placement', placementId);
  if (placement.measureId !== measureId) refuse('Cette mise en situation relève d’une autre mesure', 'placementId');
  return placement;
}

/**
 * Hours on a placement are done at a host habilitated on their day (not only on the placement's start): none
 * after a withdrawal or past the habilitation's end.
 */
async function checkHabilitatedOn(w: Writer, placement: Placement, date: string): Promise<void> {
  const post = await liveRecord(w, 'post', placement.postId);
  const organisation = await liveRecord(w, 'organisation', post.organisationId);
  const habilitations = (await w.table('habilitation').where('organisationId').equals(organisation.id).toArray()).filter(isLive);
  const error = habilitationError(organisation.name, organisation.kind, habilitations, date);
  if (error) refuse(`${error} (${why(habilitationState(organisation.kind, habilitations, date))}) : aucune heure ce jour-là`, 'date');
}

function why(state: HabilitationState): string {
  if (state.status === 'retiree') return `habilitation retirée le ${formatDate(state.until)}`;
  if (state.status === 'expiree') return `habilitation valable jusqu’au ${formatDate(state.until)}`;
  if (state.status === 'a_venir') return `habilitation en vigueur à partir du ${formatDate(state.until)}`;
  return 'aucune habilitation';
}

/**
 * Every limit of hourLimits.ts, against what is already recorded (this log set aside when it is edited).
 * Returns what the measure will have done, in its unit, with this log.
 */
async function checkLimits(
  w: Writer,
  log: { date: string; hours: number; personId: string },
  measure: Measure,
  placement: Placement | undefined,
  exceptId?: string,
): Promise<number> {
  const sameDay = await w.table('hourLog').where('[personId+date]').equals([log.personId, log.date]).toArray();
  const facts = {
    date: log.date,
    hours: log.hours,
    today: today(w),
    placement,
    measure,
    personHoursThatDay: sumHours(sameDay.filter((l) => !l.deleted && l.id !== exceptId)),
    measureDone: await doneOnMeasure(w, measure.id, exceptId),
  };
  const errors = hourLogErrors(facts);
  if (errors.length > 0) throw new RepoError(errors.map((e) => e.message).join(' ; '), errors);
  return doneWith(facts);
}

/**
 * What hours set going: a planned placement is running, the measure has started, and once the hours (or days)
 * ordered are all done the measure ends (on the day of its last hours) with its placements.
 */
async function afterHours(w: Writer, measure: Measure, placement: Placement | undefined, done: number): Promise<void> {
  if (placement?.status === 'prevue') await w.update('placement', placement.id, { status: 'en_cours' });
  if (isEnded(measure.status)) return;
  const started = await startMeasureIn(w, measure);
  if (done < orderedOf(started).amount) return;
  const logs = await logsOfMeasure(w, measure.id);
  await completeMeasureIn(w, started, logs[logs.length - 1]!.date);
}

/** Record hours done on a day, on a placement or (with `attendanceId`) in a TIG pédagogique session. */
export async function logHours(w: Writer, input: HourLogInput): Promise<HourLog> {
  const fields = parseFields('hourLog', input);
  const measure = await measureHeldHere(w, fields.measureId);
  if (fields.personId !== measure.personId) refuse('Ces heures ne concernent pas la personne de la mesure', 'personId');
  const placement = fields.placementId ? await placementOf(w, fields.placementId, measure.id) : undefined;
  const total = await checkLimits(w, fields, measure, placement);
  if (placement) await checkHabilitatedOn(w, placement, fields.date);
  const log = await w.insert('hourLog', input);
  await countInTotals(w, log, 1);
  await afterHours(w, measure, placement, total);
  return log;
}

/**
 * Many hour logs at once, in the caller's transaction, for data that already keeps the hour rules because it
 * was generated to (demo data): each log is checked against its schema, stamped and logged as `logHours`
 * would, and the running sums are kept; the limits of the day and of the measure, the habilitation and
 * the measure's start and completion are not (a user's hours go through `logHours`).
 */
export async function insertHourLogs(w: Writer, inputs: readonly HourLogInput[]): Promise<HourLog[]> {
  const logs = await w.insertMany('hourLog', inputs);
  await countNewInTotals(w, logs);
  return logs;
}

const FINISHED = 'La mesure est terminée : les heures qui l’ont menée à son terme ne peuvent plus être modifiées ni supprimées.';

/** Correct a day's hours (date, hours, confirmation, comment); the links stay. */
export async function updateHourLog(w: Writer, id: string, patch: Partial<HourLogInput>): Promise<HourLog> {
  const existing = await liveRecord(w, 'hourLog', id);
  keepFixed(
    existing,
    patch,
    ['measureId', 'personId', 'placementId', 'attendanceId'],
    'Une saisie d’heures reste attachée à sa mesure et à sa mise en situation ou séance.',
  );
  const fields = parseFields('hourLog', { ...existing, ...patch });
  const measure = await measureHeldHere(w, existing.measureId);
  if (fields.date === existing.date && fields.hours === existing.hours) return w.update('hourLog', id, patch);
  if (measure.status === 'terminee') refuse(FINISHED);
  const placement = existing.placementId ? await liveRecord(w, 'placement', existing.placementId) : undefined;
  const total = await checkLimits(w, fields, measure, placement, id);
  if (placement && fields.date !== existing.date) await checkHabilitatedOn(w, placement, fields.date);
  const updated = await w.update('hourLog', id, patch);
  await countInTotals(w, existing, -1);
  await countInTotals(w, updated, 1);
  await afterHours(w, measure, placement, total);
  return updated;
}

export async function removeHourLog(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'hourLog', id);
  const measure = await measureHeldHere(w, existing.measureId);
  if (measure.status === 'terminee') refuse(FINISHED);
  await countInTotals(w, existing, -1);
  await w.remove('hourLog', id);
}

const FROM_ATTENDANCE = 'Ces heures viennent de la feuille de présence d’une séance de TIG pédagogique : corrigez la présence dans la séance.';

/**
 * Hours of a TIG pédagogique day have one source, the attendance: the forms and imports of the TIG
 * follow-up (these functions) cannot create, correct or delete them; attendance writes through
 * logHours/updateHourLog/removeHourLog inside its own transaction.
 */
function refuseFromAttendance(log: { attendanceId?: string | undefined } | undefined): void {
  if (log?.attendanceId !== undefined) refuse(FROM_ATTENDANCE);
}

export const addHourLog = (ctx: RepoContext, input: HourLogInput) =>
  writeTransaction(ctx, async (w) => {
    refuseFromAttendance(input);
    return logHours(w, input);
  });
export const editHourLog = (ctx: RepoContext, id: string, patch: Partial<HourLogInput>) =>
  writeTransaction(ctx, async (w) => {
    refuseFromAttendance(await w.get('hourLog', id));
    return updateHourLog(w, id, patch);
  });
export const deleteHourLog = (ctx: RepoContext, id: string) =>
  writeTransaction(ctx, async (w) => {
    refuseFromAttendance(await w.get('hourLog', id));
    return removeHourLog(w, id);
  });

/**
 * A week (or any set of days) entered in one form: all recorded, or none. A refusal names the day and keeps
 * the field issues, their paths prefixed with the entry's index (`2.hours`).
 */
export function addHourLogs(ctx: RepoContext, inputs: readonly HourLogInput[]): Promise<HourLog[]> {
  return writeTransaction(ctx, async (w) => {
    const logs: HourLog[] = [];
    for (const [i, input] of inputs.entries()) {
      try {
        refuseFromAttendance(input);
        logs.push(await logHours(w, input));
      } catch (error) {
        if (!(error instanceof RepoError)) throw error;
        const day = typeof input.date === 'string' ? `${formatDate(input.date)} : ` : '';
        throw new RepoError(
          `${day}${error.message}`,
          error.issues.map((issue) => ({ ...issue, path: issue.path ? `${i}.${issue.path}` : String(i) })),
        );
      }
    }
    return logs;
  });
}

/** A placement's hour logs in one month (`yyyy-mm`), by date: the monthly timesheet the tutor signs. */
export async function placementTimesheet(ctx: RepoContext, placementId: string, month: string): Promise<HourLog[]> {
  const from = `${month}-01`;
  const logs = await ctx.db.hourLogs
    .where('[placementId+date]')
    .between([placementId, from], [placementId, addMonths(from, 1)], true, false)
    .toArray();
  return logs.filter((l) => !l.deleted);
}

/** Every hour log of a measure, by date. */
export async function hourLogsOfMeasure(ctx: RepoContext, measureId: string): Promise<HourLog[]> {
  const logs = await ctx.db.hourLogs.where('[measureId+date]').between([measureId, Dexie.minKey], [measureId, Dexie.maxKey]).toArray();
  return logs.filter((l) => !l.deleted);
}
