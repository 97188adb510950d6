/**
 * Reading the CSV files French offices actually have: Excel's "CSV (séparateur : point-virgule)" in
 * Windows-1252 (older Excel) or UTF-8 with or without a byte order mark, sometimes `,` or tab separated, and
 * Excel's "Texte Unicode" (UTF-16LE with a byte order mark, tab separated).
 *
 * Line numbers are those Excel shows: the header is line 1 and a quoted cell spanning several lines stays on
 * one line. Cells are kept exactly as written; `readFields` trims them.
 *
 * @example
 * const fields = [
 *   { field: 'name', label: 'Raison sociale', synonyms: ['Nom', 'Organisme'], required: true },
 *   { field: 'siret', label: 'SIRET', required: true },
 *   { field: 'commune', label: 'Commune' },
 * ] as const satisfies readonly CsvField[];
 *
 * const parsed = parseCsv(new Uint8Array(await file.arrayBuffer()));
 * if (!parsed.ok) return showError(parsed.error);
 * const mapping = mapHeaders(parsed.headers, fields);
 * if (mapping.errors.length) return showErrors(mapping.errors);
 * for (const row of parsed.rows) {
 *   const input = readFields(row, mapping.columns); // { name?: string; siret?: string; commune?: string }
 *   // validate `input`, report problems as `Ligne ${row.line} : …`
 * }
 * // parsed.lineErrors: lines that could not be read (wrong number of columns, broken quotes)
 */
import { papa } from './papa.ts';
import { foldAccents } from '../format/text.ts';

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';
export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvRow {
  /** The line of the record in the file, as Excel numbers it. */
  line: number;
  /** Cell text by header. */
  values: Record<string, string>;
}

export interface CsvLineError {
  line: number;
  message: string;
}

export type CsvParseResult =
  | {
      ok: true;
      encoding: CsvEncoding;
      delimiter: CsvDelimiter;
      headers: string[];
      rows: CsvRow[];
      /** Lines left out of `rows` because they cannot be read reliably. */
      lineErrors: CsvLineError[];
    }
  | { ok: false; error: string };

/**
 * Bytes to text. A byte order mark decides; otherwise text that is valid UTF-8 is UTF-8 (Windows-1252 text with
 * accents is almost never valid UTF-8), and text with no UTF-8 accent at all is Windows-1252, the encoding of
 * French Windows. A file that mixes both (UTF-8 accents on some lines, bytes that are not UTF-8 on others: lines
 * pasted from another file) is refused naming those lines, since reading it either way garbles names silently.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } | { error: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const { accented, invalid } = utf8Lines(bom ? bytes.subarray(3) : bytes);
    if (accented === 0 && !bom) return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
    const shown = invalid.slice(0, 5).join(', ') + (invalid.length > 5 ? ', …' : '');
    const plural = invalid.length > 1;
    return {
      error: `Encodage incohérent : ce fichier est en UTF-8, mais ${plural ? `les lignes ${shown} ne le sont pas` : `la ligne ${shown} ne l’est pas`} (accents enregistrés en Windows-1252 ?). Rien n’a été importé : corrigez ${plural ? 'ces lignes' : 'cette ligne'}, ou enregistrez de nouveau le fichier au format « CSV UTF-8 » depuis Excel ou LibreOffice.`,
    };
  }
}

/** Lines (numbered from 1) holding valid UTF-8 beyond ASCII, and those that are not UTF-8. */
function utf8Lines(bytes: Uint8Array): { accented: number; invalid: number[] } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let accented = 0;
  const invalid: number[] = [];
  for (let start = 0, line = 1; start < bytes.length; line++) {
    const found = bytes.indexOf(0x0a, start);
    const end = found === -1 ? bytes.length : found;
    const slice = bytes.subarray(start, end);
    if (slice.some((b) => b >= 0x80)) {
      try {
        decoder.decode(slice);
        accented++;
      } catch {
        invalid.push(line);
      }
    }
    start = end + 1;
  }
  return { accented, invalid };
}

const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];

