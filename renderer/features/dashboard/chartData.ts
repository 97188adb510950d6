import { formatHours, formatNumber } from '../../../shared/format/fr.ts';
import type { Dashboard } from '../../../shared/repos/dashboard.ts';
import { measureStatusLabels, measureStatuses } from '../../../shared/schemas/measure.ts';
import { activityDomainLabels, activityDomains } from '../../../shared/schemas/post.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';

/** A bar of a chart and a row of its table alternative. */
export interface ChartPoint {
  key: string;
  label: string;
  value: number;
}

export interface ChartSeries {
  points: ChartPoint[];
  /** The chart in one sentence, for assistive technologies (the table gives every value). */
  summary: string;
}

const months = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** `2026-11` as `nov. 2026`. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${months[Number(m) - 1] ?? m} ${year}`;
}

const total = (points: readonly ChartPoint[]) => points.reduce((sum, p) => sum + p.value, 0);

function largest(points: readonly ChartPoint[]): ChartPoint | undefined {
  return points.reduce<ChartPoint | undefined>((best, p) => (p.value > (best?.value ?? 0) ? p : best), undefined);
}

export function measuresByStatus(d: Dashboard): ChartSeries {
  const points = measureStatuses.map((s) => ({ key: s, label: measureStatusLabels[s], value: d.measuresByStatus[s] }));
  const sum = total(points);
  const top = largest(points);
  return {
    points,
    summary:
      sum === 0
        ? 'Aucune mesure enregistrée.'
        : `${counted(sum, 'mesure')} au total ; le statut le plus fréquent est « ${top!.label} » (${formatNumber(top!.value)}).`,
  };
}

export function hoursByMonth(d: Dashboard): ChartSeries {
  const points = d.hoursByMonth.map((m) => ({ key: m.month, label: monthLabel(m.month), value: m.hours }));
  const sum = total(points);
  const top = largest(points);
  const first = points[0];
  const last = points[points.length - 1];
  return {
    points,
    summary:
      sum === 0 || !first || !last
        ? 'Aucune heure réalisée sur les douze derniers mois.'
        : `${formatHours(sum)} ${agree('réalisé', 'f', sum)} de ${first.label} à ${last.label} ; le mois le plus chargé est ${top!.label} (${formatHours(top!.value)}).`,
  };
}

export function postsByDomain(d: Dashboard): ChartSeries {
  const points = activityDomains.map((a) => ({ key: a, label: activityDomainLabels[a], value: d.postsByDomain[a] })).filter((p) => p.value > 0);
  const sum = total(points);
  const top = largest(points);
  return {
    points,
    summary:
      sum === 0
        ? 'Aucun poste actif.'
        : `${counted(sum, 'poste actif', 'postes actifs')} dans ${counted(points.length, 'domaine')} ; le plus représenté est « ${top!.label} » (${formatNumber(top!.value)}).`,
  };
}

/** `dans 12 jours`, `aujourd’hui`, `dépassée depuis 3 jours`. */
export function daysText(days: number): string {
  if (days === 0) return 'aujourd’hui';
  if (days > 0) return `dans ${counted(days, 'jour')}`;
  return `dépassée depuis ${counted(-days, 'jour')}`;
}
