import * as z from 'zod';

/**
 * Form plumbing shared by every entity form: what a form holds, how its strings become an entity's input for
 * the entity's own schema (so every message is the schema's French one, next to its field), and the DSFR
 * props of a field's state.
 */

/**
 * What a form holds for an entity's input: text for every text, date, code and choice field (an empty
 * input is an empty string), numbers, booleans and lists as they are.
 */
export type FormValues<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends boolean
    ? boolean
    : NonNullable<T[K]> extends number
      ? number
      : NonNullable<T[K]> extends readonly string[]
        ? string[]
        : string;
};

/**
 * Form values with every blank text made undefined: an empty optional input is no value (and, the key kept,
 * clears the field of an edited record), an empty required one is missing.
 */
export function withoutBlanks(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) out[key] = typeof value === 'string' && value.trim() === '' ? undefined : value;
  return out;
}

/**
 * The entity's own `fields` schema (its French messages, its cross-field rules) read from a form: blank
 * inputs made undefined, then `extra` (typed numbers, fixed values such as the programme of a session).
 * Use with `zodResolver`.
 */
export function formSchema<Values extends Record<string, unknown>, S extends z.ZodType<unknown, Record<string, unknown>>>(
  fields: S,
  extra: (values: Record<string, unknown>) => Record<string, unknown> = (values) => values,
) {
  return z
    .custom<Values>()
    .transform((values) => extra(withoutBlanks(values)))
    .pipe(fields);
}

/** DSFR field props for a field's error (react-hook-form's, or a message): the message shows under the field, in red. */
export function fieldState(error: { message?: string | undefined } | string | undefined): { state: 'error' | 'default'; stateRelatedMessage?: string } {
  const message = typeof error === 'string' ? error : error?.message;
  return message ? { state: 'error', stateRelatedMessage: message } : { state: 'default' };
}

/** The notice of a form whose optional fields say « (facultatif) » (the persons' forms), for `RecordForm`. */
export const OPTIONAL_NOTICE = 'Les champs sans mention « facultatif » sont obligatoires.';

/** `Nom de la structure *`: a required field, as the form's notice explains. */
export const required = (label: string) => `${label} *`;

/** `3,5`, `3.5` or `1 234` as a number; NaN when it is not one, so the number schema says so in French. */
export function parseFrenchNumber(text: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return compact === '' || !/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(compact) ? Number.NaN : Number(compact);
}

/** A number typed in a field (see `parseFrenchNumber`), undefined when blank; a number stays as it is. */
export function frenchNumber(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return parseFrenchNumber(text);
}

/** A trimmed text, undefined when blank. */
export function blank(text: string | undefined): string | undefined {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/** A calendar date that must be given: a blank one reads "<label> : champ obligatoire". */
export function requiredDate(label: string) {
  return z.iso.date({ error: (issue) => (issue.input === undefined ? `${label} : champ obligatoire` : 'Date invalide (format attendu : jj/mm/aaaa)') });
}
