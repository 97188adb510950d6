import { describe, expect, it } from 'vitest';
import { measureKinds } from '../schemas/measureKinds.ts';
import { HOURS_ORDERED_QUARTERS, hoursOrderedBounds, hoursOrderedError, hoursOrderedHint, isTigKind } from './hours.ts';
import { measureFields } from '../schemas/measure.ts';
import { wireEntities } from '../sync/travel.ts';

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

  it('are at most 100 for a TNR for a délit (art. 41-2 CPP) and 30 for a contravention (art. 41-3 CPP), with no minimum', () => {
    expect(hoursOrderedError('tnr', 'delit', 100)).toBeUndefined();
    expect(hoursOrderedError('tnr', 'delit', 0.25)).toBeUndefined();
    expect(hoursOrderedError('tnr', 'delit', 150)).toBe(
      'Heures ordonnées : un TNR pour un délit compte 100 heures au plus (article 41-2 du code de procédure pénale) (150 saisies)',
    );
    expect(hoursOrderedError('tnr', 'contravention_5e', 30)).toBeUndefined();
    expect(hoursOrderedError('tnr', 'contravention_5e', 30.25)).toMatch(/30 heures au plus \(article 41-3 du code de procédure pénale\)/);
    expect(hoursOrderedHint('tnr', 'contravention_5e')).toBe(
      '30 heures au plus pour un TNR pour une contravention de 5e classe (article 41-3 du code de procédure pénale)',
    );
    expect(hoursOrderedHint('tig_peine', 'delit')).toBe('De 20 à 400 heures entières pour un TIG prononcé pour un délit');
  });

  it('are what the decision orders for stages, réparation pénale and activité de jour', () => {
    const others = measureKinds.filter((k) => !isTigKind(k) && k !== 'tnr');
    expect(others).toEqual(['reparation_penale', 'stage', 'activite_de_jour']);
    for (const kind of others) {
      expect(hoursOrderedHint(kind, 'delit')).toBeUndefined();
      expect(hoursOrderedBounds(kind, 'delit')).toBeUndefined();
      expect(hoursOrderedError(kind, 'delit', 8)).toBeUndefined();
      expect(hoursOrderedError(kind, 'contravention_5e', 500)).toBeUndefined();
    }
  });

  it('are whole hours for a TIG and quarter hours for the other measures, in the schema forms, imports and sync share', () => {
    expect(hoursOrderedError('tig_peine', 'delit', 20.5)).toBe('Heures ordonnées : un TIG se prononce en heures entières (20,5 saisies)');
    expect(hoursOrderedError('sursis_probatoire_tig', 'contravention_5e', 35.25)).toMatch(/heures entières/);
    expect(hoursOrderedError('tnr', 'delit', 7.25)).toBeUndefined();
    const measure = (kind: string, hoursOrdered: number) => ({
      personId: '0190b7a0-0000-7000-8000-000000000001',
      kind,
      jurisdiction: 'Tribunal correctionnel de Nancy',
      decisionDate: '2026-06-01',
      offenceDate: '2026-01-10',
      offenceCategory: 'delit',
      hoursOrdered,
      periodStart: '2026-07-01',
      periodMonths: 12,
      status: 'a_affecter',
    });
    const issues = (kind: string, hours: number) => measureFields.safeParse(measure(kind, hours)).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues('tig_peine', 70)).toEqual([]);
    expect(issues('tig_peine', 70.5)).toEqual([['hoursOrdered', 'Heures ordonnées : un TIG se prononce en heures entières (70,5 saisies)']]);
    expect(issues('tig_peine', 70.3)).toEqual([['hoursOrdered', HOURS_ORDERED_QUARTERS]]);
    expect(issues('stage', 10.75)).toEqual([]);
    expect(issues('activite_de_jour', 10.1)).toEqual([['hoursOrdered', HOURS_ORDERED_QUARTERS]]);
    // The TNR's own limits, on the whole measure: 150 hours and 12 months are each refused once.
    expect(issues('tnr', 150).map(([path]) => path)).toEqual(['hoursOrdered', 'periodMonths']);
    expect(measureFields.safeParse({ ...measure('tnr', 100), periodMonths: 6 }).success).toBe(true);
    // Sync checks each field on its own: the quarter hours, whatever the kind.
    const wire = wireEntities.measure.fields.get('hoursOrdered')!.schema;
    expect(wire.safeParse(10.75).success).toBe(true);
    expect(wire.safeParse(10.1).success).toBe(false);
  });
});
