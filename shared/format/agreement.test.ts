import { describe, expect, it } from 'vitest';
import { agree, counted, isPlural, noun, ofPlace } from './agreement.ts';
import { agreementKindGenders, agreementKindLabels } from '../schemas/agreement.ts';
import { capacityError } from '../rules/capacity.ts';
import { hourLogErrors, type HourLogFacts } from '../rules/hourLimits.ts';
import { amountWith } from '../rules/ordered.ts';

describe('French agreement', () => {
  it('takes the singular below two, the plural from two', () => {
    expect([0, 1, 1.5, 1.75, 2, 2.5, -1, -2].map(isPlural)).toEqual([false, false, false, false, true, true, false, true]);
    expect([0, 1, 1.5, 2, 12].map((n) => counted(n, 'jour'))).toEqual(['0 jour', '1 jour', '1,5 jour', '2 jours', '12 jours']);
    expect(counted(2, 'travail', 'travaux')).toBe('2 travaux');
    expect(noun(1, 'est prête', 'sont prêtes')).toBe('est prête');
  });

  it('agrees a participle or an adjective in gender and number', () => {
    expect(['m', 'f'].flatMap((g) => [1, 2].map((n) => agree('enregistré', g as 'm' | 'f', n)))).toEqual([
      'enregistré',
      'enregistrés',
      'enregistrée',
      'enregistrées',
    ]);
    expect(agree('écrit', 'f', 2)).toBe('écrites');
    expect(agree('restant', 'f', 1)).toBe('restante');
    expect(agree('libre', 'f', 2)).toBe('libres');
    expect(agree('mis', 'f', 1)).toBe('mise');
    expect(agree('mis', 'm', 3)).toBe('mis');
  });

  it('says what the field saw: « Convention locale enregistrée », « 1 h restante », « 1 personne déjà placée »', () => {
    expect(`${agreementKindLabels.convention_locale} ${agree('enregistré', agreementKindGenders.convention_locale)}`).toBe('Convention locale enregistrée');
    expect(`${agreementKindLabels.accord_cadre_national} ${agree('enregistré', agreementKindGenders.accord_cadre_national)}`).toBe(
      'Accord-cadre national enregistré',
    );
    const facts: HourLogFacts = {
      date: '2026-11-20',
      hours: 2,
      today: '2026-11-25',
      measure: { kind: 'stage', offenceCategory: 'delit', hoursOrdered: 2, periodStart: '2026-10-01', periodMonths: 12, suspensions: [] },
      personHoursThatDay: 0,
      measureDone: { hours: 1, days: new Set() },
    };
    expect(hourLogErrors(facts).map((e) => e.message)).toEqual(['Le total dépasserait les 2 h ordonnées : 1 h déjà effectuée, 1 h restante']);
    expect(amountWith('hours', 1, 'effectué')).toBe('1 h effectuée');
    expect(amountWith('hours', 7.5, 'effectué')).toBe('7,5 h effectuées');
    expect(capacityError(1, [{ startDate: '2026-11-01', plannedEnd: '2026-12-31' }], '2026-11-20', '2026-11-30')).toBe(
      'Le poste est complet le 20/11/2026 : 1 personne déjà placée pour 1 place',
    );
  });
});

describe('« de » before a place name', () => {
  it('elides before a vowel and contracts with the article', () => {
    expect(['Épinal', 'Annœullin', 'Le Havre', 'Les Mureaux', 'La Rochelle', 'Nancy'].map(ofPlace)).toEqual([
      'd’Épinal',
      'd’Annœullin',
      'du Havre',
      'des Mureaux',
      'de La Rochelle',
      'de Nancy',
    ]);
  });
});
