/*
 * What kind of measure was ordered and for what category of offence: the two values its legal bounds depend on.
 * A leaf file, so the rules that read them (hours, age, sessions) need not import the measure schema, which
 * checks a measure with those rules.
 */

export const measureKinds = ['tig_peine', 'sursis_probatoire_tig', 'tnr', 'reparation_penale', 'stage', 'activite_de_jour'] as const;
export type MeasureKind = (typeof measureKinds)[number];
export const measureKindLabels: Record<MeasureKind, string> = {
  tig_peine: 'TIG (peine)',
  sursis_probatoire_tig: 'Sursis probatoire avec TIG',
  tnr: 'Travail non rémunéré (TNR)',
  reparation_penale: 'Réparation pénale',
  stage: 'Stage',
  activite_de_jour: 'Activité de jour',
};

export const offenceCategories = ['delit', 'contravention_5e'] as const;
export type OffenceCategory = (typeof offenceCategories)[number];
export const offenceCategoryLabels: Record<OffenceCategory, string> = {
  delit: 'Délit',
  contravention_5e: 'Contravention de 5e classe',
};
