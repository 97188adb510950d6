import { describe, expect, it } from 'vitest';
import { adjustDays, datesBetween, longDayLabel, MAX_SESSION_SPAN_DAYS, shortDayLabel } from './sessionDays.ts';

describe('session days', () => {
  it('lists every date of a range, and nothing for a reversed, unreal or too long one', () => {
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(datesBetween('2026-03-02', '2026-03-01')).toBeUndefined();
    expect(datesBetween('2026-02-30', '2026-03-02')).toBeUndefined();
    expect(datesBetween('', '2026-03-02')).toBeUndefined();
    expect(datesBetween('2026-01-01', '2026-04-02')).toHaveLength(MAX_SESSION_SPAN_DAYS);
    expect(datesBetween('2026-01-01', '2026-04-03')).toBeUndefined();
  });

  it('proposes the weekdays of a new range, with its first and last dates even on a weekend', () => {
    const none = { start: '', end: '', days: [] };
    expect(adjustDays(none, '2026-11-16', '2026-11-22')).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-22']);
    expect(adjustDays(none, '2026-11-22', '2026-11-16')).toEqual([]);
  });

  it('keeps the user’s choice on dates already in the range when the range grows or shrinks', () => {
    const previous = { start: '2026-11-16', end: '2026-11-20', days: ['2026-11-16', '2026-11-18', '2026-11-20'] };
    expect(adjustDays(previous, '2026-11-16', '2026-11-24')).toEqual(['2026-11-16', '2026-11-18', '2026-11-20', '2026-11-23', '2026-11-24']);
    expect(adjustDays(previous, '2026-11-17', '2026-11-20')).toEqual(['2026-11-17', '2026-11-18', '2026-11-20']);
  });

  it('names days the French way', () => {
    expect(shortDayLabel('2026-11-16')).toBe('lun. 16/11');
    expect(longDayLabel('2026-11-22')).toBe('dimanche 22/11/2026');
  });
});
