import type { MeasureKind } from '../schemas/measureKinds.ts';
import { formatDate } from '../format/fr.ts';
import { isTigKind } from './hours.ts';

/** Code pénal, art. 131-8: a TIG only for a person aged 16 or more at the time of the offence. */
export const MIN_TIG_AGE = 16;
export const AGE_OF_MAJORITY = 18;

/** Age in completed years on a date (a person born on 29 February is a year older on 1 March). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function isMinorOn(birthDate: string, date: string): boolean {
  return ageOn(birthDate, date) < AGE_OF_MAJORITY;
}

/**
 * The age condition of the TIG. TNR, stages, réparation pénale (a measure for minors) and activité de jour
 * follow other texts, so it does not apply to them.
 */
export function tigAgeError(kind: MeasureKind, birthDate: string, offenceDate: string): string | undefined {
  if (!isTigKind(kind) || ageOn(birthDate, offenceDate) >= MIN_TIG_AGE) return undefined;
  return `Un TIG ne peut être prononcé que pour une personne âgée d’au moins ${MIN_TIG_AGE} ans au moment des faits (${ageOn(birthDate, offenceDate)} ans le ${formatDate(offenceDate)})`;
}

/** Minors only on posts open to minors (rules on young workers). */
export function minorPostError(birthDate: string, startDate: string, postOpenToMinors: boolean): string | undefined {
  if (postOpenToMinors || !isMinorOn(birthDate, startDate)) return undefined;
  return `La personne sera mineure le ${formatDate(startDate)} (${ageOn(birthDate, startDate)} ans) : ce poste n’est pas ouvert aux mineurs`;
}
