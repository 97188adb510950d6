import { foldName } from '../format/text.ts';

/** A current commune: INSEE code, name, département code, main postal code. */
export type CommuneRow = readonly [code: string, name: string, departement: string, postalCode: string];

export interface Commune {
  code: string;
  name: string;
  departement: string;
  postalCode: string;
}

export function toCommune(row: CommuneRow): Commune {
  return { code: row[0], name: row[1], departement: row[2], postalCode: row[3] };
}

/**
 * Communes matching what the user typed (start of the name, of a word of the name, or a postal code),
 * optionally in one département: names starting with the text first, then by size of name.
 */
export function searchCommunes(rows: readonly CommuneRow[], query: string, options: { departement?: string; limit?: number } = {}): Commune[] {
  const q = foldName(query);
  if (q.length < 2) return [];
  const limit = options.limit ?? 20;
  const starts: CommuneRow[] = [];
  const words: CommuneRow[] = [];
  const isPostal = /^\d{2,5}$/.test(q);
  for (const row of rows) {
    if (options.departement && row[2] !== options.departement) continue;
    if (isPostal) {
      if (row[3].startsWith(q)) starts.push(row);
      continue;
    }
    const name = foldName(row[1]);
    if (name.startsWith(q)) starts.push(row);
    else if (name.includes(` ${q}`)) words.push(row);
  }
  const byName = (a: CommuneRow, b: CommuneRow) => a[1].length - b[1].length || a[1].localeCompare(b[1], 'fr');
  return [...starts.sort(byName), ...words.sort(byName)].slice(0, limit).map(toCommune);
}

/**
 * The postal code an address takes when its commune is chosen from the list: the commune's (its main one), unless
 * the code already typed is of the same area (same first two digits), since a commune may have several codes and
 * the list keeps one.
 */
export function postalCodeOnChoice(current: string, chosen: Pick<Commune, 'postalCode'>): string {
  const typed = current.trim();
  if (!chosen.postalCode) return typed;
  return /^\d{5}$/.test(typed) && typed.slice(0, 2) === chosen.postalCode.slice(0, 2) ? typed : chosen.postalCode;
}
