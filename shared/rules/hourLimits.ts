import { formatDate, formatHours } from '../format/fr.ts';
import type { MeasureKind, OffenceCategory } from '../schemas/measureKinds.ts';
import { deadlineOf, isSuspendedOn, type SuspensionSpan } from './deadline.ts';
import { TNR_LIMITS, tnrHoursCap } from './hours.ts';
import { formatDays, orderedOf, type MeasureDone } from './ordered.ts';
import { agree, noun } from '../format/agreement.ts';

/** Product rule on working time: at most 12 hours on one day for one person, all placements and sessions together. */
export const MAX_HOURS_PER_DAY = 12;

export interface HourLogFacts {
  date: string;
  hours: number;
  today: string;
  /** The placement the hours were done on; absent for hours of a TIG pédagogique session. */
  placement?: { startDate: string; plannedEnd: string; endedOn?: string | undefined } | undefined;
  measure: {
    kind: MeasureKind;
    offenceCategory: OffenceCategory;
    hoursOrdered?: number | undefined;
    daysOrdered?: number | undefined;
    periodStart: string;
    periodMonths: number;
    endedOn?: string | undefined;
    suspensions: readonly SuspensionSpan[];
  };
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
  } else if (!f.placement) {
    // A placement keeps within the period already; hours of a TIG pédagogique session are checked here.
    const deadline = deadlineOf(f.measure, f.today);
    if (f.date < f.measure.periodStart) {
      date(`Le délai d’exécution de la mesure commence le ${formatDate(f.measure.periodStart)} : des heures du ${day} ne peuvent compter sur elle`);
    } else if (f.date > deadline) {
      date(`Le délai d’exécution de la mesure a pris fin le ${formatDate(deadline)} : des heures du ${day} ne peuvent compter sur elle`);
    }
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
        `Le total dépasserait les ${formatHours(ordered.amount)} ${agree('ordonné', 'f', ordered.amount)} : ${formatHours(f.measureDone.hours)} déjà ${agree('effectué', 'f', f.measureDone.hours)}, ${formatHours(left)} ${agree('restant', 'f', left)}`,
      );
    } else {
      // A measure in days takes more hours on a day already counted, never one day more.
      const all = noun(ordered.amount, 'Le jour ordonné est déjà effectué', `Les ${formatDays(ordered.amount)} ordonnés sont déjà effectués`);
      date(`${all} : des heures le ${day} compteraient un jour de plus`);
    }
  }
  // A TNR ordered in days still keeps to the legal maximum of hours (one in hours is bounded when ordered).
  if (f.measure.kind === 'tnr' && ordered.unit === 'days' && f.measureDone.hours + f.hours > TNR_LIMITS[f.measure.offenceCategory].maxHours) {
    hours(
      `Heures : ${tnrHoursCap(f.measure.offenceCategory)} ; ${formatHours(f.measureDone.hours)} déjà ${agree('effectué', 'f', f.measureDone.hours)} sur cette mesure`,
    );
  }
  return errors;
}
