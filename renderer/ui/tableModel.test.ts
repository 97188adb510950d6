import { describe, expect, it } from 'vitest';
import { foldAccents as foldText } from '../../shared/format/text.ts';
import { type DataColumn, cellText, compareKeys, csvCell, selectOptions, sortKey } from './tableModel.ts';

const sorted = (values: string[]) => [...values].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));

describe('table model', () => {
  it('shows values the French way', () => {
    expect(cellText(true)).toBe('oui');
    expect(cellText(false)).toBe('non');
    expect(cellText(2578.5)).toBe('2\u202f578,5');
    expect(cellText('2026-01-05')).toBe('05/01/2026');
    expect(cellText('Évry')).toBe('Évry');
    expect(cellText(null)).toBe('');
  });

  it('exports dates as dd/mm/yyyy and leaves numbers and booleans typed for toCsv', () => {
    expect(csvCell('2026-01-05')).toBe('05/01/2026');
    expect(csvCell(12.5)).toBe(12.5);
    expect(csvCell(true)).toBe(true);
    expect(csvCell('2026-01-05 remarque')).toBe('2026-01-05 remarque');
  });

  it('folds case, accents and ligatures', () => {
    expect(foldText('Hélène ÉZÉCHIEL')).toBe('helene ezechiel');
    expect(foldText('Œuvre Lætitia')).toBe('oeuvre laetitia');
    expect(foldText('ABC-12')).toBe('abc-12');
  });

  it('sorts text in French dictionary order: case and accents ignored, numbers by value', () => {
    expect(sorted(['Zoé', 'élise', 'Eze', 'Dupont 10', 'Dupont 9', 'Œuvre', 'Ocre', 'Saint-Étienne', 'Saint Denis'])).toEqual([
      'Dupont 9',
      'Dupont 10',
      'élise',
      'Eze',
      'Ocre',
      'Œuvre',
      'Saint Denis',
      'Saint-Étienne',
      'Zoé',
    ]);
  });

  it('sorts dates by date, numbers by value, and numbers before text', () => {
    expect(sorted(['2026-01-05', '2025-12-31', '2026-01-04'])).toEqual(['2025-12-31', '2026-01-04', '2026-01-05']);
    const keys = [10, 9, 'a', 100].map((v) => sortKey(v));
    expect(keys.sort(compareKeys)).toEqual([9, 10, 100, 'a']);
    expect([sortKey(true), sortKey(false)].sort(compareKeys)).toEqual([0, 1]);
  });

  it('gives empty cells no sort key, so they go last', () => {
    expect([sortKey(''), sortKey(null), sortKey(undefined)]).toEqual([undefined, undefined, undefined]);
  });

  it('offers the distinct values of a column in French order, the empty one last', () => {
    type Row = { commune: string | null };
    const column: DataColumn<Row> = { id: 'commune', header: 'Commune', accessor: (r) => r.commune, filter: 'select' };
    const rows: Row[] = [{ commune: 'Sète' }, { commune: null }, { commune: 'Évry' }, { commune: 'Créteil' }, { commune: 'Évry' }, { commune: '' }];
    expect(selectOptions(rows, column).map((option) => option.label)).toEqual(['Créteil', 'Évry', 'Sète', '(vide)']);
  });
});
