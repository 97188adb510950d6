/**
 * What a main list looked like when its user left it (search, column filters, sort), kept for the session
 * (sessionStorage: gone when the application closes), so opening a record and coming back finds the list as
 * it was. Anything unreadable is ignored: the list then opens as new.
 */
export interface TableMemory {
  search: string;
  columnFilters: { id: string; value: unknown }[];
  sorting: { id: string; desc: boolean }[];
}

const key = (name: string) => `passerelle.table.${name}`;

function isMemory(value: unknown): value is TableMemory {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.search === 'string' &&
    Array.isArray(m.columnFilters) &&
    m.columnFilters.every((f: unknown) => typeof f === 'object' && f !== null && typeof (f as { id?: unknown }).id === 'string') &&
    Array.isArray(m.sorting) &&
    m.sorting.every(
      (s: unknown) =>
        typeof s === 'object' && s !== null && typeof (s as { id?: unknown }).id === 'string' && typeof (s as { desc?: unknown }).desc === 'boolean',
    )
  );
}

export function recallTable(name: string): TableMemory | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(key(name)) ?? 'null');
    return isMemory(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function rememberTable(name: string, memory: TableMemory): void {
  try {
    sessionStorage.setItem(key(name), JSON.stringify(memory));
  } catch {
    // A full or disabled storage only costs the list its memory.
  }
}
