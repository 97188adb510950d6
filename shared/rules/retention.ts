import { endedStatuses, type MeasureStatus } from '../schemas/measure.ts';
import { addMonths } from './calendar.ts';

/*
 * How long a closed follow-up is kept. A measure is past retention once it has ended (terminée, échue, révoquée)
 * and the retention period has run from the day it ended; a person goes once none of their measures is left. A
 * person with no measure at all stays: they may have just been entered, and nothing dates them.
 *
 * A transferred measure (transférée) is never purged here, nor the person who has one: a transfer handed the
 * person, the measure and its history over to the receiving service, which purges them; headquarters refuses a
 * deletion of them from the giving site (shared/sync/merge.ts, checkOwnership), so a tombstone written here
 * would stop every later export of this site.
 */

/**
 * Five years from the end of the measure: to our knowledge the period the Ministry of Justice set for its own
 * probation application, APPI (former article R. 57-4-4 of the code de procédure pénale, décret n° 2011-1447 du
 * 7 novembre 2011, carried into the code pénitentiaire in 2022). docs/retention.md gives the sources and limits.
 */
export const DEFAULT_RETENTION_YEARS = 5;
export const MIN_RETENTION_YEARS = 1;
/** Longer than any period a text we know of sets for these files: a typing mistake, not a choice. */
export const MAX_RETENTION_YEARS = 30;

/** French refusal of a period outside the bounds, or undefined. */
export function retentionYearsError(years: number): string | undefined {
  return Number.isInteger(years) && years >= MIN_RETENTION_YEARS && years <= MAX_RETENTION_YEARS
    ? undefined
    : `Durée de conservation : nombre entier d’années entre ${MIN_RETENTION_YEARS} et ${MAX_RETENTION_YEARS}`;
}

/** The first day a measure ended on `endedOn` is past retention (periods in years count as in law: 29 Feb → 28 Feb). */
export function retentionEnd(endedOn: string, years: number): string {
  return addMonths(endedOn, 12 * years);
}

export interface RetentionMeasure {
  id: string;
  personId: string;
  status: MeasureStatus;
  endedOn?: string | undefined;
}

/** The statuses a measure is purged in once its period has run. */
export const purgedStatuses: readonly MeasureStatus[] = endedStatuses.filter((s) => s !== 'transferee');

export function isPastRetention(measure: Pick<RetentionMeasure, 'status' | 'endedOn'>, years: number, today: string): boolean {
  return purgedStatuses.includes(measure.status) && measure.endedOn !== undefined && retentionEnd(measure.endedOn, years) <= today;
}

export interface RetentionPlan {
  /** Measures past retention, in the order given. */
  measureIds: string[];
  /** Persons whose every measure is past retention, in the order given. */
  personIds: string[];
}

/** What retention removes today from these persons and their (not deleted) measures. */
export function retentionPlan(personIds: readonly string[], measures: readonly RetentionMeasure[], years: number, today: string): RetentionPlan {
  const past = measures.filter((m) => isPastRetention(m, years, today));
  const kept = new Set(measures.filter((m) => !isPastRetention(m, years, today)).map((m) => m.personId));
  const withPast = new Set(past.map((m) => m.personId));
  return { measureIds: past.map((m) => m.id), personIds: personIds.filter((id) => withPast.has(id) && !kept.has(id)) };
}
