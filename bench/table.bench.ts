/**
 * How long a list takes on 60,000 rows, through the same index as `DataTable` (renderer/ui/listIndex.ts),
 * without React or the DOM: sorting, the global search as it is typed, select and date filters, and the CSV
 * export of every row. Each run starts from a fresh index, prepared as `DataTable` prepares it while the page
 * is idle after showing the first rows; the first sort of an index not prepared yet is shown too.
 */
import { performance } from 'node:perf_hooks';
import { toCsv } from '../shared/csv/export.ts';
import { ListIndex, type ListQuery } from '../renderer/ui/listIndex.ts';
import { type DataColumn, cellText, csvCell } from '../renderer/ui/tableModel.ts';
import { foldAccents } from '../shared/format/text.ts';
import { type Bench, type BenchResult, check, row, RUNS } from './harness.ts';

interface Person {
  id: string;
  lastName: string;
  firstName: string;
  commune: string;
  hours: number;
  minor: boolean;
  end: string;
}

const ROWS = 60_000;
const lastNames = ['Dupont', 'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Lefèvre', 'Ézéchiel'];
const firstNames = ['Hélène', 'Léo', 'Anaïs', 'Zoé', 'Jérôme', 'Noël', 'Chloé', 'François', 'Maëlle', 'Loïc'];
const communes = ['Évry-Courcouronnes', 'Créteil', 'Sète', 'Nîmes', 'Besançon', 'Orléans', 'Saint-Étienne', 'Angoulême', 'Béziers', 'Montréal-la-Cluse'];

// A fixed pseudo-random sequence, so every run measures the same rows.
let seed = 42;
const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <V>(values: readonly V[]) => values[Math.floor(next() * values.length)]!;

const data: Person[] = Array.from({ length: ROWS }, (_, i) => ({
  id: `p${i}`,
  lastName: `${pick(lastNames)}-${Math.floor(next() * 5000)}`,
  firstName: pick(firstNames),
  commune: pick(communes),
  hours: Math.round(next() * 1600) / 4,
  minor: next() < 0.1,
  end: `2026-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
}));

const columns: DataColumn<Person>[] = [
  { id: 'lastName', header: 'Nom', accessor: (p) => p.lastName, filter: 'text' },
  { id: 'firstName', header: 'Prénom', accessor: (p) => p.firstName },
  { id: 'commune', header: 'Commune', accessor: (p) => p.commune, filter: 'select' },
  { id: 'hours', header: 'Heures', accessor: (p) => p.hours },
  { id: 'minor', header: 'Mineur', accessor: (p) => p.minor, filter: 'boolean' },
  { id: 'end', header: 'Fin de mesure', accessor: (p) => p.end, filter: 'date' },
];

/** Every sort, filter or keystroke within a frame budget a counsellor never waits for. */
const FRAME = 100;

function run(): BenchResult[] {
  const steps = new Map<string, { times: number[]; shown: number[]; target?: number }>();
  const time = (step: string, target: number | undefined, fn: () => number) => {
    const start = performance.now();
    const shown = fn();
    const entry = steps.get(step) ?? { times: [], shown: [], ...(target ? { target } : {}) };
    entry.times.push(performance.now() - start);
    entry.shown.push(shown);
    steps.set(step, entry);
  };
  for (let r = 0; r < RUNS; r++) {
    const cold = new ListIndex(columns, data);
    time('first sort by last name, index not prepared', undefined, () => cold.rows({ search: '', filters: [], sort: { id: 'lastName', desc: false } }).length);
    const index = new ListIndex(columns, data);
    time('first rows, unsorted (first screen)', FRAME, () => index.rows({ search: '', filters: [], sort: undefined }).length);
    time('prepare sort keys, orders and search text (idle time, not a user action)', undefined, () => {
      let steps = 0;
      while (index.prepare()) steps++;
      return steps;
    });
    let query: ListQuery = { search: '', filters: [], sort: undefined };
    const apply = (step: string, next: Partial<ListQuery>) => {
      query = { ...query, ...next };
      time(step, FRAME, () => index.rows(query).length);
    };
    apply('sort by last name (French order)', { sort: { id: 'lastName', desc: false } });
    apply('sort by last name, descending', { sort: { id: 'lastName', desc: true } });
    apply('sort by hours', { sort: { id: 'hours', desc: false } });
    for (const typed of ['d', 'du', 'dup', 'dupo', 'dupon', 'dupont', 'dupont h', 'dupont hel']) apply(`search "${typed}"`, { search: typed });
    apply('search cleared', { search: '' });
    apply('select filter commune = Sète', { filters: [{ id: 'commune', value: 'Sète' }] });
    apply('plus date range', { filters: [...query.filters, { id: 'end', value: { from: '2026-03-01', to: '2026-06-30' } }] });
    apply('filters reset', { filters: [] });
    time('CSV of every row shown', 1000, () => {
      const rows = index.rows(query).map((p) => columns.map((column) => csvCell(column.accessor(p))));
      return toCsv(columns, rows).length > 0 ? rows.length : 0;
    });
  }
  // The answers: the same rows in every run, and what the data says they are.
  const shown = (step: string) => steps.get(step)!.shown;
  for (const { shown: counts } of steps.values()) check(new Set(counts).size === 1, 'le même nombre de lignes à chaque passage');
  check(shown('sort by last name (French order)')[0] === ROWS && shown('filters reset')[0] === ROWS, 'toutes les lignes sans filtre');
  check(shown('select filter commune = Sète')[0] === data.filter((p) => p.commune === 'Sète').length, 'filtre par commune');
  const naive = (words: string[]) =>
    data.filter((p) => {
      const text = foldAccents(
        columns.map((c) => (typeof c.accessor(p) === 'number' ? String(c.accessor(p)).replace('.', ',') : cellText(c.accessor(p)))).join(' '),
      );
      return words.every((w) => text.includes(w));
    }).length;
  check(shown('search "dupont hel"')[0] === naive(['dupont', 'hel']), 'recherche de deux mots');
  return [...steps].map(([step, { times, shown: counts, target }]) =>
    row(step, `${ROWS.toLocaleString('en')} rows, ${counts[0]!.toLocaleString('en')} shown`, times, 'ms', target ? { atMost: target } : undefined),
  );
}

const bench: Bench = {
  title: 'List table (sort, search, filters, CSV) on 60,000 rows',
  run: async () => run(),
};
export default bench;
