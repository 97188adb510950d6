import { formatDate, formatHours } from '../format/fr.ts';
import { isSuspendedOn, type SuspensionSpan } from './deadline.ts';
import { formatDays, orderedOf, type MeasureDone } from './ordered.ts';

/** Product rule on working time: at most 12 hours on one day for one person, all placements and sessions together. */
export const MAX_HOURS_PER_DAY = 12;

export interface HourLogFacts {
  date: string;
  hours: number;
  today: string;
  /** The placement the hours were done on; absent for hours of a TIG pédagogique session. */
  placement?: { startDate: string; plannedEnd: string; endedOn?: string | undefined } | undefined;
  measure: { hoursOrdered?: number | undefined; daysOrdered?: number | undefined; endedOn?: string | undefined; suspensions: readonly SuspensionSpan[] };
  /** Hours the same person already has on that day, this log excepted. */
  personHoursThatDay: number;
  /** What is already counted on the measure, this log excepted. */
  measureDone: MeasureDone;
}

/** What is done on the measure, in its unit, once the log is counted. */
export function doneWith(f: Pick<HourLogFacts, 'date' | 'hours' | 'measure' | 'measureDone'>): number {
  if (orderedOf(f.measure).unit === 'hours') return f.measureDone.hours + f.hours;
  return f.measureDone.days.size + (f.measureDone.days.has(f.date) ? 0 : 1);
}

export interface HourLogIssue {
  /** The field to correct. */
  path: 'date' | 'hours';
  message: string;
}

/** Every reason the hours cannot be recorded, in French; empty when they can. */
export function hourLogErrors(f: HourLogFacts): HourLogIssue[] {
  const errors: HourLogIssue[] = [];
  const date = (message: string) => errors.push({ path: 'date', message });
  const hours = (message: string) => errors.push({ path: 'hours', message });
  const day = formatDate(f.date);
  if (f.date > f.today) date(`Le ${day} est dans le futur : on ne saisit que des heures effectuées`);
  if (f.placement?.endedOn !== undefined && f.date > f.placement.endedOn) {
    date(`La mise en situation a pris fin le ${formatDate(f.placement.endedOn)} : aucune heure après cette date sur elle`);
  } else if (f.placement && (f.date < f.placement.startDate || f.date > f.placement.plannedEnd)) {
    date(`Le ${day} est en dehors de la mise en situation (du ${formatDate(f.placement.startDate)} au ${formatDate(f.placement.plannedEnd)})`);
  }
  if (f.measure.endedOn !== undefined && f.date > f.measure.endedOn) {
    date(`La mesure a pris fin le ${formatDate(f.measure.endedOn)} : aucune heure après cette date`);
  }
  if (isSuspendedOn(f.measure.suspensions, f.date)) date(`La mesure est suspendue le ${day}`);
  if (f.personHoursThatDay + f.hours > MAX_HOURS_PER_DAY) {
    hours(
      `${MAX_HOURS_PER_DAY} heures au plus par jour pour une même personne : ${formatHours(f.personHoursThatDay)} déjà saisies le ${day}, ${formatHours(f.hours)} de plus dépasseraient la limite`,
    );
  }
  const ordered = orderedOf(f.measure);
  if (doneWith(f) > ordered.amount) {
    if (ordered.unit === 'hours') {
      const left = Math.max(0, ordered.amount - f.measureDone.hours);
      hours(
        `Le total dépasserait les ${formatHours(ordered.amount)} ordonnées : ${formatHours(f.measureDone.hours)} déjà effectuées, ${formatHours(left)} restantes`,
      );
    } else {
      // A measure in days takes more hours on a day already counted, never one day more.
      const all = ordered.amount === 1 ? 'Le jour ordonné est déjà effectué' : `Les ${formatDays(ordered.amount)} ordonnés sont déjà effectués`;
      date(`${all} : des heures le ${day} compteraient un jour de plus`);
    }
  }
  return errors;
}
