/**
 * The one door to papaparse for shared/. Its published types (@types/papaparse) reference @types/node, and a
 * type reference is global to a program: importing them here would hand Node's globals (`process`, `Buffer`)
 * to every file of shared/, silently defeating the "no Node types in shared/" check of shared/tsconfig.json.
 * So the untyped file is imported and the little of its API used here is typed by hand below. It is the
 * minified build, the one the package's `browser` field gives bundlers: unlike papaparse.js it has no
 * `require('stream')`, which Vite would have to stub in the renderer.
 */
// @ts-expect-error papaparse.min.js ships no types; the ones used are declared below (see the comment above)
import papaparse from 'papaparse/papaparse.min.js';

export interface PapaParseError {
  type: string;
  code: string;
  message: string;
  /** Index of the record in `data` (with `header: false`). */
  row?: number;
}

export interface PapaParseResult {
  data: string[][];
  errors: PapaParseError[];
  meta: { delimiter: string; linebreak: string };
}

export interface PapaParseConfig {
  delimiter: string;
  header: false;
  skipEmptyLines: false;
}

export interface PapaUnparseConfig {
  delimiter: string;
  newline: string;
  escapeFormulae: RegExp;
}

interface Papa {
  parse(text: string, config: PapaParseConfig): PapaParseResult;
  unparse(input: { fields: string[]; data: string[][] }, config: PapaUnparseConfig): string;
}

export const papa: Papa = papaparse;
