import * as z from 'zod';
import { optionalText, recordStamp, requiredText, uuid } from './common.ts';

export const programmeKinds = [
  'atelier_production',
  'formation_professionnelle',
  'apprentissage',
  'tig_pedagogique',
  'module_insertion',
  'entrepreneuriat',
  'autre',
] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];
export const programmeKindLabels: Record<ProgrammeKind, string> = {
  atelier_production: 'Atelier de production',
  formation_professionnelle: 'Formation professionnelle',
  apprentissage: 'Apprentissage',
  tig_pedagogique: 'TIG pédagogique',
  module_insertion: 'Module d’insertion',
  entrepreneuriat: 'Programme entrepreneuriat',
  autre: 'Autre',
};

/** Activity domains of workshops and training, as IPRO 360° lists them for establishments. */
export const workDomains = [
  'dao',
  'metallerie',
  'recyclage_informatique',
  'services_entreprises',
  'conditionnement_logistique',
  'menuiserie',
  'confection_textile',
  'cuisine_restauration',
  'batiment',
  'espaces_verts_agriculture',
  'numerique',
  'entretien_proprete',
  'insertion_emploi',
  'creation_entreprise',
  'autre',
] as const;
export type WorkDomain = (typeof workDomains)[number];
export const workDomainLabels: Record<WorkDomain, string> = {
  dao: 'Dessin assisté par ordinateur (DAO)',
  metallerie: 'Métallerie',
  recyclage_informatique: 'Recyclage de matériels informatiques',
  services_entreprises: 'Services aux entreprises',
  conditionnement_logistique: 'Conditionnement et logistique',
  menuiserie: 'Menuiserie',
  confection_textile: 'Confection et textile',
  cuisine_restauration: 'Cuisine et restauration',
  batiment: 'Bâtiment',
  espaces_verts_agriculture: 'Espaces verts et agriculture',
  numerique: 'Numérique',
  entretien_proprete: 'Entretien et propreté',
  insertion_emploi: 'Insertion et recherche d’emploi',
  creation_entreprise: 'Création d’entreprise',
  autre: 'Autre',
};

export const milieux = ['ouvert', 'ferme'] as const;
export type Milieu = (typeof milieux)[number];
export const milieuLabels: Record<Milieu, string> = {
  ouvert: 'Milieu ouvert',
  ferme: 'Milieu fermé',
};

/**
 * A workshop, training or insertion action run by the site, in sessions. The site that records it is the
 * site where it runs (the record's `siteId`).
 */
export const programmeFields = z
  .object({
    kind: z.enum(programmeKinds, { error: 'Type de programme : choisissez une valeur de la liste' }),
    title: requiredText('Intitulé du programme'),
    partnerId: uuid.optional(),
    domain: z.enum(workDomains, { error: 'Domaine d’activité : choisissez une valeur de la liste' }),
    milieu: z.enum(milieux, { error: 'Milieu : ouvert ou fermé' }),
    places: z
      .number({ error: 'Places : nombre attendu' })
      .int({ error: 'Places : nombre entier attendu' })
      .min(1, { error: 'Places : au moins 1' })
      .max(500, { error: 'Places : 500 au plus' }),
    description: optionalText('Description', 4000),
  })
  // A TIG is served in the community: incarceration suspends it.
  .refine((p) => p.kind !== 'tig_pedagogique' || p.milieu === 'ouvert', {
    error: 'Un TIG pédagogique se déroule en milieu ouvert',
    path: ['milieu'],
  })
  // Production workshops are the prison workshops the SEP and concessionaires run.
  .refine((p) => p.kind !== 'atelier_production' || p.milieu === 'ferme', {
    error: 'Un atelier de production se situe en détention (milieu fermé)',
    path: ['milieu'],
  });
export const programmeSchema = recordStamp.extend(programmeFields.shape);
export type ProgrammeInput = z.input<typeof programmeFields>;
export type Programme = z.infer<typeof programmeSchema>;
