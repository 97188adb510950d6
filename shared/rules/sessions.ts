import type { MeasureKind } from '../schemas/measureKinds.ts';
import type { MeasureStatus } from '../schemas/measure.ts';
import { requiredTigThemes, sessionThemeLabels, type SessionTheme } from '../schemas/session.ts';

/** A TIG pédagogique module lasts at least three days (ATIGIP–ECTI convention). */
export const TIG_PEDAGOGIQUE_MIN_DAYS = 3;

/**
 * Why a session cannot be a TIG pédagogique session, in French; empty when it can. A module of at least
 * three days that covers the five required themes.
 */
export function tigPedagogiqueIssues(session: { days: readonly string[]; themes: readonly SessionTheme[] }): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (session.days.length < TIG_PEDAGOGIQUE_MIN_DAYS) {
    issues.push({
      path: 'days',
      message: `Un TIG pédagogique dure au moins ${TIG_PEDAGOGIQUE_MIN_DAYS} jours (cette séance en compte ${session.days.length})`,
    });
  }
  const missing = requiredTigThemes.filter((t) => !session.themes.includes(t));
  if (missing.length > 0) {
    const names = missing.map((t) => sessionThemeLabels[t].toLowerCase());
    issues.push({ path: 'themes', message: `Un TIG pédagogique doit aborder : ${names.join(', ')}` });
  }
  return issues;
}

/** Measures whose hours a TIG pédagogique session may count. */
export const tigMeasureKinds: readonly MeasureKind[] = ['tig_peine', 'sursis_probatoire_tig'];
/** A measure still open to new hours. */
export const openMeasureStatuses: readonly MeasureStatus[] = ['a_affecter', 'en_cours'];

function utcDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** Monday to Friday between two dates, both included: what a session form proposes as its days. */
export function weekdaysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = utcDay(start); day <= utcDay(end); day = new Date(day.getTime() + 86_400_000)) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** Number of days of a month `yyyy-mm`. */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).getUTCDate();
}
