/** A calendar date in Paris `days` from now, `yyyy-mm-dd`, as the application's clock sees it. */
export function parisDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

/**
 * The last `count` weekdays up to today (Paris), oldest first: days a session may run on and whose
 * attendance can already be entered, whatever day of the week the tests run.
 */
export function lastWeekdays(count: number): string[] {
  const days: string[] = [];
  for (let back = 0; days.length < count; back++) {
    const day = parisDay(-back);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.unshift(day);
  }
  return days;
}

export const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
