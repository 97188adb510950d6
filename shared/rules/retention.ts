/*
 * How long a closed case stays on the site. Default: five years after the end of the measure, the period the
 * Ministry of Justice set for its own probation application APPI (« conservées cinq ans à compter de la fin de
 * la peine, de la fin de la mesure d'aménagement de la peine ou de la mesure de sûreté », Code de procédure
 * pénale, art. R. 57-4-4, in force 2014-2022, carried into the Code pénitentiaire in 2022 with the rest of APPI's
 * articles, R. 113-49 and following). A product choice by analogy, not a rule binding Passerelle: the site's
 * administrator sets its own period, in whole years.
 */

export const DEFAULT_RETENTION_YEARS = 5;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 30;

/** The first day still kept: a measure that ended before it is past the period. */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // 29 February a leap year back becomes 28 February (Date would roll it to 1 March).
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether a person's file is past the period: they have measures, and every one ended (its end date known)
 * before the cutoff. One measure still running, or ended within the period, keeps the whole file.
 */
export function pastRetention(measures: readonly { endedOn?: string | undefined }[], cutoff: string): boolean {
  return measures.length > 0 && measures.every((m) => m.endedOn !== undefined && m.endedOn < cutoff);
}
