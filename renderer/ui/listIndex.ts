import { foldAccents } from '../../shared/format/text.ts';
import { cellText, compareKeys, type DataColumn, type DateRange, optionKey, type SortKey, sortKey } from './tableModel.ts';

/** What a list shows: the search box's text, the column filters set, and the sorted column. */
export interface ListQuery {
  search: string;
  filters: readonly { id: string; value: unknown }[];
  sort: { id: string; desc: boolean } | undefined;
}

/**
 * A value as the search reads it: the shown text, except numbers without thousands separators (so `1234`
 * finds 1 234), which also spares 60,000 calls to Intl.
 */
function searchText(value: ReturnType<DataColumn<object>['accessor']>): string {
  return typeof value === 'number' ? String(value).replace('.', ',') : cellText(value);
}

/** A filter value that filters nothing, as the filter inputs leave it when emptied. */
export function isEmptyFilter(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'object') return !(value as DateRange).from && !(value as DateRange).to;
  return false;
}

/** The words of a search, folded: every one must appear in a row's text. */
export function searchWords(search: string): string[] {
  return foldAccents(search).split(/\s+/).filter(Boolean);
}

/**
 * The rows of one data array for any query, from caches built once per array: each column's sort keys and
 * ascending order (descending is read from it), each text filter's folded cells, each row's search text. A
 * new sort, filter or keystroke reads these; nothing already sorted is sorted again and no text is folded
 * twice. Folded text is also cached by value, as lists repeat the same communes, statuses and names.
 *
 * `prepare` builds the caches a slice at a time, for the moments the page is idle after showing the first
 * rows; a query asking for a cache not built yet builds it at once.
 */
export class ListIndex<T> {
  private readonly columns: readonly DataColumn<T>[];
  private readonly data: readonly T[];
  private readonly folds = new Map<string, string>();
  private readonly keys = new Map<string, SortKey[]>();
  private readonly orders = new Map<string, Uint32Array>();
  private readonly texts = new Map<string, string[]>();
  private rowText: string[] | undefined;
  private last: { words: string[]; rest: string; found: readonly number[] } | undefined;
  private readonly pending: (() => void)[];

  constructor(columns: readonly DataColumn<T>[], data: readonly T[]) {
    this.columns = columns;
    this.data = data;
    this.pending = [
      () => this.searchTexts(),
      ...columns.filter((c) => c.filter === 'text').map((c) => () => this.filterTexts(c)),
      ...columns.map((c) => () => this.ascending(c.id)),
    ];
  }

  /** Builds the next cache; false once all are built. */
  prepare(): boolean {
    this.pending.shift()?.();
    return this.pending.length > 0;
  }

  rows(query: ListQuery): T[] {
    const words = searchWords(query.search);
    const tests: ((i: number) => boolean)[] = [];
    for (const { id, value } of query.filters) {
      const column = this.columns.find((c) => c.id === id);
      if (column && !isEmptyFilter(value)) tests.push(this.filterTest(column, value));
    }
    const sort = query.sort && this.columns.some((c) => c.id === query.sort!.id) ? query.sort : undefined;
    const rest = JSON.stringify([query.filters, sort]);
    // A keystroke that only narrows the last search (each word before lies within a word now, the filters
    // and sort unchanged) looks only at the rows that search found.
    const previous = this.last;
    const narrows = previous?.rest === rest && previous.words.every((before) => words.some((word) => word.includes(before)));
    const candidates = narrows ? previous.found : sort ? this.order(sort.id, sort.desc) : undefined;
    const texts = words.length > 0 ? this.searchTexts() : undefined;
    const found: number[] = [];
    const n = candidates ? candidates.length : this.data.length;
    for (let k = 0; k < n; k++) {
      const i = candidates ? candidates[k]! : k;
      if (texts) {
        const text = texts[i]!;
        let all = true;
        for (const word of words) {
          if (!text.includes(word)) {
            all = false;
            break;
          }
        }
        if (!all) continue;
      }
      if (tests.length > 0 && !tests.every((test) => test(i))) continue;
      found.push(i);
    }
    this.last = { words, rest, found };
    return found.map((i) => this.data[i]!);
  }

