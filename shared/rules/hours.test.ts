import { describe, expect, it } from 'vitest';
import { measureKinds } from '../schemas/measure.ts';
import { hoursOrderedBounds, hoursOrderedError, isTigKind } from './hours.ts';

describe('hours ordered', () => {
  it('are 20 to 400 for a TIG for a délit', () => {
    for (const kind of ['tig_peine', 'sursis_probatoire_tig'] as const) {
      expect(hoursOrderedError(kind, 'delit', 20)).toBeUndefined();
      expect(hoursOrderedError(kind, 'delit', 400)).toBeUndefined();
      expect(hoursOrderedError(kind, 'delit', 19.5)).toMatch(/de 20 à 400 heures/);
      expect(hoursOrderedError(kind, 'delit', 401)).toMatch(/délit/);
    }
  });

  it('are 20 to 120 for a TIG for a 5th-class contravention', () => {
    expect(hoursOrderedError('tig_peine', 'contravention_5e', 120)).toBeUndefined();
    expect(hoursOrderedError('tig_peine', 'contravention_5e', 121)).toMatch(/contravention de 5e classe compte de 20 à 120 heures/);
    expect(hoursOrderedError('sursis_probatoire_tig', 'contravention_5e', 10)).toMatch(/de 20 à 120/);
  });

  it('are what the decision orders for the other measures', () => {
    const others = measureKinds.filter((k) => !isTigKind(k));
    expect(others).toEqual(['tnr', 'reparation_penale', 'stage', 'activite_de_jour']);
    for (const kind of others) {
      expect(hoursOrderedBounds(kind, 'delit')).toBeUndefined();
      expect(hoursOrderedError(kind, 'delit', 8)).toBeUndefined();
      expect(hoursOrderedError(kind, 'contravention_5e', 500)).toBeUndefined();
    }
  });
});
