import * as z from 'zod';
import { departementCode, email, frenchPhone, optionalText, postalCode, requiredText, uuid } from './common.ts';

export const siteKinds = ['spip', 'etablissement', 'pjj', 'atigip'] as const;
export type SiteKind = (typeof siteKinds)[number];
export const siteKindLabels: Record<SiteKind, string> = {
  spip: 'SPIP (service pénitentiaire d’insertion et de probation)',
  etablissement: 'Établissement pénitentiaire',
  pjj: 'Unité de la PJJ',
  atigip: 'ATIGIP (siège)',
};

/** What the first-run form asks: who this installation is. */
export const siteSetupFields = z.object({
  kind: z.enum(siteKinds, { error: 'Type de site : choisissez une valeur de la liste' }),
  code: z
    .string({ error: 'Code du site : champ obligatoire' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, {
      error: 'Code du site : 2 à 20 caractères, lettres, chiffres et tirets (ex. SPIP-54)',
    }),
  name: requiredText('Nom du site'),
  departement: departementCode,
  userName: requiredText('Votre nom', 100),
});
export type SiteSetupInput = z.input<typeof siteSetupFields>;

/** The installation's identity, kept in the local database and never in the change log. */
export const siteIdentitySchema = siteSetupFields.extend({
  siteId: uuid,
  /** One per database: later several workstations of an office each have their own. */
  deviceId: uuid,
  createdAt: z.string(),
});
export type SiteIdentity = z.infer<typeof siteIdentitySchema>;

/** How to reach the service: printed on every document it issues (a tutor « signale au service »). */
export const siteContactSchema = z.object({
  /** Street lines; the postal code and commune follow on their own line, as La Poste wants them. */
  address: optionalText('Adresse du service', 300),
  postalCode: postalCode.optional(),
  communeName: optionalText('Commune', 100),
  phone: frenchPhone.optional(),
  email: email.optional(),
});
export type SiteContact = z.infer<typeof siteContactSchema>;
export type SiteContactInput = { [K in keyof SiteContact]?: string };
