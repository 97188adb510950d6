import type { MeasureKind, OffenceCategory } from '../schemas/measureKinds.ts';
import { formatNumber } from '../format/fr.ts';

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

/** The bounds on the hours a decision may order, or undefined for TNR, stages, réparation pénale and activité de jour. */
export function hoursOrderedBounds(kind: MeasureKind, category: OffenceCategory): HourBounds | undefined {
  return isTigKind(kind) ? TIG_HOUR_BOUNDS[category] : undefined;
}

/** Every measure counts its hours by quarter hours, as the hour logs do (checked on the field alone, so sync checks it too). */
export const HOURS_ORDERED_QUARTERS = 'Heures ordonnées : par quarts d’heure (ex. 7,25 ; 7,5 ; 7,75)';

/**
 * The kind-dependent rules on the hours ordered: a TIG is pronounced in whole hours within the code pénal
 * bounds. (A value that is not a quarter hour is left to HOURS_ORDERED_QUARTERS, so it gets one message.)
 */
export function hoursOrderedError(kind: MeasureKind, category: OffenceCategory, hours: number): string | undefined {
  const bounds = hoursOrderedBounds(kind, category);
  if (!bounds) return undefined;
  if (hours < bounds.min || hours > bounds.max) {
    const what = category === 'delit' ? 'un délit' : 'une contravention de 5e classe';
    return `Heures ordonnées : un TIG prononcé pour ${what} compte de ${bounds.min} à ${bounds.max} heures (${formatNumber(hours)} saisies)`;
  }
  if (Number.isInteger(hours * 4) && !Number.isInteger(hours))
    return `Heures ordonnées : un TIG se prononce en heures entières (${formatNumber(hours)} saisies)`;
  return undefined;
}
