import { formatNumber } from '../../../shared/format/fr.ts';
import type { AnnualReview, ReviewRow, ReviewTable } from '../../../shared/review/types.ts';

/** One category of a chart: this year's value and the previous year's, side by side. */
export interface ChartPoint {
  label: string;
  current: number;
  previous: number;
}

export interface ReviewChart {
  id: string;
  title: string;
  /** What the chart shows, in one sentence: the text alternative read instead of the drawing. */
  description: string;
  unit: 'count' | 'hours';
  points: ChartPoint[];
}

const num = (row: ReviewRow | undefined, key: string) => (typeof row?.[key] === 'number' ? (row[key] as number) : 0);

function table(review: AnnualReview, id: string): ReviewTable | undefined {
  return review.tables.find((t) => t.id === id);
}

function point(label: string, row: ReviewRow | undefined, ...keys: string[]): ChartPoint {
  return { label, current: keys.reduce((s, k) => s + num(row, k), 0), previous: keys.reduce((s, k) => s + num(row, `${k}Prev`), 0) };
}

function describe(points: readonly ChartPoint[], year: number, unit: ReviewChart['unit']): string {
  const value = (n: number) => (unit === 'hours' ? `${formatNumber(n)} h` : formatNumber(n));
  return `${points.map((p) => `${p.label} : ${value(p.current)} en ${year} (${value(p.previous)} en ${year - 1})`).join(' ; ')}.`;
}

function chart(review: AnnualReview, id: string, title: string, unit: ReviewChart['unit'], points: ChartPoint[]): ReviewChart {
  return {
    id,
    title,
    unit,
    points,
    description: points.length === 0 ? `Aucune donnée en ${review.year} ni en ${review.year - 1}.` : describe(points, review.year, unit),
  };
}

/** Largest first, at most `limit`, without the categories that are zero both years. */
function top(points: ChartPoint[], limit: number): ChartPoint[] {
  return points
    .filter((p) => p.current !== 0 || p.previous !== 0)
    .sort((a, b) => b.current - a.current || b.previous - a.previous)
    .slice(0, limit);
}

/**
 * The review's charts, each comparing the year with the one before: activity counts, hours by kind, TIG
 * hours per partner, participants per programme kind, and TIG hours per territory when there are several.
 */
export function reviewCharts(review: AnnualReview): ReviewChart[] {
  const { year } = review;
  const territories = table(review, 'territoires');
  const total = territories?.total;
  const workshops = table(review, 'ateliers')?.total;
  const charts = [
    chart(review, 'activite', `Activité ${year} et ${year - 1}`, 'count', [
      point('Postes de TIG offerts', total, 'posts'),
      point('Mises en situation commencées', total, 'placements'),
      point('Personnes en TIG pédagogique', total, 'tigpPersons'),
      point('Séances de programmes', total, 'sessions'),
      point('Participants aux programmes', total, 'participants'),
    ]),
    chart(review, 'heures', `Heures réalisées ${year} et ${year - 1}`, 'hours', [
      point('TIG en mise en situation', total, 'placementHours'),
      point('TIG pédagogique', total, 'tigpHours'),
      point('Présence en programmes (tous types)', total, 'programmeHours'),
      point('Travail en atelier de production', workshops, 'workedHours'),
    ]),
    chart(
      review,
      'partenaires',
      `Heures de TIG par partenaire (10 premiers), ${year} et ${year - 1}`,
      'hours',
      top(
        (table(review, 'partenaires')?.rows ?? []).map((r) => point(String(r.partner), r, 'placementHours', 'tigpHours')),
        10,
      ),
    ),
    chart(
      review,
      'programmes',
      `Participants par type de programme, ${year} et ${year - 1}`,
      'count',
      (table(review, 'programmes')?.rows ?? [])
        .map((r) => point(String(r.programmeKind), r, 'participants'))
        .filter((p) => p.current !== 0 || p.previous !== 0),
    ),
  ];
  if ((territories?.rows.length ?? 0) > 1) {
    charts.push(
      chart(
        review,
        'territoires',
        `Heures de TIG par territoire (15 premiers), ${year} et ${year - 1}`,
        'hours',
        top(
          territories!.rows.map((r) => point(String(r.territory), r, 'placementHours', 'tigpHours')),
          15,
        ),
      ),
    );
  }
  return charts;
}

/** Whether the review holds anything at all, this year or the one before. */
export function hasActivity(review: AnnualReview): boolean {
  const summary = review.tables.find((t) => t.id === 'synthese');
  return (summary?.rows ?? []).some((r) => num(r, 'value') !== 0 || num(r, 'previous') !== 0);
}