/**
 * The separator that appears most often in the first non-empty line, outside quotes; `;` on a tie or when
 * there is none. Only the header line is read: header names rarely hold a separator, whereas data cells
 * are full of decimal commas, which is what misleads papaparse's own guess (it compares field counts over
 * the first rows).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let seenContent = false;
  for (const char of text) {
    if (char === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (char === '\n' || char === '\r')) {
      if (seenContent) break;
    } else if (!inQuotes && counts.has(char)) {
      counts.set(char, counts.get(char)! + 1);
      seenContent = true;
    } else if (char.trim() !== '') {
      seenContent = true;
    }
  }
  let best: CsvDelimiter = ';';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

const isBlank = (record: readonly string[]) => record.every((cell) => cell.trim() === '');
// A header cell made only of digits and number or date punctuation is a value: the file has no header row.
const looksLikeValue = (cell: string) => /^[\d\s.,/:+-]+$/.test(cell) && /\d/.test(cell);

function papaErrorMessage(code: string): string {
  if (code === 'MissingQuotes') return 'un guillemet ouvert n’est jamais fermé (le reste du fichier est illisible).';
  if (code === 'InvalidQuotes') return 'des guillemets sont mal placés dans une cellule.';
  return 'cette ligne est illisible.';
}

/** Decodes, detects the separator and reads every record; see `CsvParseResult`. */
export function parseCsv(bytes: Uint8Array): CsvParseResult {
  const decoded = decodeCsv(bytes);
  if ('error' in decoded) return { ok: false, error: decoded.error };
  const { text, encoding } = decoded;
  if (text.trim() === '') return { ok: false, error: 'Le fichier est vide.' };

  // Excel writes and understands a first line `sep=;` naming the separator.
  const sepLine = /^sep=([;,\t])\r?\n/i.exec(text);
  const delimiter = (sepLine?.[1] as CsvDelimiter | undefined) ?? detectDelimiter(text);
  const body = sepLine ? text.slice(sepLine[0].length) : text;
  const firstLine = sepLine ? 2 : 1;

  const parsed = papa.parse(body, { delimiter, header: false, skipEmptyLines: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((record) => !isBlank(record));
  if (headerIndex < 0) return { ok: false, error: 'Le fichier est vide.' };

  const headers = records[headerIndex]!.map((cell) => cell.trim());
  // Excel writes a `;` for each formatted but empty column at the end of a line.
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const headerLine = firstLine + headerIndex;

  const unnamed = headers.indexOf('');
  if (unnamed >= 0) {
    return { ok: false, error: `La colonne n° ${unnamed + 1} n’a pas de nom dans la ligne d’en-tête (ligne ${headerLine}).` };
  }
  const value = headers.find(looksLikeValue);
  if (value !== undefined) {
    return {
      ok: false,
      error: `La ligne ${headerLine} doit donner les noms des colonnes, mais « ${value} » ressemble à une valeur : ajoutez une ligne d’en-tête en tête du fichier.`,
    };
  }
  const duplicate = headers.find((header, i) => headers.indexOf(header) !== i);
  if (duplicate !== undefined) {
    return { ok: false, error: `La colonne « ${duplicate} » apparaît deux fois dans la ligne d’en-tête (ligne ${headerLine}).` };
  }

  const unreadable = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.row !== undefined && !unreadable.has(error.row)) unreadable.set(error.row, papaErrorMessage(error.code));
  }

  const rows: CsvRow[] = [];
  const lineErrors: CsvLineError[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const record = records[index]!;
    const line = firstLine + index;
    const problem = unreadable.get(index);
    if (problem) {
      lineErrors.push({ line, message: `Ligne ${line} : ${problem}` });
      continue;
    }
    if (isBlank(record)) continue;
    let length = record.length;
    while (length > headers.length && record[length - 1]!.trim() === '') length--;
    if (length !== headers.length) {
      lineErrors.push({
        line,
        message: `Ligne ${line} : ${length} colonnes au lieu de ${headers.length} (un « ${delimiter === '\t' ? 'tab' : delimiter} » en trop ou en moins ?).`,
      });
      continue;
    }
    rows.push({ line, values: Object.fromEntries(headers.map((header, i) => [header, record[i]!])) });
  }

  if (rows.length === 0 && lineErrors.length === 0) {
    return { ok: false, error: 'Le fichier ne contient que la ligne d’en-tête : aucune ligne à importer.' };
  }
  return { ok: true, encoding, delimiter, headers, rows, lineErrors };
}

/** A field the importer expects, with the French label users know it by and other names files use. */
export interface CsvField<F extends string = string> {
  field: F;
  label: string;
  synonyms?: readonly string[];
  required?: boolean;
}

export interface HeaderMapping<F extends string> {
  /** For each recognised field, the file's header that holds it. */
  columns: Partial<Record<F, string>>;
  /** Headers of the file that no field uses (shown to the user as ignored columns). */
  ignoredHeaders: string[];
  /** One French message per required field the file lacks. */
  errors: string[];
}

// Words that header names add or drop at will: "N° SIRET", "Numéro de SIRET" and "SIRET" are the same column.
const FILLER_WORDS = new Set(['n', 'no', 'num', 'numero', 'de', 'du', 'des', 'd', 'la', 'le', 'les', 'l']);

/** Case-, accent-, punctuation- and filler-word-insensitive key of a header name. */
export function headerKey(text: string): string {
  return foldAccents(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !FILLER_WORDS.has(word))
    .join('');
}

/**
 * Finds which header holds each field, comparing `headerKey`s: labels first, then synonyms, each header
 * serving one field at most.
 */
export function mapHeaders<F extends string>(headers: readonly string[], fields: readonly CsvField<F>[]): HeaderMapping<F> {
  const free = new Map<string, string>();
  for (const header of headers) {
    const key = headerKey(header);
    if (key !== '' && !free.has(key)) free.set(key, header);
  }
  const columns: Partial<Record<F, string>> = {};
  const claim = (field: F, name: string) => {
    const key = headerKey(name);
    const header = free.get(key);
    if (header === undefined) return false;
    columns[field] = header;
    free.delete(key);
    return true;
  };
  for (const { field, label } of fields) claim(field, label);
  for (const { field, synonyms = [] } of fields) {
    if (columns[field] === undefined) synonyms.some((synonym) => claim(field, synonym));
  }
  const used = new Set<string>(Object.values<string | undefined>(columns).filter((h) => h !== undefined));
  const errors = fields
    .filter(({ field, required }) => required && columns[field] === undefined)
    .map(({ label, synonyms = [] }) => {
      const names = [label, ...synonyms].map((name) => `« ${name} »`).join(', ');
      return `Colonne obligatoire absente : « ${label} ». Le fichier doit avoir une colonne nommée ${synonyms.length ? `l’un de ${names}` : names}.`;
    });
  return { columns, ignoredHeaders: headers.filter((header) => !used.has(header)), errors };
}

/** The row's cells for the mapped fields, trimmed; a field without a column is absent. */
export function readFields<F extends string>(row: CsvRow, columns: Partial<Record<F, string>>): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const field of Object.keys(columns) as F[]) {
    const header = columns[field];
    if (header !== undefined) out[field] = (row.values[header] ?? '').trim();
  }
  return out;
}
