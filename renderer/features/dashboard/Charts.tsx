import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../shared/format/fr.ts';
import type { Dashboard } from '../../../shared/repos/dashboard.ts';
import { hoursByMonth, measuresByStatus, postsByDomain, type ChartSeries } from './chartData.ts';

/** DSFR's blue France (action colour): enough contrast on white for bars and their labels. */
const BAR = '#000091';
const TEXT = '#161616';
const GRID = '#dddddd';

const tickStyle = { fill: TEXT, fontSize: 12 };
const numberTick = (value: number) => formatNumber(value);

/** The three charts, each with its one-sentence summary and a table of its values. */
export function Charts({ data }: { data: Dashboard }) {
  return (
    <div className="app-dashboard-charts">
      <ChartFigure id="mesures" title="Mesures par statut" series={measuresByStatus(data)} unit="Mesures" layout="horizontal" />
      <ChartFigure id="heures" title="Heures réalisées par mois (12 derniers mois)" series={hoursByMonth(data)} unit="Heures" layout="vertical" />
      <ChartFigure id="postes" title="Postes actifs par domaine d’activité" series={postsByDomain(data)} unit="Postes" layout="horizontal" />
    </div>
  );
}

/** A bar chart with its one-sentence summary and its table alternative. */
export function ChartFigure({
  id,
  title,
  series,
  unit,
  layout,
}: {
  id: string;
  title: string;
  series: ChartSeries;
  unit: string;
  layout: 'horizontal' | 'vertical';
}) {
  const empty = series.points.every((p) => p.value === 0);
  return (
    <figure className="app-dashboard-card fr-m-0" aria-labelledby={`${id}-titre`}>
      <figcaption>
        <h3 id={`${id}-titre`} className="fr-h6 fr-mb-1w">
          {title}
        </h3>
        <p className="fr-text--sm fr-mb-1w">{series.summary}</p>
      </figcaption>
      {!empty && (
        // The drawing repeats the summary and the table below: assistive technologies read those instead.
        <div role="img" aria-label={`${title}. ${series.summary}`} className="app-chart">
          <ResponsiveContainer width="100%" height={layout === 'horizontal' ? Math.max(160, series.points.length * 30 + 30) : 240}>
            {layout === 'horizontal' ? (
              <BarChart data={series.points} layout="vertical" margin={{ left: 8, right: 40, top: 4, bottom: 4 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} stroke={GRID} />
                <XAxis type="number" allowDecimals={false} tick={tickStyle} tickFormatter={numberTick} />
                <YAxis type="category" dataKey="label" width={190} tick={tickStyle} interval={0} />
                <Tooltip formatter={(value) => [formatNumber(Number(value)), unit]} />
                <Bar dataKey="value" name={unit} fill={BAR} isAnimationActive={false}>
                  <LabelList dataKey="value" position="right" fill={TEXT} fontSize={12} formatter={(value) => formatNumber(Number(value))} />
                </Bar>
              </BarChart>
            ) : (
              <BarChart data={series.points} margin={{ left: 8, right: 8, top: 16, bottom: 4 }} accessibilityLayer={false}>
                <CartesianGrid vertical={false} stroke={GRID} />
                <XAxis dataKey="label" tick={tickStyle} interval={0} angle={-35} textAnchor="end" height={56} />
                <YAxis tick={tickStyle} tickFormatter={numberTick} width={48} />
                <Tooltip formatter={(value) => [`${formatNumber(Number(value))} h`, unit]} />
                <Bar dataKey="value" name={unit} fill={BAR} isAnimationActive={false} />
              </BarChart>
            )}
          </ResponsiveContainer>
        </div>
      )}
      {series.points.length > 0 && (
        <details className="fr-mt-1w">
          <summary>Voir les données sous forme de tableau</summary>
          <table className="app-data-table">
            <caption className="fr-sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{layout === 'vertical' ? 'Mois' : 'Catégorie'}</th>
                <th scope="col">{unit}</th>
              </tr>
            </thead>
            <tbody>
              {series.points.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.label}</th>
                  <td>{formatNumber(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
