import { addDays, addMonths, daysBetween } from './calendar.ts';
import { TNR_LIMITS } from './hours.ts';
import { formatDate } from '../format/fr.ts';
import type { MeasureKind, OffenceCategory } from '../schemas/measureKinds.ts';

/** Code pénal, art. 131-22: the court sets a period of at most 18 months to do the work. */
export const MAX_PERIOD_MONTHS = 18;
/** Product choice: a deadline closer than this is flagged on lists and the dashboard. */
export const DEADLINE_WARNING_DAYS = 60;

/** A suspension of the period; `to` (inclusive) is absent while it goes on (incarceration, until the JAP lifts it). */
export interface SuspensionSpan {
  from: string;
  to?: string | undefined;
}

export interface Period {
  periodStart: string;
  periodMonths: number;
  suspensions: readonly SuspensionSpan[];
}

/** No measure has a longer period than a TIG: checked on the field alone, so sync checks it too. */
export const PERIOD_TOO_LONG = `Délai d’exécution : ${MAX_PERIOD_MONTHS} mois au plus (article 131-22 du code pénal)`;

export interface PeriodLimit {
  maxMonths: number;
  article: string;
}

/** The longest period the law allows the measure: a TNR's is shorter (hours.ts names the texts). */
export function periodLimit(kind: MeasureKind, category: OffenceCategory): PeriodLimit {
  if (kind === 'tnr') return TNR_LIMITS[category];
  return { maxMonths: MAX_PERIOD_MONTHS, article: 'article 131-22 du code pénal' };
}

/** `18 mois au plus (article 131-22 du code pénal)`, for the form's hint and the refusal. */
export function periodLimitText(kind: MeasureKind, category: OffenceCategory): string {
  const limit = periodLimit(kind, category);
  return `${limit.maxMonths} mois au plus${kind === 'tnr' ? ' pour un TNR' : ''} (${limit.article})`;
}

export function periodMonthsError(kind: MeasureKind, category: OffenceCategory, months: number): string | undefined {
  return months > periodLimit(kind, category).maxMonths ? `Délai d’exécution : ${periodLimitText(kind, category)}` : undefined;
}

/** Days a suspension lasts, both ends included; one still running counts up to today. */
export function suspensionDays(s: SuspensionSpan, today: string): number {
  const end = s.to ?? today;
  return end < s.from ? 0 : daysBetween(s.from, end) + 1;
}

/** The last day the work can be done: start + months, moved by every day of suspension. */
export function deadlineOf(period: Period, today: string): string {
  let suspended = 0;
  for (const s of period.suspensions) suspended += suspensionDays(s, today);
  return addDays(addMonths(period.periodStart, period.periodMonths), suspended);
}

export interface DeadlineInfo {
  deadline: string;
  /** 0 on the deadline itself, negative once it has passed. */
  daysRemaining: number;
  /** Fewer than 60 days remain (or none). */
  flagged: boolean;
  passed: boolean;
}

export function deadlineInfo(period: Period, today: string): DeadlineInfo {
  const deadline = deadlineOf(period, today);
  const daysRemaining = daysBetween(today, deadline);
  return { deadline, daysRemaining, flagged: daysRemaining < DEADLINE_WARNING_DAYS, passed: daysRemaining < 0 };
}

export function isSuspendedOn(suspensions: readonly SuspensionSpan[], date: string): boolean {
  return suspensions.some((s) => s.from <= date && (s.to === undefined || date <= s.to));
}

/**
 * Suspensions may not overlap (a day would move the deadline twice), and only the latest may still be
 * running.
 */
export function suspensionsError(suspensions: readonly SuspensionSpan[]): string | undefined {
  const sorted = [...suspensions].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 0; i < sorted.length - 1; i++) {
    const current = sorted[i]!;
    const next = sorted[i + 1]!;
    if (current.to === undefined) return `La suspension commencée le ${formatDate(current.from)} n’est pas terminée : une autre ne peut commencer après elle`;
    if (next.from <= current.to) return `Les suspensions du ${formatDate(current.from)} et du ${formatDate(next.from)} se chevauchent`;
  }
  return undefined;
}

/** The suspension still running, if any. */
export function openSuspension<S extends SuspensionSpan>(suspensions: readonly S[]): S | undefined {
  return suspensions.find((s) => s.to === undefined);
}
