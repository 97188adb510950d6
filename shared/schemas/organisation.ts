import * as z from 'zod';
import {
  binnedField,
  communeCode,
  departementCode,
  email,
  frenchPhone,
  nameText,
  optionalText,
  postalCode,
  recordStamp,
  requiredText,
  uuid,
} from './common.ts';
import { isValidSiret } from '../rules/siret.ts';

export const organisationKinds = ['organisme_public', 'prive_mission_service_public', 'collectivite_territoriale', 'association'] as const;
export const organisationKindLabels: Record<OrganisationKind, string> = {
  organisme_public: 'Personne morale de droit public',
  prive_mission_service_public: 'Personne morale de droit privé chargée d’une mission de service public',
  collectivite_territoriale: 'Collectivité territoriale',
  association: 'Association',
};
export type OrganisationKind = (typeof organisationKinds)[number];

/** Host organisation (structure d'accueil) as a user types it. */
export const organisationFields = z.object({
  // One line, printed in documents, exports and every site's list of partners: no line break, control or direction mark.
  name: nameText('Nom de la structure', 200),
  kind: z.enum(organisationKinds, { error: 'Type de structure : choisissez une valeur de la liste' }),
  siret: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s+/g, ''))
    .refine(isValidSiret, { error: 'SIRET invalide : 14 chiffres dont la clé de contrôle est juste' })
    .optional(),
  street: optionalText('Adresse', 300),
  postalCode: postalCode.optional(),
  communeCode: communeCode.optional(),
  communeName: requiredText('Commune'),
  departement: departementCode,
  contactName: optionalText('Contact', 200),
  contactPhone: frenchPhone.optional(),
  contactEmail: email.optional(),
  /** National framework agreement the organisation belongs to; the link lives here only. */
  agreementId: uuid.optional(),
  notes: optionalText('Notes', 4000),
  /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
  binned: binnedField,
});
export const organisationSchema = recordStamp.extend(organisationFields.shape);
export type OrganisationInput = z.input<typeof organisationFields>;
export type Organisation = z.infer<typeof organisationSchema>;
