import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../shared/format/fr.ts';
import type { ReviewChart } from './chartData.ts';

/** DSFR's blue France for the year, a lighter blue for the year before: both 3:1 or more against white. */
const CURRENT = '#000091';
const PREVIOUS = '#6a6af4';
const TEXT = '#161616';
const GRID = '#dddddd';
const tick = { fill: TEXT, fontSize: 12 };

function valueText(value: number, unit: ReviewChart['unit']): string {
  return unit === 'hours' ? `${formatNumber(value)} h` : formatNumber(value);
}

/** Horizontal grouped bars: long French category names stay readable on the vertical axis. */
export function ReviewChartFigure({ chart, year }: { chart: ReviewChart; year: number }) {
  const titleId = `graphique-${chart.id}`;
  const height = Math.max(160, chart.points.length * 52 + 60);
  return (
    <figure className="app-review-chart fr-m-0" aria-labelledby={titleId}>
      <figcaption>
        <h3 id={titleId} className="fr-h6 fr-mb-1w">
          {chart.title}
        </h3>
        <p className="fr-text--sm fr-mb-1w">{chart.description}</p>
      </figcaption>
      {chart.points.length > 0 && (
        <>
          {/* The drawing repeats the description above and the table below: assistive technologies read those. */}
          <div role="img" aria-label={`${chart.title}. ${chart.description}`} className="app-review-chart__drawing">
            <ResponsiveContainer width="100%" height={height}>
              <BarChart data={chart.points} layout="vertical" margin={{ left: 8, right: 24, top: 4, bottom: 4 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} stroke={GRID} />
                <XAxis type="number" allowDecimals={false} tick={tick} tickFormatter={(v: number) => formatNumber(v)} />
                <YAxis type="category" dataKey="label" width={220} tick={tick} interval={0} />
                <Tooltip formatter={(value) => valueText(Number(value), chart.unit)} />
                <Legend itemSorter="dataKey" wrapperStyle={{ color: TEXT }} />
                <Bar dataKey="current" name={String(year)} fill={CURRENT} isAnimationActive={false} />
                <Bar dataKey="previous" name={String(year - 1)} fill={PREVIOUS} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="fr-mt-1w">
            <summary>Voir les données du graphique sous forme de tableau</summary>
            <table className="app-review-chart__table">
              <caption className="fr-sr-only">{chart.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Catégorie</th>
                  <th scope="col">{year}</th>
                  <th scope="col">{year - 1}</th>
                </tr>
              </thead>
              <tbody>
                {chart.points.map((p) => (
                  <tr key={p.label}>
                    <th scope="row">{p.label}</th>
                    <td>{valueText(p.current, chart.unit)}</td>
                    <td>{valueText(p.previous, chart.unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
