import { formatDate } from '../format/fr.ts';
import { placementStatusLabels, type PlacementStatus } from '../schemas/placement.ts';
import { addDays } from './calendar.ts';
import { agree, counted } from '../format/agreement.ts';

/** A placement still holding its place: planned or running. Ended and interrupted ones free it after their real end. */
export function holdsPlace(status: PlacementStatus): boolean {
  return status === 'prevue' || status === 'en_cours';
}

/**
 * The status as a list reads it on `today`. The stored status moves from planned to running with the first
 * hours logged, so a placement whose start has come reads as running even before any hours, and one still
 * holding its place after its planned end says that its end is yet to be recorded.
 */
export function placementStatusText(p: Pick<PlacementDays, 'status' | 'startDate' | 'plannedEnd'>, today: string): string {
  if (!holdsPlace(p.status)) return placementStatusLabels[p.status];
  if (today < p.startDate) return placementStatusLabels.prevue;
  if (today > p.plannedEnd) return 'Fin prévue dépassée';
  return placementStatusLabels.en_cours;
}

export interface Span {
  startDate: string;
  plannedEnd: string;
}

export interface PlacementDays extends Span {
  status: PlacementStatus;
  endedOn?: string | undefined;
}

/** The last day a placement runs: its real end once ended, its planned end before. */
export function lastDayOf(p: Pick<PlacementDays, 'plannedEnd' | 'endedOn'>): string {
  return p.endedOn ?? p.plannedEnd;
}

/**
 * The days a placement takes a place on its post: a planned or running one up to its planned end, an ended
 * one up to its real end (that day included, as hours may be done on it; the place is free the next day),
 * none for one interrupted before it began. So a backdated placement is counted against who was really there.
 */
export function occupiedSpan(p: PlacementDays): Span | undefined {
  if (holdsPlace(p.status)) return { startDate: p.startDate, plannedEnd: p.plannedEnd };
  return p.endedOn === undefined ? undefined : { startDate: p.startDate, plannedEnd: p.endedOn };
}

export function occupiedSpans(placements: readonly PlacementDays[]): Span[] {
  return placements.flatMap((p) => occupiedSpan(p) ?? []);
}

export interface Peak {
  /** Most placements running together on one day of the period. */
  count: number;
  /** The first day with that many (the period's start when none overlaps). */
  date: string;
}

/**
 * The busiest day of [from, to]: two placements that do not overlap each other may both overlap a third, so
 * counting those running on the first day is not enough. Sweep over the days where the count changes.
 */
export function peakOverlap(spans: readonly Span[], from: string, to: string): Peak {
  const deltas = new Map<string, number>();
  for (const s of spans) {
    const start = s.startDate > from ? s.startDate : from;
    const end = s.plannedEnd < to ? s.plannedEnd : to;
    if (start > end) continue;
    deltas.set(start, (deltas.get(start) ?? 0) + 1);
    const after = addDays(end, 1);
    deltas.set(after, (deltas.get(after) ?? 0) - 1);
  }
  let count = 0;
  const peak: Peak = { count: 0, date: from };
  for (const day of [...deltas.keys()].sort()) {
    count += deltas.get(day)!;
    if (count > peak.count) {
      peak.count = count;
      peak.date = day;
    }
  }
  return peak;
}

/** Places free on every day of the period (a single day when `from` = `to`): what a new placement there can take. */
export function freePlacesDuring(capacity: number, spans: readonly Span[], from: string, to: string): number {
  return Math.max(0, capacity - peakOverlap(spans, from, to).count);
}

export function capacityError(capacity: number, spans: readonly Span[], from: string, to: string): string | undefined {
  const peak = peakOverlap(spans, from, to);
  if (peak.count < capacity) return undefined;
  return `Le poste est complet le ${formatDate(peak.date)} : ${counted(peak.count, 'personne')} déjà ${agree('placé', 'f', peak.count)} pour ${counted(capacity, 'place')}`;
}
