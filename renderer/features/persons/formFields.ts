import * as z from 'zod';

/**
 * Form inputs hold strings; the entity schemas want numbers, and `undefined` for what was left blank. These
 * turn one into the other, so a form schema is `z.object(strings).transform(...).pipe(entity fields)` and
 * every message still comes from the entity schema, next to its field.
 */

/** `3,5`, `3.5` or `1 234` as a number; NaN when it is not one, so the number schema says so in French. */
export function parseFrenchNumber(text: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return compact === '' || !/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(compact) ? Number.NaN : Number(compact);
}

/** A trimmed text, `undefined` when blank. */
export function blank(text: string | undefined): string | undefined {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/** A number typed in a field, `undefined` when blank. */
export function numberOrBlank(text: string | undefined): number | undefined {
  return blank(text) === undefined ? undefined : parseFrenchNumber(text!);
}

/** A calendar date that must be given: a blank one reads "<label> : champ obligatoire". */
export function requiredDate(label: string) {
  return z.iso.date({ error: (issue) => (issue.input === undefined ? `${label} : champ obligatoire` : 'Date invalide (format attendu : jj/mm/aaaa)') });
}

