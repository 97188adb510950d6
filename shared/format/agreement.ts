import { formatNumber } from './fr.ts';

/**
 * French agreement in gender and number, the one place messages build a plural or a feminine (a test keeps
 * every other `(s)`, `(e)` or `n > 1 ? 's'` out of the code). French takes the singular below two: 0 jour,
 * 1 jour, 1,5 heure, 2 jours.
 *
 * Passerelle records no gender for persons: what qualifies a person keeps the inclusive form (« né(e) »),
 * written where it stands and listed by that test.
 */
export type Gender = 'm' | 'f';

export function isPlural(count: number): boolean {
  return Math.abs(count) >= 2;
}

/**
 * An adjective or past participle agreeing with what it qualifies, given in the masculine singular:
 * `agree('enregistré', 'f', 2)` is `enregistrées`. A word already ending in e keeps it in the feminine, one
 * ending in s or x takes no s in the plural.
 */
export function agree(word: string, gender: Gender, count = 1): string {
  const feminine = gender === 'f' && !word.endsWith('e') ? `${word}e` : word;
  return isPlural(count) && !/[sx]$/.test(feminine) ? `${feminine}s` : feminine;
}

/** A noun in the number of `count`; an irregular plural is given (`noun(n, 'travail', 'travaux')`). */
export function noun(count: number, singular: string, plural = `${singular}s`): string {
  return isPlural(count) ? plural : singular;
}

/** `3 jours`, `1 jour`, `0 jour`, `1 234 lots`: the count in French format and its noun. */
export function counted(count: number, singular: string, plural?: string): string {
  return `${formatNumber(count)} ${noun(count, singular, plural)}`;
}

/** A verb in the third person of `count`: `verb(n, 'est', 'sont')`. */
export const verb = noun;

/**
 * « de » before a place name, as French writes it: « d’Épinal », « du Havre », « des Mureaux », « de La Rochelle »,
 * « de Nancy ».
 */
export function ofPlace(place: string): string {
  if (place.startsWith('Le ')) return `du ${place.slice(3)}`;
  if (place.startsWith('Les ')) return `des ${place.slice(4)}`;
  return /^[AEIOUYÉÈÊÂÎÔÛaeiouyéèêâîôû]/.test(place) ? `d’${place}` : `de ${place}`;
}
