import * as z from 'zod';
import { communeCode, departementCode, EARLIEST_BIRTH_DATE, frenchPhone, isoDate, nameText, optionalText, recordStamp, requiredText } from './common.ts';

/** A person under justice supervision (PPSMJ) followed by the site. Identifying fields never leave the site. */
export const personFields = z.object({
  lastName: nameText('Nom'),
  firstName: nameText('Prénom'),
  birthDate: isoDate.refine((date) => date >= EARLIEST_BIRTH_DATE, { error: 'Date de naissance : le 01/01/1900 au plus tôt' }),
  caseNumber: requiredText('Numéro de dossier', 50),
  communeCode: communeCode.optional(),
  communeName: optionalText('Commune', 200),
  departement: departementCode.optional(),
  phone: frenchPhone.optional(),
  /** Name of the follow-up counsellor (CPIP). */
  counsellor: optionalText('Conseiller référent', 200),
});
export const personSchema = recordStamp.extend(personFields.shape);
export type PersonInput = z.input<typeof personFields>;
export type Person = z.infer<typeof personSchema>;
