/**
 * The CSV import wizard without React: read the file, map its columns to the fields (the user may fix what
 * the automatic mapping found), turn the rows into the repository's rows, and merge what the parser could not
 * read with what the repository refused into one report, downloadable as CSV.
 */
import { mapHeaders, parseCsv, readFields, type CsvEncoding, type CsvParseResult } from '../../../shared/csv/import.ts';
import { toCsv } from '../../../shared/csv/export.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';
import { importFields, type ImportField, type ImportFieldType, type ImportKind, type ImportRow } from '../../../shared/csv/importFields.ts';
import type { ImportLine } from '../../../shared/repos/imports.ts';

export type ParsedCsv = Extract<CsvParseResult, { ok: true }>;

/** A kind of record the wizard imports, as a screen offers it. */
export interface ImportTarget {
  kind: ImportKind;
  /** Shown to help choose the kind and prepare the file. */
  hint: string;
  /** Where the imported records are listed, to go and see them. */
  listPath: string;
  listLabel: string;
}

/** The file chosen, read. */
export interface LoadedFile {
  name: string;
  parsed: ParsedCsv;
}

/** Field key to the file's header holding it; a field without a column is absent. */
export type ColumnMapping = Partial<Record<string, string>>;

export const kindLabels: Record<ImportKind, { singular: string; plural: string; feminine: boolean; what: string }> = {
  organisations: { singular: 'structure d’accueil', plural: 'structures d’accueil', feminine: true, what: 'Structures d’accueil' },
  posts: { singular: 'poste de TIG', plural: 'postes de TIG', feminine: false, what: 'Postes de TIG' },
  persons: { singular: 'personne suivie', plural: 'personnes suivies', feminine: true, what: 'Personnes suivies' },
};

/** `4 structures d’accueil`, `1 poste de TIG`. */
export function countOf(kind: ImportKind, count: number): string {
  const { singular, plural } = kindLabels[kind];
  return counted(count, singular, plural);
}

/** `4 structures d’accueil importées`, `1 poste de TIG importé`. */
export function importedText(kind: ImportKind, count: number): string {
  return `${countOf(kind, count)} ${agree('importé', kindLabels[kind].feminine ? 'f' : 'm', count)}`;
}

export const encodingLabels: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Excel, ancien format)',
  'utf-16le': 'UTF-16 (Excel, « Texte Unicode »)',
};

export const delimiterLabels: Record<ParsedCsv['delimiter'], string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation' };

/** How a cell of each type must be written, shown next to each field. */
export const formatHints: Record<ImportFieldType, string> = {
  text: 'Texte',
  date: 'Date jj/mm/aaaa',
  boolean: 'oui ou non',
  integer: 'Nombre entier',
  siret: '14 chiffres',
  departement: 'Code ou nom du département',
  postalCode: '5 chiffres',
  phone: 'Numéro de téléphone',
  organisationKind: 'Association, collectivité, public, privé…',
  activityDomain: 'Domaine de la liste (espaces verts, restauration…)',
};

/** Past this size a file is refused before reading: a spreadsheet export of a service's lists is far smaller. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A file's bytes, read; the French message when it cannot be used at all. */
export function readCsv(bytes: Uint8Array): CsvParseResult {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: 'Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.' };
  return parseCsv(bytes);
}

/** An empty file in the expected shape: the header line only, with the labels the import recognises. */
export function templateCsv(kind: ImportKind): string {
  return toCsv(
    importFields[kind].map((f) => ({ header: f.label })),
    [],
  );
}

export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return importFields[kind];
}

/** What the headers say on their own: labels, then synonyms (see `mapHeaders`). */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  return { ...mapHeaders(headers, importFields[kind]).columns };
}

/**
 * The user's choice of column for a field. A header serves one field only: taking it for this field frees
 * it from the field that had it.
 */
export function assignColumn(mapping: ColumnMapping, field: string, header: string | undefined): ColumnMapping {
  const next: ColumnMapping = {};
  for (const [key, value] of Object.entries(mapping)) if (value !== undefined && key !== field && value !== header) next[key] = value;
  if (header) next[field] = header;
  return next;
}

/** One French message per required field without a column. */
export function mappingErrors(kind: ImportKind, mapping: ColumnMapping): string[] {
  return importFields[kind].filter((f) => f.required && !mapping[f.field]).map((f) => `Choisissez la colonne qui contient « ${f.label} » (obligatoire).`);
}

/** The file's headers no field uses: their content is not imported. */
export function ignoredHeaders(headers: readonly string[], mapping: ColumnMapping): string[] {
  const used = new Set(Object.values(mapping));
  return headers.filter((h) => !used.has(h));
}

/** The rows as the repository reads them, with their line in the file. */
export function importRows(parsed: ParsedCsv, mapping: ColumnMapping): { rows: ImportRow[]; lines: number[] } {
  return { rows: parsed.rows.map((row) => readFields(row, mapping)), lines: parsed.rows.map((row) => row.line) };
}

/** Lines the parser could not read, as report lines (their message without its "Ligne n :" prefix). */
export function unreadableLines(parsed: ParsedCsv): ImportLine[] {
  return parsed.lineErrors.map((e) => ({ line: e.line, label: '', status: 'refused', reasons: [e.message.replace(/^Ligne \d+ : /, '')] }));
}

/** Every line of the report in file order. */
export function mergeLines(...groups: readonly (readonly ImportLine[])[]): ImportLine[] {
  return groups.flat().sort((a, b) => a.line - b.line);
}

/**
 * The final report: every line of the file. The commit writes each row it does not refuse, so a row missing
 * from its refusals was imported; its label comes from the preview.
 */
export function reportLines(
  rowLines: readonly number[],
  refused: readonly ImportLine[],
  unreadable: readonly ImportLine[],
  previewed: readonly ImportLine[],
): ImportLine[] {
  const refusedLines = new Set(refused.map((l) => l.line));
  const previewedLines = new Map(previewed.map((l) => [l.line, l]));
  const imported = rowLines
    .filter((line) => !refusedLines.has(line))
    .map((line): ImportLine => ({ line, label: previewedLines.get(line)?.label ?? '', status: 'ok', reasons: previewedLines.get(line)?.reasons ?? [] }));
  return mergeLines(imported, refused, unreadable);
}

export const statusLabels: Record<ImportLine['status'], string> = {
  ok: 'Importée',
  refused: 'Refusée',
  blocking: 'Bloque l’import',
};

/** The report as a CSV file Excel opens: line, label, outcome, reasons. */
export function reportCsv(lines: readonly ImportLine[], okLabel = statusLabels.ok): string {
  return toCsv(
    [{ header: 'Ligne' }, { header: 'Libellé' }, { header: 'Résultat' }, { header: 'Motifs' }],
    lines.map((l) => [l.line, l.label, l.status === 'ok' ? okLabel : statusLabels[l.status], l.reasons.join(' ; ')]),
  );
}
