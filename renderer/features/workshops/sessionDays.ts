import { isRealDate } from '../../../shared/format/fr.ts';
import { weekdaysBetween } from '../../../shared/rules/sessions.ts';

/** The longest span the session form lists day by day (a quarter); longer programmes run as several sessions. */
export const MAX_SESSION_SPAN_DAYS = 92;

const DAY = 86_400_000;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Every date from start to end, both included; undefined when the range is not one the form can list. */
export function datesBetween(start: string, end: string): string[] | undefined {
  if (!isRealDate(start) || !isRealDate(end) || end < start) return undefined;
  const span = (time(end) - time(start)) / DAY + 1;
  if (span > MAX_SESSION_SPAN_DAYS) return undefined;
  return Array.from({ length: span }, (_, i) => new Date(time(start) + i * DAY).toISOString().slice(0, 10));
}

/**
 * The days a session runs once its first or last date changed: a date already in the range keeps the
 * user's choice, a new date is proposed when it is a weekday, and the first and last dates always run
 * (a session starts on its start date and ends on its end date).
 */
export function adjustDays(previous: { start: string; end: string; days: readonly string[] }, start: string, end: string): string[] {
  const dates = datesBetween(start, end);
  if (!dates) return [];
  const before = new Set(datesBetween(previous.start, previous.end) ?? []);
  const chosen = new Set(previous.days);
  const weekdays = new Set(weekdaysBetween(start, end));
  return dates.filter((d) => d === start || d === end || (before.has(d) ? chosen.has(d) : weekdays.has(d)));
}

const weekdayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', timeZone: 'UTC' });
const longWeekdayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' });

/** `lun. 16/11` — a column header of the attendance grid and the sheet. */
export function shortDayLabel(iso: string): string {
  return `${weekdayFormat.format(new Date(time(iso)))} ${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
}

/** `lundi 16/11/2026` — what a screen reader says for a day. */
export function longDayLabel(iso: string): string {
  return `${longWeekdayFormat.format(new Date(time(iso)))} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function isWeekend(iso: string): boolean {
  const day = new Date(time(iso)).getUTCDay();
  return day === 0 || day === 6;
}
