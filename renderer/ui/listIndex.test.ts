import { describe, expect, it } from 'vitest';
import { ListIndex, type ListQuery } from './listIndex.ts';
import type { DataColumn } from './tableModel.ts';

interface Person {
  id: string;
  name: string;
  commune: string | null;
  hours?: number;
  minor: boolean;
  end?: string;
}

const people: Person[] = [
  { id: 'a', name: 'Dupont 10', commune: 'Sète', hours: 5, minor: false, end: '2026-03-01' },
  { id: 'b', name: 'Hélène Martin', commune: 'Évry', minor: true, end: '2026-06-15' },
  { id: 'c', name: 'dupont 9', commune: null, hours: 5, minor: false },
  { id: 'd', name: 'Ézéchiel', commune: 'Sète', hours: 1234.5, minor: false, end: '2026-12-31' },
  { id: 'e', name: 'Bernard', commune: 'Évry', hours: 2, minor: true, end: '2026-06-01' },
];

const columns: DataColumn<Person>[] = [
  { id: 'name', header: 'Nom', accessor: (p) => p.name, filter: 'text' },
  { id: 'commune', header: 'Commune', accessor: (p) => p.commune, filter: 'select' },
  { id: 'hours', header: 'Heures', accessor: (p) => p.hours },
  { id: 'minor', header: 'Mineur', accessor: (p) => p.minor, filter: 'boolean' },
  { id: 'end', header: 'Fin', accessor: (p) => p.end, filter: 'date' },
];

const all: ListQuery = { search: '', filters: [], sort: undefined };
const ids = (index: ListIndex<Person>, query: Partial<ListQuery>) => index.rows({ ...all, ...query }).map((p) => p.id);

describe('list index', () => {
  it('sorts in French order both ways, equal keys in data order and empty cells last in both directions', () => {
    const index = new ListIndex(columns, people);
    expect(ids(index, {})).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(index, { sort: { id: 'name', desc: false } })).toEqual(['e', 'c', 'a', 'd', 'b']);
    expect(ids(index, { sort: { id: 'name', desc: true } })).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(ids(index, { sort: { id: 'hours', desc: false } })).toEqual(['e', 'a', 'c', 'd', 'b']);
    expect(ids(index, { sort: { id: 'hours', desc: true } })).toEqual(['d', 'a', 'c', 'e', 'b']);
    expect(ids(index, { sort: { id: 'commune', desc: true } })).toEqual(['a', 'd', 'b', 'e', 'c']);
  });

  it('finds every word typed in the shown text, accents, case and thousands separators aside', () => {
    const index = new ListIndex(columns, people);
    expect(ids(index, { search: 'helene evry' })).toEqual(['b']);
    expect(ids(index, { search: 'DUPONT  ' })).toEqual(['a', 'c']);
    expect(ids(index, { search: '1234,5' })).toEqual(['d']);
    expect(ids(index, { search: '15/06/2026' })).toEqual(['b']);
    expect(ids(index, { search: 'oui' })).toEqual(['b', 'e']);
    expect(ids(index, { search: 'dupont zzz' })).toEqual([]);
  });

  it('applies every column filter together with the search and the sort, an emptied filter filtering nothing', () => {
    const index = new ListIndex(columns, people);
    expect(ids(index, { filters: [{ id: 'name', value: ' dupont' }] })).toEqual(['a', 'c']);
    expect(ids(index, { filters: [{ id: 'commune', value: 'Sète' }], sort: { id: 'name', desc: true } })).toEqual(['d', 'a']);
    expect(ids(index, { filters: [{ id: 'commune', value: '\u2205' }] })).toEqual(['c']);
    expect(ids(index, { filters: [{ id: 'minor', value: 'oui' }] })).toEqual(['b', 'e']);
    expect(ids(index, { filters: [{ id: 'end', value: { from: '2026-06-01', to: '2026-06-30' } }] })).toEqual(['b', 'e']);
    expect(ids(index, { filters: [{ id: 'end', value: { from: '2026-06-02' } }], search: 'e' })).toEqual(['b', 'd']);
    expect(
      ids(index, {
        filters: [
          { id: 'name', value: '   ' },
          { id: 'end', value: {} },
        ],
      }),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('narrows a search keystroke by keystroke, and widens it again when a letter is erased or a filter changes', () => {
    const index = new ListIndex(columns, people);
    expect(ids(index, { search: 'e' })).toEqual(['a', 'b', 'd', 'e']);
    expect(ids(index, { search: 'ez' })).toEqual(['d']);
    expect(ids(index, { search: 'e' })).toEqual(['a', 'b', 'd', 'e']);
    expect(ids(index, { search: 'e', filters: [{ id: 'minor', value: 'oui' }] })).toEqual(['b', 'e']);
    expect(ids(index, { search: 'e', filters: [{ id: 'minor', value: 'non' }] })).toEqual(['a', 'd']);
    expect(ids(index, { search: 'e', sort: { id: 'name', desc: false } })).toEqual(['e', 'a', 'd', 'b']);
  });

  it('answers the same once its caches are prepared in idle time', () => {
    const queries: Partial<ListQuery>[] = [{ sort: { id: 'name', desc: true } }, { search: 'dupont' }, { filters: [{ id: 'name', value: 'mart' }] }];
    const cold = queries.map((q) => ids(new ListIndex(columns, people), q));
    const index = new ListIndex(columns, people);
    let steps = 0;
    while (index.prepare()) steps++;
    expect(steps).toBe(1 + 1 + columns.length - 1);
    expect(queries.map((q) => ids(index, q))).toEqual(cold);
  });
});