  private fold(text: string): string {
    let folded = this.folds.get(text);
    if (folded === undefined) {
      folded = foldAccents(text);
      this.folds.set(text, folded);
    }
    return folded;
  }

  private filterTest(column: DataColumn<T>, value: unknown): (i: number) => boolean {
    const cell = (i: number) => column.accessor(this.data[i]!);
    switch (column.filter) {
      case 'text': {
        const texts = this.filterTexts(column);
        const query = foldAccents(String(value).trim());
        return (i) => texts[i]!.includes(query);
      }
      case 'select':
        return (i) => optionKey(cell(i)) === value;
      case 'boolean':
        return (i) => Boolean(cell(i)) === (value === 'oui');
      case 'date': {
        const range = value as DateRange;
        return (i) => {
          const day = cell(i);
          if (typeof day !== 'string' || day === '') return false;
          const date = day.slice(0, 10);
          return (!range.from || date >= range.from) && (!range.to || date <= range.to);
        };
      }
      default:
        return () => true;
    }
  }

  private searchTexts(): string[] {
    this.rowText ??= this.data.map((row) => this.columns.map((column) => this.fold(searchText(column.accessor(row)))).join('\n'));
    return this.rowText;
  }

  private filterTexts(column: DataColumn<T>): string[] {
    let texts = this.texts.get(column.id);
    if (!texts) {
      texts = this.data.map((row) => this.fold(cellText(column.accessor(row))));
      this.texts.set(column.id, texts);
    }
    return texts;
  }

  private sortKeys(id: string): SortKey[] {
    let keys = this.keys.get(id);
    if (!keys) {
      const column = this.columns.find((c) => c.id === id)!;
      const byText = new Map<string, SortKey>();
      keys = this.data.map((row) => {
        const value = column.accessor(row);
        if (typeof value !== 'string') return sortKey(value);
        let key = byText.get(value);
        if (key === undefined && !byText.has(value)) {
          key = sortKey(value);
          byText.set(value, key);
        }
        return key;
      });
      this.keys.set(id, keys);
    }
    return keys;
  }

  /** Row indexes by ascending key, equal keys in data order, empty cells last. */
  private ascending(id: string): Uint32Array {
    let order = this.orders.get(id);
    if (!order) {
      const keys = this.sortKeys(id);
      const indexes = Array.from({ length: keys.length }, (_, i) => i);
      indexes.sort((a, b) => {
        const ka = keys[a];
        const kb = keys[b];
        if (ka === undefined || kb === undefined) return ka === kb ? a - b : ka === undefined ? 1 : -1;
        return compareKeys(ka, kb) || a - b;
      });
      order = Uint32Array.from(indexes);
      this.orders.set(id, order);
    }
    return order;
  }

  /**
   * The ascending order, or the descending one read from it: runs of equal keys in reverse order, each run
   * still in data order, empty cells still last.
   */
  private order(id: string, desc: boolean): Uint32Array {
    const ascending = this.ascending(id);
    if (!desc) return ascending;
    const cached = this.orders.get(`${id}\u0000desc`);
    if (cached) return cached;
    const keys = this.sortKeys(id);
    const result = new Uint32Array(ascending.length);
    let empty = ascending.length;
    while (empty > 0 && keys[ascending[empty - 1]!] === undefined) empty--;
    let filled = 0;
    for (let stop = empty; stop > 0;) {
      let start = stop - 1;
      while (start > 0 && compareKeys(keys[ascending[start - 1]!], keys[ascending[stop - 1]!]) === 0) start--;
      result.set(ascending.subarray(start, stop), filled);
      filled += stop - start;
      stop = start;
    }
    result.set(ascending.subarray(empty), filled);
    this.orders.set(`${id}\u0000desc`, result);
    return result;
  }
}
