import { describe, expect, it } from 'vitest';
import { headquartersNavigation, isActive, navigation, navigationFor } from './navigation.ts';

describe('navigation', () => {
  it('lists the features of a site in order', () => {
    expect(navigation.map((n) => n.label)).toEqual([
      'Tableau de bord',
      'Personnes et mesures',
      'Structures et postes TIG',
      'Ateliers et formations',
      'Partenariats',
      'Transferts',
      'Synchronisation',
      'Bureau',
      'Corbeille',
      'Paramètres',
    ]);
  });

  it('gives headquarters its consolidation, partnerships and establishments, and no screen about persons', () => {
    expect(navigationFor('atigip')).toBe(headquartersNavigation);
    expect(headquartersNavigation.map((n) => n.label)).toEqual([
      'Tableau de bord',
      'Consolidation',
      'Partenariats',
      'Établissements (IPRO 360°)',
      'Corbeille',
      'Paramètres',
    ]);
    for (const kind of ['spip', 'etablissement', 'pjj'] as const) expect(navigationFor(kind)).toBe(navigation);
  });

  it('marks the entry of the current screen, sub-screens included, and the dashboard only at the root', () => {
    const persons = navigation[1]!;
    expect(isActive(persons, '/personnes/123')).toBe(true);
    expect(isActive(navigation[0]!, '/personnes')).toBe(false);
    expect(isActive(navigation[0]!, '/')).toBe(true);
  });
});
