import { Button } from '@codegouvfr/react-dsfr/Button';
import { CSV_MIME_TYPE } from '../../../shared/csv/export.ts';
import { formatReviewValue } from '../../../shared/review/tables.ts';
import type { AnnualReview, ReviewColumn, ReviewRow, ReviewTable } from '../../../shared/review/types.ts';
import { downloadFile } from '../../ui/download.ts';
import { reviewTableCsv } from './exports.ts';
import { headerGroups } from './tableLayout.ts';

function changeClass(column: ReviewColumn, value: unknown): string | undefined {
  if (column.kind !== 'ratio' || typeof value !== 'number' || value === 0) return undefined;
  return value > 0 ? 'app-review-up' : 'app-review-down';
}

function Cells({ columns, row, header }: { columns: readonly ReviewColumn[]; row: ReviewRow; header?: boolean }) {
  return columns.map((c, i) => {
    const text = formatReviewValue(c, row[c.key] ?? null);
    if (i === 0 && c.kind === 'text') {
      return (
        <th key={c.key} scope="row">
          {header ? <strong>{text}</strong> : text}
        </th>
      );
    }
    return (
      <td key={c.key} className={['app-review-number', changeClass(c, row[c.key])].filter(Boolean).join(' ')}>
        {text}
      </td>
    );
  });
}

/** One table of the review: its title, a CSV download, and the figures in French formats. */
export function ReviewTableView({ review, table }: { review: AnnualReview; table: ReviewTable }) {
  const groups = headerGroups(table.columns, review.year);
  const grouped = groups.some((g) => g.kind === 'metric');
  const titleId = `tableau-${table.id}`;
  const download = () => {
    const { fileName, content } = reviewTableCsv(review, table);
    downloadFile(fileName, content, CSV_MIME_TYPE);
  };
  return (
    <section className="fr-mb-6w" aria-labelledby={titleId}>
      <div className="app-review-section-header">
        <h3 id={titleId} className="fr-h5 fr-mb-1w">
          {table.title}
        </h3>
        <Button size="small" priority="secondary" iconId="fr-icon-download-line" onClick={download}>
          Télécharger en CSV<span className="fr-sr-only"> : {table.title}</span>
        </Button>
      </div>
      {table.rows.length === 0 ? (
        <p>
          Aucune ligne : rien à compter dans ce tableau pour {review.year} ni pour {review.year - 1}.
        </p>
      ) : (
        <div className="fr-table fr-table--bordered fr-table--no-caption app-review-table">
          <div className="fr-table__wrapper">
            {/* Wide tables scroll sideways: the scrolling area takes the focus so the keyboard can scroll it. */}
            <div className="fr-table__container" tabIndex={0} role="region" aria-labelledby={titleId}>
              <div className="fr-table__content">
                <table>
                  <caption>{table.title}</caption>
                  <thead>
                    <tr>
                      {groups.map((g) =>
                        g.kind === 'single' ? (
                          <th key={g.column.key} scope="col" rowSpan={grouped ? 2 : 1}>
                            {g.column.label}
                          </th>
                        ) : (
                          <th key={g.columns[0].key} scope="colgroup" colSpan={3}>
                            {g.label}
                          </th>
                        ),
                      )}
                    </tr>
                    {grouped && (
                      <tr>
                        {groups.flatMap((g) =>
                          g.kind === 'metric'
                            ? [
                                <th key={g.columns[0].key} scope="col">
                                  {review.year}
                                </th>,
                                <th key={g.columns[1].key} scope="col">
                                  {review.year - 1}
                                </th>,
                                <th key={g.columns[2].key} scope="col">
                                  Évolution
                                </th>,
                              ]
                            : [],
                        )}
                      </tr>
                    )}
                  </thead>
                  <tbody>
                    {table.rows.map((row, i) => (
                      <tr key={i}>
                        <Cells columns={table.columns} row={row} />
                      </tr>
                    ))}
                  </tbody>
                  {table.total && (
                    <tfoot>
                      <tr className="app-review-total">
                        <Cells columns={table.columns} row={table.total} header />
                      </tr>
                    </tfoot>
                  )}
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
