import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatHours, formatNumber, isRealDate, parseFrenchDate, todayIso } from './fr.ts';

describe('French formats', () => {
  it('shows dates as jj/mm/aaaa', () => {
    expect(formatDate('2026-01-05')).toBe('05/01/2026');
    expect(formatDate(undefined)).toBe('');
  });

  it('reads jj/mm/aaaa and refuses impossible dates', () => {
    expect(parseFrenchDate('5/1/2026')).toBe('2026-01-05');
    expect(parseFrenchDate('29/02/2025')).toBeUndefined();
    expect(parseFrenchDate('2026-01-05')).toBeUndefined();
    expect(isRealDate('2024-02-29')).toBe(true);
  });

  it('uses French separators', () => {
    expect(formatNumber(2578.5)).toBe('2\u202f578,5');
    expect(formatHours(3.25)).toBe('3,25 h');
  });

  it('shows instants in Paris time', () => {
    expect(formatDateTime('2026-11-25T17:30:00Z')).toBe('25/11/2026 à 18:30');
    expect(todayIso(Date.parse('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
