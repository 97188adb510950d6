import { describe, expect, it } from 'vitest';
import { isActive, navigation } from './navigation.ts';
import { syncLabel } from './StatusBar.tsx';

describe('navigation', () => {
  it('lists the seven features of the issue in order', () => {
    expect(navigation.map((n) => n.label)).toEqual([
      'Tableau de bord',
      'Personnes et mesures',
      'Structures et postes TIG',
      'Ateliers et formations',
      'Partenariats',
      'Synchronisation',
      'Paramètres',
    ]);
  });

  it('marks the entry of the current screen, sub-screens included, and the dashboard only at the root', () => {
    const persons = navigation[1]!;
    expect(isActive(persons, '/personnes/123')).toBe(true);
    expect(isActive(navigation[0]!, '/personnes')).toBe(false);
    expect(isActive(navigation[0]!, '/')).toBe(true);
  });
});

describe('status bar', () => {
  it('says in French how many changes wait for headquarters', () => {
    expect(syncLabel(0)).toBe('Aucun changement en attente d’envoi');
    expect(syncLabel(1)).toBe('1 changement en attente d’envoi');
    expect(syncLabel(1340)).toBe('1\u202f340 changements en attente d’envoi');
  });
});
