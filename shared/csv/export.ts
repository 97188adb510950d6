/**
 * CSV files that Excel opens correctly in France: UTF-8 with a byte order mark (without it Excel reads the
 * file as Windows-1252 and mangles every accent), `;` between cells (Excel's separator when the decimal
 * separator is a comma), CRLF at the end of every line and RFC 4180 quoting (done by papaparse's `unparse`).
 *
 * Cells are text or typed values; typed values are written the French way:
 * - a number becomes `1234,5` (decimal comma, no thousands separator, so Excel reads it back as a number);
 * - a boolean becomes `oui` / `non`; null and undefined become an empty cell;
 * - a string is written as is: format dates with `csvDate` first (strings are never guessed at).
 *
 * Against formula injection (OWASP "CSV Injection"), a text cell starting with `=`, `+`, `-`, `@` (or their
 * fullwidth forms `＝`, `＋`, `－`, `＠`, which spreadsheets fold to them), with any of them after leading spaces or
 * line breaks (which spreadsheets skip), or with a tab, carriage return or line feed, is prefixed with an
 * apostrophe so the spreadsheet shows it as text instead of running it.
 * One exception: a plain negative number such as `-12` or `-3,5` (what `csvNumber` writes) is left alone, as a
 * number cannot run anything and the year-on-year changes of the annual review must stay numbers.
 *
 * @example
 * const csv = toCsv(
 *   [{ header: 'Nom' }, { header: 'Heures' }, { header: 'Fin de mesure' }, { header: 'Mineur' }],
 *   [['Dupont', 12.5, csvDate('2026-03-01'), false]],
 * );
 * // '\uFEFFNom;Heures;Fin de mesure;Mineur\r\nDupont;12,5;01/03/2026;non\r\n'
 */
import { formatDate } from '../format/fr.ts';
import { papa } from './papa.ts';

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvColumn {
  header: string;
}

export const CSV_BOM = '\uFEFF';
export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';

// A text cell the spreadsheet would read as a formula, unless it is nothing but a negative number.
const FORMULA_START = /^(?!-\d+(?:,\d+)?$)(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

const numberFormat = new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: 10 });

/** A number as Excel in France reads it back: `-1234,5`. Not finite numbers give an empty cell. */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  return numberFormat.format(value === 0 ? 0 : value);
}

/** A calendar date (`yyyy-mm-dd`) as `dd/mm/yyyy`; empty when absent. */
export function csvDate(iso: string | null | undefined): string {
  return formatDate(iso);
}

export function csvText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return csvNumber(cell);
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  return cell;
}

/**
 * The whole file as one string, starting with the byte order mark. Every row has one cell per column;
 * a row of another length is a programming error and throws.
 */
export function toCsv(columns: readonly CsvColumn[], rows: readonly (readonly CsvCell[])[]): string {
  const data = rows.map((row, index) => {
    if (row.length !== columns.length) {
      throw new Error(`toCsv: row ${index} has ${row.length} cells for ${columns.length} columns`);
    }
    return row.map(csvText);
  });
  const body = papa.unparse({ fields: columns.map((column) => column.header), data }, { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA_START });
  // Every record ends with CRLF, as Excel writes them (papaparse ends the last one only when there is no data).
  return CSV_BOM + (body.endsWith('\r\n') ? body : `${body}\r\n`);
}
