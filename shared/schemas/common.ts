import * as z from 'zod';
import { departementByCode } from '../reference/geo.ts';

// Every message a schema produces reaches a French-speaking user: zod's own texts in French,
// and the field-specific ones below written by hand.
z.config(z.locales.fr());

/** A calendar date without time zone, as the forms and the law use it: `yyyy-mm-dd`. */
export const isoDate = z.iso.date({ error: 'Date invalide (format attendu : jj/mm/aaaa)' });

export const uuid = z.string().uuid({ error: 'Identifiant invalide' });

/** Text typed by a user: trimmed, and a required one may not be blank. */
export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} : champ obligatoire` })
    .trim()
    .min(1, { error: `${label} : champ obligatoire` })
    .max(max, { error: `${label} : ${max} caractères au plus` });

/**
 * A person's name: required text on one line, without control characters or bidirectional marks. A line break
 * would split it across rows of a document or a spreadsheet; a direction mark would show it other than it is.
 */
export const nameText = (label: string, max = 100) =>
  requiredText(label, max).regex(/^[^\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/u, {
    error: `${label} : retour à la ligne et caractères de contrôle interdits`,
  });

/** The earliest birth date accepted: anything before is a typing error (1890 for 1990). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} : ${max} caractères au plus` })
    .optional();

export const frenchPhone = z
  .string()
  .trim()
  .regex(/^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/, { error: 'Numéro de téléphone invalide (ex. 01 23 45 67 89)' });

export const email = z.email({ error: 'Adresse électronique invalide' });

/** Code of a French département in the official list (01…95 with 2A and 2B, overseas 971…988). */
export const departementCode = z
  .string({ error: 'Département : champ obligatoire' })
  .trim()
  .refine((code) => departementByCode(code) !== undefined, { error: 'Département inconnu de la liste officielle' });

/** INSEE code of a commune (5 characters, Corsica included). */
export const postalCode = z.string().regex(/^\d{5}$/, { error: 'Code postal invalide (5 chiffres)' });

export const communeCode = z.string().regex(/^(?:\d{5}|2[AB]\d{3})$/, { error: 'Code commune invalide' });

/**
 * A record in the recycle bin: when, by whom, and the record whose deletion took it there (itself, or the
 * person, measure... it depends on), so it is restored, or deleted for good, with it. A field like any other:
 * it travels, so colleagues' workstations and headquarters leave binned records out too.
 */
export const binnedField = z
  .object({ at: z.iso.datetime(), root: z.string().uuid(), by: z.string().min(1).max(200) })
  .strict()
  .optional();
export type Binned = NonNullable<z.infer<typeof binnedField>>;

/** Fields every stored record carries, stamped by the repositories, never typed by a user. */
export const recordStamp = z.object({
  id: uuid,
  /** The site that created the record: the authority on it. */
  siteId: uuid,
  /** Hybrid logical clock of the last write (see shared/db/hlc.ts). */
  updatedAt: z.string().min(1),
  updatedBy: z.string().min(1),
  /** Tombstone: a deleted record stays, hidden, so the deletion travels; it is final. */
  deleted: z.literal(true).optional(),
});
export type RecordStamp = z.infer<typeof recordStamp>;
