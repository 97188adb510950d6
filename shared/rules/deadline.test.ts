import { describe, expect, it } from 'vitest';
import { deadlineInfo, deadlineOf, isSuspendedOn, MAX_PERIOD_MONTHS, periodMonthsError, suspensionDays, suspensionsError } from './deadline.ts';

const period = { periodStart: '2026-01-15', periodMonths: 12, suspensions: [] };

describe('deadline of a measure', () => {
  it('is the period start plus the period months', () => {
    expect(deadlineOf(period, '2026-06-01')).toBe('2027-01-15');
  });

  it('moves by every day of every suspension, both ends included', () => {
    const suspended = {
      ...period,
      suspensions: [
        { from: '2026-03-01', to: '2026-03-10' },
        { from: '2026-05-01', to: '2026-05-01' },
      ],
    };
    expect(suspensionDays({ from: '2026-03-01', to: '2026-03-10' }, '2026-06-01')).toBe(10);
    expect(deadlineOf(suspended, '2026-06-01')).toBe('2027-01-26');
  });

  it('keeps moving while a suspension goes on', () => {
    const open = { ...period, suspensions: [{ from: '2026-05-01' }] };
    expect(deadlineOf(open, '2026-05-01')).toBe('2027-01-16');
    expect(deadlineOf(open, '2026-05-31')).toBe('2027-02-15');
  });

  it('gives the days remaining and flags fewer than 60', () => {
    expect(deadlineInfo(period, '2026-11-16')).toEqual({ deadline: '2027-01-15', daysRemaining: 60, flagged: false, passed: false });
    expect(deadlineInfo(period, '2026-11-17')).toMatchObject({ daysRemaining: 59, flagged: true, passed: false });
    expect(deadlineInfo(period, '2027-01-15')).toMatchObject({ daysRemaining: 0, flagged: true, passed: false });
    expect(deadlineInfo(period, '2027-01-16')).toMatchObject({ daysRemaining: -1, flagged: true, passed: true });
  });

  it('allows a TIG a period of at most 18 months, and every other measure no more', () => {
    for (const kind of ['tig_peine', 'sursis_probatoire_tig', 'stage', 'reparation_penale', 'activite_de_jour'] as const) {
      expect(periodMonthsError(kind, 'delit', MAX_PERIOD_MONTHS)).toBeUndefined();
      expect(periodMonthsError(kind, 'contravention_5e', 19)).toMatch(/18 mois au plus \(article 131-22 du code pénal\)/);
    }
  });

  it('allows a TNR 6 months for a délit (art. 41-2 CPP) and 3 months for a contravention (art. 41-3 CPP)', () => {
    expect(periodMonthsError('tnr', 'delit', 6)).toBeUndefined();
    expect(periodMonthsError('tnr', 'delit', 7)).toBe('Délai d’exécution : 6 mois au plus pour un TNR (article 41-2 du code de procédure pénale)');
    expect(periodMonthsError('tnr', 'contravention_5e', 3)).toBeUndefined();
    expect(periodMonthsError('tnr', 'contravention_5e', 4)).toBe('Délai d’exécution : 3 mois au plus pour un TNR (article 41-3 du code de procédure pénale)');
  });

  it('refuses overlapping suspensions and a suspension after a running one', () => {
    expect(suspensionsError([{ from: '2026-03-01', to: '2026-03-10' }, { from: '2026-03-11' }])).toBeUndefined();
    expect(
      suspensionsError([
        { from: '2026-03-05', to: '2026-03-20' },
        { from: '2026-03-01', to: '2026-03-05' },
      ]),
    ).toMatch(/se chevauchent/);
    expect(suspensionsError([{ from: '2026-03-01' }, { from: '2026-04-01', to: '2026-04-02' }])).toMatch(/n’est pas terminée/);
  });

  it('knows the suspended days', () => {
    const suspensions = [{ from: '2026-03-01', to: '2026-03-10' }, { from: '2026-06-01' }];
    expect(isSuspendedOn(suspensions, '2026-03-10')).toBe(true);
    expect(isSuspendedOn(suspensions, '2026-03-11')).toBe(false);
    expect(isSuspendedOn(suspensions, '2027-01-01')).toBe(true);
  });
});
