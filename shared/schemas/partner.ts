import * as z from 'zod';
import { binnedField, optionalText, recordStamp, requiredText } from './common.ts';

export const partnerKinds = ['administration', 'entreprise', 'association', 'fondation', 'collectivite'] as const;
export type PartnerKind = (typeof partnerKinds)[number];
export const partnerKindLabels: Record<PartnerKind, string> = {
  administration: 'Administration',
  entreprise: 'Entreprise',
  association: 'Association',
  fondation: 'Fondation',
  collectivite: 'Collectivité',
};

export const partnerScopes = ['national', 'local'] as const;
export type PartnerScope = (typeof partnerScopes)[number];
export const partnerScopeLabels: Record<PartnerScope, string> = {
  national: 'National',
  local: 'Local',
};

/**
 * A partner of the ministry or of a site: a national partner signs framework agreements with headquarters,
 * a local one signs a local convention with a site.
 */
export const partnerFields = z.object({
  name: requiredText('Nom du partenaire'),
  kind: z.enum(partnerKinds, { error: 'Type de partenaire : choisissez une valeur de la liste' }),
  scope: z.enum(partnerScopes, { error: 'Portée : national ou local' }),
  notes: optionalText('Notes', 4000),
  /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
  binned: binnedField,
});
export const partnerSchema = recordStamp.extend(partnerFields.shape);
export type PartnerInput = z.input<typeof partnerFields>;
export type Partner = z.infer<typeof partnerSchema>;
