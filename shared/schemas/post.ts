import * as z from 'zod';
import { binnedField, communeCode, departementCode, optionalText, recordStamp, requiredText, uuid } from './common.ts';

export const activityDomains = [
  'espaces_verts',
  'entretien_nettoyage',
  'restauration',
  'logistique',
  'aide_personne',
  'patrimoine_culture',
  'sport',
  'environnement_recyclage',
  'administratif',
  'batiment',
  'animation',
  'autre',
] as const;
export type ActivityDomain = (typeof activityDomains)[number];
export const activityDomainLabels: Record<ActivityDomain, string> = {
  espaces_verts: 'Espaces verts',
  entretien_nettoyage: 'Entretien et nettoyage',
  restauration: 'Restauration',
  logistique: 'Logistique',
  aide_personne: 'Aide à la personne',
  patrimoine_culture: 'Patrimoine et culture',
  sport: 'Sport',
  environnement_recyclage: 'Environnement et recyclage',
  administratif: 'Administratif',
  batiment: 'Bâtiment',
  animation: 'Animation',
  autre: 'Autre',
};

/** The most tutors named on one post (what travels is bounded, even a list). */
export const MAX_POST_TUTORS = 50;

/** A TIG post offered by a host organisation. */
export const postFields = z.object({
  organisationId: uuid,
  tutorIds: z.array(uuid).max(MAX_POST_TUTORS, { error: `Tuteurs : ${MAX_POST_TUTORS} au plus` }),
  title: requiredText('Intitulé du poste'),
  domain: z.enum(activityDomains, { error: 'Domaine d’activité : choisissez une valeur de la liste' }),
  communeCode: communeCode.optional(),
  communeName: requiredText('Commune'),
  departement: departementCode,
  schedule: optionalText('Horaires', 500),
  capacity: z
    .number({ error: 'Capacité : nombre attendu' })
    .int({ error: 'Capacité : nombre entier attendu' })
    .min(1, { error: 'Capacité : au moins 1 personne' })
    .max(100, { error: 'Capacité : 100 personnes au plus' }),
  openToMinors: z.boolean(),
  accessiblePmr: z.boolean(),
  active: z.boolean(),
  description: optionalText('Description', 4000),
  /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
  binned: binnedField,
});
export const postSchema = recordStamp.extend(postFields.shape);
export type PostInput = z.input<typeof postFields>;
export type Post = z.infer<typeof postSchema>;
