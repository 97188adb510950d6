import * as z from 'zod';
import { formatDate } from '../../../shared/format/fr.ts';
import { RepoError } from '../../../shared/errors.ts';
import { addDays, dayNumber } from '../../../shared/rules/calendar.ts';
import { hourLogFields, type HourLogInput } from '../../../shared/schemas/hourLog.ts';
import { blank, frenchNumber, requiredDate } from '../../ui/forms.ts';

/**
 * The quick entry of a week of hours: one field per day, Monday to Sunday, saved together or not at all
 * (shared/repos/hourLogs.ts `addHourLogs`).
 */

export const WEEKDAY_NAMES = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'] as const;

/** The Monday of the week of `iso`. */
export function mondayOf(iso: string): string {
  // Day 0 of the epoch (1 January 1970) was a Thursday.
  const fromMonday = (dayNumber(iso) + 3) % 7;
  return addDays(iso, -fromMonday);
}

export function weekDays(monday: string): string[] {
  return WEEKDAY_NAMES.map((_, i) => addDays(monday, i));
}

/** `Lundi 23/11`. */
export function dayLabel(monday: string, index: number): string {
  return `${WEEKDAY_NAMES[index]} ${formatDate(addDays(monday, index)).slice(0, 5)}`;
}

const hours = hourLogFields.shape.hours;

export const weekEntryForm = z
  .object({
    placementId: z.string().min(1, { error: 'Mise en situation : choisissez celle où les heures ont été faites' }),
    weekStart: z.string().transform(blank).pipe(requiredDate('Semaine du')),
    days: z.array(z.object({ hours: z.string().transform(frenchNumber).pipe(hours.optional()) })).length(7),
    confirmedByTutor: z.boolean(),
    comment: z.string().transform(blank).pipe(hourLogFields.shape.comment),
  })
  .refine((v) => v.days.some((d) => d.hours !== undefined), { error: 'Saisissez les heures d’au moins un jour de la semaine', path: ['days'] });

export type WeekEntryValues = z.input<typeof weekEntryForm>;
export type WeekEntry = z.output<typeof weekEntryForm>;

export function emptyWeek(placementId: string, weekStart: string): WeekEntryValues {
  return { placementId, weekStart, days: WEEKDAY_NAMES.map(() => ({ hours: '' })), confirmedByTutor: false, comment: '' };
}

/** The hour logs of the days filled in, and for each the index of its day in the week. */
export function weekLogs(entry: WeekEntry, measure: { id: string; personId: string }): { inputs: HourLogInput[]; dayIndexes: number[] } {
  const inputs: HourLogInput[] = [];
  const dayIndexes: number[] = [];
  const monday = mondayOf(entry.weekStart);
  entry.days.forEach((day, i) => {
    if (day.hours === undefined) return;
    inputs.push({
      measureId: measure.id,
      personId: measure.personId,
      placementId: entry.placementId,
      date: addDays(monday, i),
      hours: day.hours,
      confirmedByTutor: entry.confirmedByTutor,
      ...(entry.comment ? { comment: entry.comment } : {}),
    });
    dayIndexes.push(i);
  });
  return { inputs, dayIndexes };
}

export interface DayIssue {
  /** Index of the day in the week (0 = Monday). */
  day: number;
  message: string;
}

/**
 * The refusal of `addHourLogs` put back on the day it concerns: its issues carry the index of the entry
 * (`2.hours`), which `dayIndexes` turns into the day of the week.
 */
export function dayIssues(error: unknown, dayIndexes: readonly number[]): DayIssue[] {
  if (!(error instanceof RepoError)) return [];
  const issues: DayIssue[] = [];
  for (const issue of error.issues) {
    const entry = Number(issue.path.split('.')[0]);
    const day = Number.isInteger(entry) ? dayIndexes[entry] : undefined;
    if (day === undefined) continue;
    const same = issues.find((i) => i.day === day);
    if (!same) issues.push({ day, message: issue.message });
    else if (!same.message.includes(issue.message)) same.message = `${same.message} ; ${issue.message}`;
  }
  return issues;
}
