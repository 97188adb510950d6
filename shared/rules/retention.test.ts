import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_YEARS, isPastRetention, retentionEnd, retentionPlan, retentionYearsError, type RetentionMeasure } from './retention.ts';

const ended = (id: string, personId: string, endedOn: string, status: RetentionMeasure['status'] = 'terminee'): RetentionMeasure => ({
  id,
  personId,
  status,
  endedOn,
});

describe('retention of closed measures', () => {
  it('keeps five years by default', () => {
    expect(DEFAULT_RETENTION_YEARS).toBe(5);
  });

  it('lets a measure go on the anniversary of its end, not the day before', () => {
    expect(isPastRetention(ended('m', 'p', '2021-11-25'), 5, '2026-11-24')).toBe(false);
    expect(isPastRetention(ended('m', 'p', '2021-11-25'), 5, '2026-11-25')).toBe(true);
    expect(isPastRetention(ended('m', 'p', '2021-11-25'), 6, '2026-11-25')).toBe(false);
  });

  it('counts years as the law counts them from 29 February', () => {
    expect(retentionEnd('2020-02-29', 5)).toBe('2025-02-28');
    expect(retentionEnd('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('applies to a measure ended here, never to an open or transferred one, however old', () => {
    for (const status of ['terminee', 'echue', 'revoquee'] as const) expect(isPastRetention(ended('m', 'p', '2010-01-01', status), 5, '2026-11-25')).toBe(true);
    for (const status of ['a_affecter', 'en_cours', 'suspendue'] as const) expect(isPastRetention({ status }, 5, '2026-11-25')).toBe(false);
    expect(isPastRetention(ended('m', 'p', '2010-01-01', 'transferee'), 5, '2026-11-25')).toBe(false);
  });

  it('keeps a person who was transferred, with their transferred measure', () => {
    const measures = [ended('old', 'moved', '2012-01-01'), ended('handed-over', 'moved', '2012-02-01', 'transferee')];
    expect(retentionPlan(['moved'], measures, 5, '2026-11-25')).toEqual({ measureIds: ['old'], personIds: [] });
  });

  it('removes a person only when none of their measures is left', () => {
    const measures = [
      ended('old-a', 'alone', '2019-05-01'),
      ended('old-b', 'alone', '2020-01-15', 'revoquee'),
      ended('old-c', 'followed', '2018-03-01'),
      { id: 'open', personId: 'followed', status: 'en_cours' as const },
      ended('old-d', 'recent', '2015-06-30', 'echue'),
      ended('new', 'recent', '2024-06-30'),
    ];
    expect(retentionPlan(['alone', 'followed', 'recent', 'no-measure'], measures, 5, '2026-11-25')).toEqual({
      measureIds: ['old-a', 'old-b', 'old-c', 'old-d'],
      personIds: ['alone'],
    });
  });

  it('refuses a period that is not a whole number of years between 1 and 30', () => {
    expect([1, 5, 30].map(retentionYearsError)).toEqual([undefined, undefined, undefined]);
    for (const years of [0, 31, 2.5, Number.NaN]) expect(retentionYearsError(years)).toBe('Durée de conservation : nombre entier d’années entre 1 et 30');
  });
});
