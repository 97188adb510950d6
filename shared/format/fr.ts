/**
 * French display formats. Dates are calendar dates (`yyyy-mm-dd`) handled as text, never through a time
 * zone, so 1 January is 1 January on every PC.
 */
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export function formatDate(iso: string | undefined | null): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `jj/mm/aaaa` (or `j/m/aaaa`) to `yyyy-mm-dd`; undefined when it is not a real date. */
export function parseFrenchDate(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : undefined;
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso;
}

/** Date and time of an instant, in Paris time, as `25/11/2026 à 18:30`. */
export function formatDateTime(instant: string | number | Date): string {
  const date = new Date(instant);
  const day = date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = date.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
  return `${day} à ${time}`;
}

export function formatNumber(value: number): string {
  // Intl uses a narrow no-break space as thousands separator: right in print, kept as is.
  return numberFormat.format(value);
}

export function formatHours(hours: number): string {
  return `${formatNumber(hours)} h`;
}

// One formatter for every call: building one per call (toLocaleDateString) costs more than the rules that ask.
const parisDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Paris, `yyyy-mm-dd`. */
export function todayIso(now: number): string {
  return parisDay.format(now);
}
