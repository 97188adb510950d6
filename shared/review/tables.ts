import { formatNumber } from '../format/fr.ts';
import type { ReviewColumn, ReviewTable, ReviewValue } from './types.ts';

/** A value as French text: numbers with French separators, changes as signed percentages. */
export function formatReviewValue(column: ReviewColumn, value: ReviewValue): string {
  if (value === null) return column.kind === 'ratio' ? '—' : '';
  if (typeof value === 'string') return value;
  if (column.kind === 'ratio') {
    const percent = Math.round(value * 1000) / 10;
    return `${percent > 0 ? '+' : ''}${formatNumber(percent)} %`;
  }
  return formatNumber(value);
}

/**
 * The table as a grid: the header line, one line per row, then the total line when there is one. Raw values
 * (numbers stay numbers, for an XLSX sheet) or, with `formatted`, French text (for a CSV file or a print).
 */
export function tableToMatrix(table: ReviewTable, options: { formatted?: boolean } = {}): ReviewValue[][] {
  const line = (row: Record<string, ReviewValue>) =>
    table.columns.map((c) => (options.formatted ? formatReviewValue(c, row[c.key] ?? null) : (row[c.key] ?? null)));
  const lines: ReviewValue[][] = [table.columns.map((c) => c.label), ...table.rows.map(line)];
  if (table.total) lines.push(line(table.total));
  return lines;
}
