import { describe, expect, it } from 'vitest';
import {
  TIG_IN_HOURS,
  agreed,
  amountWith,
  formatAmount,
  formatProgress,
  isComplete,
  orderedOf,
  orderedUnitError,
  progressOf,
  progressOfLogs,
} from './ordered.ts';
import { measureKinds } from '../schemas/measureKinds.ts';
import { wireEntities } from '../sync/travel.ts';

describe('what a decision orders', () => {
  it('is hours, or days for a measure so ordered', () => {
    expect(orderedOf({ hoursOrdered: 70 })).toEqual({ unit: 'hours', amount: 70 });
    expect(orderedOf({ daysOrdered: 3 })).toEqual({ unit: 'days', amount: 3 });
  });

  it('is never days for a TIG; TNR, stage, réparation pénale and activité de jour may be either', () => {
    const inDays = measureKinds.filter((k) => orderedUnitError(k, 'days') === undefined);
    expect(inDays).toEqual(['tnr', 'reparation_penale', 'stage', 'activite_de_jour']);
    expect(orderedUnitError('tig_peine', 'days')).toBe(TIG_IN_HOURS);
    expect(orderedUnitError('sursis_probatoire_tig', 'days')).toBe(TIG_IN_HOURS);
    for (const kind of measureKinds) expect(orderedUnitError(kind, 'hours')).toBeUndefined();
  });

  it('counts days done as the distinct days with hours', () => {
    const logs = [
      { date: '2026-11-02', hours: 3 },
      { date: '2026-11-02', hours: 4 },
      { date: '2026-11-05', hours: 7 },
    ];
    expect(progressOfLogs({ daysOrdered: 3 }, logs)).toEqual({ unit: 'days', ordered: 3, done: 2, remaining: 1 });
    expect(progressOfLogs({ hoursOrdered: 20 }, logs)).toEqual({ unit: 'hours', ordered: 20, done: 14, remaining: 6 });
  });

  it('is complete when what it ordered is done, never with a remainder below zero', () => {
    const progress = progressOf({ unit: 'days', amount: 2 }, { hours: 30, days: 2 });
    expect(progress).toEqual({ unit: 'days', ordered: 2, done: 2, remaining: 0 });
    expect(isComplete(progress)).toBe(true);
    expect(isComplete(progressOf({ unit: 'hours', amount: 20 }, { hours: 19.75, days: 5 }))).toBe(false);
    expect(progressOf({ unit: 'hours', amount: 20 }, { hours: 21, days: 3 }).remaining).toBe(0);
  });

  it('reads in French, the participle agreeing with heures or jours', () => {
    expect(formatAmount('hours', 7.5)).toBe('7,5 h');
    expect(formatAmount('days', 1)).toBe('1 jour');
    expect(formatAmount('days', 3)).toBe('3 jours');
    expect(amountWith('hours', 70, 'ordonné')).toBe('70 h ordonnées');
    expect(amountWith('days', 1, 'effectué')).toBe('1 jour effectué');
    expect(amountWith('days', 0, 'effectué')).toBe('0 jour effectué');
    expect(amountWith('days', 3, 'effectué')).toBe('3 jours effectués');
    expect(agreed('days', 2, 'ordonné')).toBe('ordonnés');
    expect(formatProgress({ unit: 'days', done: 2, ordered: 3 })).toBe('2 jours sur 3 jours');
  });

  it('travels to headquarters with the measure, checked as the schema checks it', () => {
    const wire = wireEntities.measure.fields.get('daysOrdered')!.schema;
    expect(wire.safeParse(3).success).toBe(true);
    expect(wire.safeParse(2.5).success).toBe(false);
    expect(wire.safeParse(0).success).toBe(false);
  });
});
