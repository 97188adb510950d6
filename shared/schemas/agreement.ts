import * as z from 'zod';
import { isoDate, optionalText, recordStamp } from './common.ts';
import type { Gender } from '../format/agreement.ts';

export const agreementKinds = ['accord_cadre_national', 'convention_objectifs', 'convention_locale'] as const;
export type AgreementKind = (typeof agreementKinds)[number];
export const agreementKindLabels: Record<AgreementKind, string> = {
  accord_cadre_national: 'Accord-cadre national',
  convention_objectifs: 'Convention d’objectifs',
  convention_locale: 'Convention locale',
};
export const agreementKindGenders: Record<AgreementKind, Gender> = {
  accord_cadre_national: 'm',
  convention_objectifs: 'f',
  convention_locale: 'f',
};

export const agreementScopes = ['tig', 'tnr', 'reparation_penale', 'stage', 'activite_de_jour', 'formation', 'travail_detention'] as const;
export type AgreementScope = (typeof agreementScopes)[number];
export const agreementScopeLabels: Record<AgreementScope, string> = {
  tig: 'Travail d’intérêt général (TIG)',
  tnr: 'Travail non rémunéré (TNR)',
  reparation_penale: 'Réparation pénale',
  stage: 'Stage',
  activite_de_jour: 'Activité de jour',
  formation: 'Formation',
  travail_detention: 'Travail en détention',
};

/**
 * An agreement signed with a partner. The local host organisations attached to it are not listed here:
 * each organisation names its agreement (`organisation.agreementId`), so the link has one owner.
 */
export const agreementFields = z
  .object({
    partnerId: z.string({ error: 'Partenaire : choisissez un partenaire' }).uuid({ error: 'Partenaire : choisissez un partenaire' }),
    kind: z.enum(agreementKinds, { error: 'Type d’accord : choisissez une valeur de la liste' }),
    title: optionalText('Intitulé', 300),
    signedOn: isoDate,
    validFrom: isoDate,
    validUntil: isoDate.optional(),
    scope: z
      .array(z.enum(agreementScopes, { error: 'Champ de l’accord : choisissez des valeurs de la liste' }))
      .min(1, { error: 'Champ de l’accord : cochez au moins une mesure ou activité' })
      .refine((s) => new Set(s).size === s.length, { error: 'Champ de l’accord : une valeur est cochée deux fois' }),
    commitments: optionalText('Engagements', 8000),
  })
  .refine((a) => !a.validUntil || a.validUntil >= a.validFrom, {
    error: 'La fin de validité doit suivre le début de validité',
    path: ['validUntil'],
  });
export const agreementSchema = recordStamp.extend(agreementFields.shape);
export type AgreementInput = z.input<typeof agreementFields>;
export type Agreement = z.infer<typeof agreementSchema>;
