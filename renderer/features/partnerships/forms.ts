import * as z from 'zod';

/**
 * What a form holds for an entity's input: text for every text, date, code and choice field (an empty
 * input is an empty string), numbers, booleans and id lists as they are.
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
 * inputs dropped first. Use with `zodResolver`.
 */
export function formSchema<Values extends Record<string, unknown>, S extends z.ZodType<unknown, Record<string, unknown>>>(fields: S) {
  return z.custom<Values>().transform(withoutBlanks).pipe(fields);
}

/** DSFR field props for a field's error: the message shows under the field, in red. */
export function fieldState(error: { message?: string | undefined } | undefined): { state: 'error' | 'default'; stateRelatedMessage?: string } {
  return error?.message ? { state: 'error', stateRelatedMessage: error.message } : { state: 'default' };
}

/** `Nom de la structure *`: a required field, as the form's notice explains. */
export const required = (label: string) => `${label} *`;

/**
 * An update's patch naming every field of the form: a field the person emptied is sent as undefined, which
 * the repository clears (a field left out of a patch keeps its value).
 */
export function fullPatch<T extends object>(values: T, fieldNames: readonly string[]): Partial<T> {
  const source = values as Record<string, unknown>;
  return Object.fromEntries(fieldNames.map((name) => [name, source[name]])) as Partial<T>;
}
