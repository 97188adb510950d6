import type * as ExcelJS from 'exceljs';
import { toCsv } from '../../../shared/csv/export.ts';
import type { AnnualReview, ReviewColumn, ReviewRow, ReviewTable, ReviewValue } from '../../../shared/review/types.ts';
import { slug } from './scope.ts';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `bilan-2025-tous-les-sites`: what every file of one review is named after. */
export function reviewFileBase(review: Pick<AnnualReview, 'year' | 'scopeLabel'>): string {
  return `bilan-${review.year}-${slug(review.scopeLabel)}`;
}

/** The grid of a table: header line, rows, then the total line when there is one; values raw. */
function lines(table: ReviewTable): ReviewValue[][] {
  const line = (row: Record<string, ReviewValue>) => table.columns.map((c) => row[c.key] ?? null);
  return [...table.rows.map(line), ...(table.total ? [line(table.total)] : [])];
}

/**
 * One table as a CSV file Excel opens in France. Numbers stay numbers; a year-on-year change is written as a
 * percentage (`12,5` under `… (%)`), empty when the previous year had nothing to compare with.
 */
export function reviewTableCsv(review: Pick<AnnualReview, 'year' | 'scopeLabel'>, table: ReviewTable): { fileName: string; content: string } {
  const header = (c: ReviewColumn) => (c.kind === 'ratio' ? `${c.label} (%)` : c.label);
  const rows = lines(table).map((line) =>
    line.map((value, i) => (table.columns[i]!.kind === 'ratio' && typeof value === 'number' ? Math.round(value * 10_000) / 100 : value)),
  );
  return {
    fileName: `${reviewFileBase(review)}-${table.id}.csv`,
    content: toCsv(
      table.columns.map((c) => ({ header: header(c) })),
      rows,
    ),
  };
}

const RATIO_FORMAT = '+0.0%;-0.0%;0.0%';

/**
 * A figure's Excel format, chosen per cell: `#,##0.##` alone leaves a trailing separator on whole numbers
 * ("12,"), so whole figures get `#,##0` and only quarter hours show their decimals.
 */
export function numberFormat(kind: ReviewColumn['kind'], value: number): string | undefined {
  if (kind === 'ratio') return RATIO_FORMAT;
  if (kind === 'text') return undefined;
  return Number.isInteger(value) ? '#,##0' : '#,##0.##';
}

type ExcelModule = typeof ExcelJS;

/**
 * exceljs is large (about 1 MB): it is fetched the first time someone exports, not with the application.
 * Its browser build is a CommonJS bundle, so the module's content may sit under `default`.
 */
async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.default ?? mod;
}

/**
 * The review as an XLSX workbook: one sheet per table, named as the table's `sheet`, its column labels on
 * the first (frozen) line, then its rows and its total line. Counts and hours are numbers, changes are
 * fractions shown as percentages.
 */
export async function reviewWorkbook(review: AnnualReview): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = 'Passerelle';
  workbook.title = review.title;
  for (const table of review.tables) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ header: c.label, key: c.key, width: Math.min(40, Math.max(12, c.label.length * 0.9)) }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
    const add = (values: ReviewRow) => {
      const row = sheet.addRow(values);
      table.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const format = typeof cell.value === 'number' ? numberFormat(c.kind, cell.value) : undefined;
        if (format) cell.numFmt = format;
      });
      return row;
    };
    for (const row of table.rows) add(row);
    if (table.total) add(table.total).font = { bold: true };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return { fileName: `${reviewFileBase(review)}.xlsx`, bytes: new Uint8Array(buffer as ArrayBuffer) };
}
