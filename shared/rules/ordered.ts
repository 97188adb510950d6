import { formatHours } from '../format/fr.ts';
import { isTigKind } from './hours.ts';
import type { MeasureKind } from '../schemas/measureKinds.ts';
import { agree, counted } from '../format/agreement.ts';

/**
 * A TIG is pronounced in hours; a TNR, a stage, a réparation pénale or an activité de jour in the hours or
 * the days the decision states. A measure ordered in days counts each day with hours on it as one day done,
 * whatever the hours that day.
 */
export const orderedUnits = ['hours', 'days'] as const;
export type OrderedUnit = (typeof orderedUnits)[number];
export const orderedUnitLabels: Record<OrderedUnit, string> = { hours: 'En heures', days: 'En jours' };

export interface Ordered {
  unit: OrderedUnit;
  amount: number;
}

/** What the decision ordered: the schema lets a measure carry hoursOrdered or daysOrdered, never both. */
export function orderedOf(m: { hoursOrdered?: number | undefined; daysOrdered?: number | undefined }): Ordered {
  return m.daysOrdered !== undefined ? { unit: 'days', amount: m.daysOrdered } : { unit: 'hours', amount: m.hoursOrdered ?? 0 };
}

export const TIG_IN_HOURS = 'Un TIG se prononce en heures : saisissez les heures ordonnées';

/** The unit the kind allows, checked on the whole measure (a TIG is never ordered in days). */
export function orderedUnitError(kind: MeasureKind, unit: OrderedUnit): string | undefined {
  return unit === 'days' && isTigKind(kind) ? TIG_IN_HOURS : undefined;
}

/** Hours done on a measure, and the days they were done on (a day with hours is one day done). */
export interface MeasureDone {
  hours: number;
  days: ReadonlySet<string>;
}

export function measureDoneOf(logs: readonly { date: string; hours: number }[]): MeasureDone {
  let hours = 0;
  for (const l of logs) hours += l.hours;
  return { hours, days: new Set(logs.map((l) => l.date)) };
}

export function formatDays(days: number): string {
  return counted(days, 'jour');
}

/** `7,5 h` or `3 jours`. */
export function formatAmount(unit: OrderedUnit, amount: number): string {
  return unit === 'days' ? formatDays(amount) : formatHours(amount);
}

/** How far a measure is: done and left in its own unit (hours done are kept beside for a measure in days). */
export interface Progress {
  unit: OrderedUnit;
  ordered: number;
  done: number;
  remaining: number;
}

export function progressOf(ordered: Ordered, done: { hours: number; days: number }): Progress {
  const value = ordered.unit === 'days' ? done.days : done.hours;
  return { unit: ordered.unit, ordered: ordered.amount, done: value, remaining: Math.max(0, ordered.amount - value) };
}

/** The progress of a measure from its live hour logs. */
export function progressOfLogs(
  m: { hoursOrdered?: number | undefined; daysOrdered?: number | undefined },
  logs: readonly { date: string; hours: number }[],
): Progress {
  const done = measureDoneOf(logs);
  return progressOf(orderedOf(m), { hours: done.hours, days: done.days.size });
}

/** `3 jours sur 5 jours` or `12 h sur 70 h`. */
export function formatProgress(p: Pick<Progress, 'unit' | 'done' | 'ordered'>): string {
  return `${formatAmount(p.unit, p.done)} sur ${formatAmount(p.unit, p.ordered)}`;
}

/** Every measure is done when what it ordered is done. */
export function isComplete(p: Pick<Progress, 'done' | 'ordered'>): boolean {
  return p.done >= p.ordered;
}

/** `70 h ordonnées`, `1 jour effectué`, `3 jours effectués`: the participle agrees with heures or jours. */
export function amountWith(unit: OrderedUnit, amount: number, participle: Participle): string {
  return `${formatAmount(unit, amount)} ${agreed(unit, amount, participle)}`;
}

type Participle = 'ordonné' | 'effectué';

/** `effectuées` (heures), `effectués` or `effectué` (jours). */
export function agreed(unit: OrderedUnit, amount: number, participle: Participle): string {
  return agree(participle, unit === 'hours' ? 'f' : 'm', amount);
}
