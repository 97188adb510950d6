import type { MeasureKind, OffenceCategory } from '../schemas/measureKinds.ts';
import { formatNumber } from '../format/fr.ts';
import { agree } from '../format/agreement.ts';

/** The kinds that are a TIG in law (peine or obligation of a sursis probatoire): the code pénal bounds apply. */
export const TIG_KINDS: readonly MeasureKind[] = ['tig_peine', 'sursis_probatoire_tig'];

export function isTigKind(kind: MeasureKind): boolean {
  return TIG_KINDS.includes(kind);
}

export interface HourBounds {
  min: number;
  max: number;
}

/** Code pénal, art. 131-8 (délit) and 131-17 (contravention de 5e classe). */
export const TIG_HOUR_BOUNDS: Record<OffenceCategory, HourBounds> = {
  delit: { min: 20, max: 400 },
  contravention_5e: { min: 20, max: 120 },
};

/**
 * A TNR (travail non rémunéré, a measure of the composition pénale) has a maximum and no minimum, and a
 * shorter period than a TIG. What was checked, and where (December 2026, with the search tool):
 * - délit, code de procédure pénale art. 41-2 6° : « travail non rémunéré pour une durée maximale de cent
 *   heures ». Confirmed: amendment CL38 (Assemblée nationale, 17 November 2020) to the bill that became the
 *   loi n° 2021-403 of 8 April 2021 replaced « soixante » by « cent » (nosdeputes.fr, amendement 3427/CL38).
 *   The period, « un délai qui ne peut être supérieur à six mois », was confirmed in the text as created by the
 *   loi n° 99-515 of 23 June 1999 (doctrine.fr, article 41-2 in its 1999 version), which the 2021 amendment
 *   left as it was; that no later law changed it could NOT be confirmed.
 * - contravention, art. 41-3 : « la durée du travail non rémunéré ne peut être supérieure à trente heures,
 *   dans un délai maximum de trois mois » (juriblio.fr, article 41-3 as in force); the TNR is open only to
 *   contraventions of the 5th class.
 */
export interface TnrLimit {
  maxHours: number;
  maxMonths: number;
  article: string;
}
export const TNR_LIMITS: Record<OffenceCategory, TnrLimit> = {
  delit: { maxHours: 100, maxMonths: 6, article: 'article 41-2 du code de procédure pénale' },
  contravention_5e: { maxHours: 30, maxMonths: 3, article: 'article 41-3 du code de procédure pénale' },
};

/** The code pénal bounds on the hours a TIG may order; undefined for the other measures. */
export function hoursOrderedBounds(kind: MeasureKind, category: OffenceCategory): HourBounds | undefined {
  return isTigKind(kind) ? TIG_HOUR_BOUNDS[category] : undefined;
}

function offenceWording(category: OffenceCategory): string {
  return category === 'delit' ? 'un délit' : 'une contravention de 5e classe';
}

/** `un TNR pour un délit compte 100 heures au plus (article 41-2 du code de procédure pénale)`: the refusal names the article. */
export function tnrHoursCap(category: OffenceCategory): string {
  const limit = TNR_LIMITS[category];
  return `un TNR pour ${offenceWording(category)} compte ${limit.maxHours} heures au plus (${limit.article})`;
}

/** Every measure counts its hours by quarter hours, as the hour logs do (checked on the field alone, so sync checks it too). */
export const HOURS_ORDERED_QUARTERS = 'Heures ordonnées : par quarts d’heure (ex. 7,25 ; 7,5 ; 7,75)';

/**
 * The kind-dependent rules on the hours ordered: a TIG is pronounced in whole hours within the code pénal
 * bounds, a TNR within the code de procédure pénale maximum. (A value that is not a quarter hour is left to
 * HOURS_ORDERED_QUARTERS, so it gets one message.)
 */
/** What the law allows the decision to order, for the measure form's hint; undefined when it sets no bound. */
export function hoursOrderedHint(kind: MeasureKind, category: OffenceCategory): string | undefined {
  if (kind === 'tnr') return `${TNR_LIMITS[category].maxHours} heures au plus pour un TNR pour ${offenceWording(category)} (${TNR_LIMITS[category].article})`;
  const bounds = hoursOrderedBounds(kind, category);
  return bounds && `De ${bounds.min} à ${bounds.max} heures entières pour un TIG prononcé pour ${offenceWording(category)}`;
}

export function hoursOrderedError(kind: MeasureKind, category: OffenceCategory, hours: number): string | undefined {
  if (kind === 'tnr')
    return hours > TNR_LIMITS[category].maxHours
      ? `Heures ordonnées : ${tnrHoursCap(category)} (${formatNumber(hours)} ${agree('saisi', 'f', hours)})`
      : undefined;
  const bounds = hoursOrderedBounds(kind, category);
  if (!bounds) return undefined;
  if (hours < bounds.min || hours > bounds.max) {
    return `Heures ordonnées : un TIG prononcé pour ${offenceWording(category)} compte de ${bounds.min} à ${bounds.max} heures (${formatNumber(hours)} ${agree('saisi', 'f', hours)})`;
  }
  if (Number.isInteger(hours * 4) && !Number.isInteger(hours))
    return `Heures ordonnées : un TIG se prononce en heures entières (${formatNumber(hours)} ${agree('saisi', 'f', hours)})`;
  return undefined;
}
