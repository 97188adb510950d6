import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './calendar.ts';
import {
  capacityError,
  freePlacesDuring,
  holdsPlace,
  lastDayOf,
  occupiedSpan,
  occupiedSpans,
  peakOverlap,
  placementStatusText,
  type Span,
} from './capacity.ts';

const span = (startDate: string, plannedEnd: string): Span => ({ startDate, plannedEnd });

describe('post capacity', () => {
  it('finds the busiest day, not only the first day of the period', () => {
    // Nobody on 1 March; two placements that do not touch each other both overlap 10 to 12 March.
    const spans = [span('2026-03-05', '2026-03-12'), span('2026-03-10', '2026-03-20')];
    expect(peakOverlap(spans, '2026-03-01', '2026-03-31')).toEqual({ count: 2, date: '2026-03-10' });
    expect(freePlacesDuring(2, spans, '2026-03-01', '2026-03-01')).toBe(2);
    expect(freePlacesDuring(2, spans, '2026-03-01', '2026-03-31')).toBe(0);
    expect(capacityError(2, spans, '2026-03-01', '2026-03-31')).toBe('Le poste est complet le 10/03/2026 : 2 personnes déjà placées pour 2 places');
  });

  it('lets a placement start the day after another ends', () => {
    const spans = [span('2026-03-01', '2026-03-09')];
    expect(capacityError(1, spans, '2026-03-10', '2026-04-10')).toBeUndefined();
    expect(capacityError(1, spans, '2026-03-09', '2026-04-10')).toMatch(/complet le 09\/03\/2026 : 1 personne déjà placée pour 1 place$/);
  });

  it('counts only overlaps inside the period', () => {
    const spans = [span('2026-01-01', '2026-01-31'), span('2026-01-15', '2026-02-15'), span('2026-03-01', '2026-03-02')];
    expect(peakOverlap(spans, '2026-02-01', '2026-02-28').count).toBe(1);
    expect(freePlacesDuring(3, spans, '2026-01-01', '2026-03-31')).toBe(1);
  });

  it('agrees with a day-by-day count', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-01-01', n));
    const spanArb = fc.tuple(day, fc.integer({ min: 0, max: 20 })).map(([start, len]) => span(start, addDays(start, len)));
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 8 }), day, fc.integer({ min: 0, max: 30 }), (spans, from, len) => {
        const to = addDays(from, len);
        let brute = 0;
        for (let i = 0; i <= daysBetween(from, to); i++) {
          const d = addDays(from, i);
          brute = Math.max(brute, spans.filter((s) => s.startDate <= d && d <= s.plannedEnd).length);
        }
        expect(peakOverlap(spans, from, to).count).toBe(brute);
      }),
    );
  });

  it('frees the place of ended and interrupted placements', () => {
    expect(holdsPlace('prevue')).toBe(true);
    expect(holdsPlace('en_cours')).toBe(true);
    expect(holdsPlace('terminee')).toBe(false);
    expect(holdsPlace('interrompue')).toBe(false);
  });

  it('counts an ended placement up to its real end, and one interrupted before it began not at all', () => {
    const planned = { startDate: '2026-10-01', plannedEnd: '2027-03-31' };
    expect(occupiedSpan({ ...planned, status: 'en_cours' })).toEqual(planned);
    expect(occupiedSpan({ ...planned, status: 'terminee', endedOn: '2026-11-10' })).toEqual({ startDate: '2026-10-01', plannedEnd: '2026-11-10' });
    expect(occupiedSpan({ ...planned, status: 'interrompue' })).toBeUndefined();
    expect(lastDayOf({ plannedEnd: '2027-03-31', endedOn: '2026-11-10' })).toBe('2026-11-10');
    const spans = occupiedSpans([{ ...planned, status: 'interrompue', endedOn: '2026-11-10' }]);
    expect(freePlacesDuring(1, spans, '2026-11-10', '2026-11-10')).toBe(0);
    expect(freePlacesDuring(1, spans, '2026-11-11', '2026-12-31')).toBe(1);
  });
});

describe('placement status as read on a day', () => {
  const placement = { startDate: '2026-03-10', plannedEnd: '2026-04-10' };

  it('reads a planned placement as running once its start has come, and flags one past its planned end', () => {
    expect(placementStatusText({ ...placement, status: 'prevue' }, '2026-03-09')).toBe('Prévue');
    expect(placementStatusText({ ...placement, status: 'prevue' }, '2026-03-10')).toBe('En cours');
    expect(placementStatusText({ ...placement, status: 'en_cours' }, '2026-04-10')).toBe('En cours');
    expect(placementStatusText({ ...placement, status: 'en_cours' }, '2026-04-11')).toBe('Fin prévue dépassée');
  });

  it('keeps the recorded end of an ended placement whatever the day', () => {
    expect(placementStatusText({ ...placement, status: 'terminee' }, '2026-03-20')).toBe('Terminée');
    expect(placementStatusText({ ...placement, status: 'interrompue' }, '2026-05-01')).toBe('Interrompue');
  });
});
