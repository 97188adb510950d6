import * as z from 'zod';
import { communeCode, departementCode, email, frenchPhone, optionalText, recordStamp, requiredText } from './common.ts';
import { disps } from '../reference/disp.ts';
import { workDomains } from './programme.ts';

export { dispLabels, disps, type Disp } from '../reference/disp.ts';

const area = (label: string) =>
  z
    .number({ error: `${label} : nombre de m² attendu` })
    .min(0, { error: `${label} : nombre positif attendu` })
    .max(1_000_000, { error: `${label} : 1 000 000 m² au plus` });

/**
 * What a prison establishment offers a company that would settle an activity there (IPRO 360° side).
 * One per établissement site, written by that site.
 */
export const establishmentProfileFields = z.object({
  name: requiredText('Nom de l’établissement'),
  disp: z.enum(disps, { error: 'DISP : choisissez une valeur de la liste' }),
  communeCode: communeCode.optional(),
  communeName: requiredText('Commune'),
  departement: departementCode,
  capacity: z
    .number({ error: 'Capacité : nombre attendu' })
    .int({ error: 'Capacité : nombre entier attendu' })
    .min(1, { error: 'Capacité : au moins 1 place' }),
  productionArea: area('Surface de production'),
  storageArea: area('Surface de stockage'),
  domains: z
    .array(z.enum(workDomains, { error: 'Domaines d’activité : choisissez des valeurs de la liste' }))
    .refine((d) => new Set(d).size === d.length, { error: 'Domaines d’activité : un domaine est coché deux fois' }),
  /** The local work and training officer, whom a company contacts. */
  officerName: requiredText('Référent travail et formation', 200),
  officerPhone: frenchPhone.optional(),
  officerEmail: email.optional(),
  notes: optionalText('Notes', 4000),
});
export const establishmentProfileSchema = recordStamp.extend(establishmentProfileFields.shape);
export type EstablishmentProfileInput = z.input<typeof establishmentProfileFields>;
export type EstablishmentProfile = z.infer<typeof establishmentProfileSchema>;
