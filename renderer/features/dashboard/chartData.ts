import { formatHours, formatNumber } from '../../../shared/format/fr.ts';
import type { Dashboard } from '../../../shared/repos/dashboard.ts';
import { measureStatusLabels, measureStatuses } from '../../../shared/schemas/measure.ts';
import { activityDomainLabels, activityDomains } from '../../../shared/schemas/post.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';
import type { TerritoryCount } from '../../../shared/review/hqDashboard.ts';
import { entities, entityNames } from '../../../shared/schemas/entities.ts';

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

export function hoursByMonth(d: Pick<Dashboard, 'hoursByMonth'>): ChartSeries {
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

function recordsSummary(points: readonly ChartPoint[], best: string): string {
  const sum = total(points);
  const top = largest(points);
  return sum === 0
    ? 'Aucun enregistrement consolidé.'
    : `${counted(sum, 'enregistrement')} ${agree('consolidé', 'm', sum)} ; ${best} : « ${top!.label} » (${formatNumber(top!.value)}).`;
}

/** Headquarters: live records by region or by DISP, largest first. */
export function recordsByTerritory(records: readonly TerritoryCount[], level: 'region' | 'disp'): ChartSeries {
  const sums = new Map<string, number>();
  for (const r of records) sums.set(r[level], (sums.get(r[level]) ?? 0) + r.count);
  const points = [...sums].map(([label, value]) => ({ key: label, label, value })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'fr'));
  return { points, summary: recordsSummary(points, level === 'region' ? 'la région qui en compte le plus' : 'la DISP qui en compte le plus') };
}

/** Headquarters: live records by kind, in the entities' order. */
export function recordsByEntity(records: readonly TerritoryCount[]): ChartSeries {
  const points = entityNames
    .map((e) => ({ key: e, label: entities[e].label, value: records.filter((r) => r.entity === e).reduce((sum, r) => sum + r.count, 0) }))
    .filter((p) => p.value > 0);
  return { points, summary: recordsSummary(points, 'le type le plus fréquent') };
}
