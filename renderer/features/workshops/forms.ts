import * as z from 'zod';

/**
 * What a form holds for an entity's input: text for every text, date, code and choice field (an empty
 * input is an empty string), numbers, booleans and lists as they are.
 */
export type FormValues<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends boolean ? boolean : NonNullable<T[K]> extends number ? number : NonNullable<T[K]> extends readonly string[] ? string[] : string;
};

/** Form values with every blank text removed: an empty optional input is no value, an empty required one is missing. */
export function withoutBlanks(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() === '') continue;
    out[key] = value;
  }
  return out;
}

/**
 * The entity's own `fields` schema (its French messages, its cross-field rules) read from a form: blank
 * inputs dropped and `extra` (fixed values such as the programme of a session) added first.
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

/**
 * A number typed the French way (`3,5` or `3.5`, spaces allowed); NaN when it is not one, so the schema's
 * own "nombre attendu" message shows; undefined when blank.
 */
export function frenchNumber(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const normalised = text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
  return /^-?\d+(?:\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** DSFR field props for a field's error: the message shows under the field, in red. */
export function fieldState(error: { message?: string | undefined } | undefined): { state: 'error' | 'default'; stateRelatedMessage?: string } {
  return error?.message ? { state: 'error', stateRelatedMessage: error.message } : { state: 'default' };
}

/** `Intitulé du programme *`: a required field, as the form's notice explains. */
export const required = (label: string) => `${label} *`;
