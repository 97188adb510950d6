/**
 * Calendar arithmetic on `yyyy-mm-dd` strings. Days are counted on the UTC day number, so the result never
 * depends on the PC's time zone or on daylight saving; this is all the date math the rules need, and it runs
 * fast enough for lists of 60,000 measures.
 */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** `to - from` in days: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Same day number `months` later; when that month is shorter, its last day (31 January + 1 month = 28 or 29
 * February), as French law counts periods expressed in months.
 */
export function addMonths(iso: string, months: number): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1 + months;
  const day = Number(iso.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** `yyyy-mm` of a date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** The `count` months ending with the month of `iso`, oldest first, as `yyyy-mm`. */
export function lastMonths(iso: string, count: number): string[] {
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) months.push(monthOf(addMonths(`${monthOf(iso)}-01`, -i)));
  return months;
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
