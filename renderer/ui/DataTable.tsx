/**
 * The list table of every screen: sortable columns, a global search, column filters, a count of the rows
 * shown, CSV export of exactly those rows, and rows that open on click or Enter. Rows are virtualised: only
 * the visible ones (and a few around) are in the page, so 60,000 rows scroll smoothly.
 *
 * Keep `columns` stable (module scope or `useMemo`): the search and filter caches live as long as it does.
 * Cells are one line high (`rowHeight`); longer text is cut with an ellipsis, except in `wrap` columns.
 *
 * Testing a screen in happy-dom, which lays nothing out: the scrolling area is 0 px high there, so no row is
 * rendered until the test gives elements a height (see DataTable.test.tsx, which stubs
 * `HTMLElement.prototype.clientHeight`).
 *
 * @example
 * type Organisation = { id: string; name: string; kind: string; commune: string; habilitationEnd?: string };
 *
 * const columns: DataColumn<Organisation>[] = [
 *   { id: 'name', header: 'Nom', accessor: (o) => o.name, filter: 'text', width: '30%' },
 *   { id: 'kind', header: 'Type', accessor: (o) => kindLabel[o.kind], filter: 'select' },
 *   { id: 'commune', header: 'Commune', accessor: (o) => o.commune, filter: 'select' },
 *   { id: 'end', header: 'Fin d’habilitation', accessor: (o) => o.habilitationEnd, filter: 'date' },
 * ];
 *
 * <DataTable
 *   caption="Organismes d’accueil"
 *   columns={columns}
 *   data={organisations}
 *   getRowId={(o) => o.id}
 *   csvFileName="organismes.csv"
 *   onRowActivate={(o) => navigate(`/organismes/${o.id}`)}
 *   emptyMessage="Aucun organisme d’accueil pour l’instant."
 *   emptyAction={<Button onClick={create}>Ajouter un organisme</Button>}
 * />
 */
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { CSV_MIME_TYPE, toCsv } from '../../shared/csv/export.ts';
import { formatNumber } from '../../shared/format/fr.ts';
import { downloadFile } from './download.ts';
import { isEmptyFilter, ListIndex } from './listIndex.ts';
import { recallTable, rememberTable } from './tableMemory.ts';
import { type DataColumn, type DateRange, type SelectOption, cellText, csvCell, selectOptions } from './tableModel.ts';
import { agree, counted } from '../../shared/format/agreement.ts';

export type { DataColumn } from './tableModel.ts';

export interface DataTableProps<T extends object> {
  /** Names the table for assistive technologies (a caption, visually hidden: the page has its title). */
  caption: string;
  columns: readonly DataColumn<T>[];
  data: readonly T[];
  /** A stable id per row (the record's id), so focus and React keys follow the record, not its position. */
  getRowId?: (row: T) => string;
  /** File name of the CSV export, such as `organismes.csv`. */
  csvFileName: string;
  /** Opens a row (click or Enter); rows are focusable and arrow keys move between them when given. */
  onRowActivate?: (row: T) => void;
  /** Shown instead of the table when `data` is empty. */
  emptyMessage?: string;
  /** An action under the empty message, such as a button creating the first record. */
  emptyAction?: ReactNode;
  initialSort?: { id: string; desc?: boolean };
  /** CSS height of the scrolling area; `auto` with `maxHeight` for a short list on a record's page. */
  height?: string;
  /**
   * With `height="auto"`: the table is as high as its rows up to this height, then it scrolls, so a list of
   * three rows leaves no blank space under it (and rows with wrapped text are never cut).
   */
  maxHeight?: string;
  /** Height of a row in pixels; DSFR's table rows are 40 px (2.5rem) high. */
  rowHeight?: number;
  /**
   * For the main lists: keeps the search, column filters and sort for the session under this name, so a
   * counsellor who opens a record and comes back finds the list as she left it.
   */
  rememberAs?: string;
}

const OVERSCAN = 10;

/**
 * A click on a link, button or field inside a row is that control's, not the row's; so is a click anywhere in
 * a dialog a cell opened (a confirmation before a deletion).
 */
function fromControl(target: EventTarget, row: Element): boolean {
  const control = target instanceof Element ? target.closest('a, button, input, select, textarea, label, [role="button"], dialog, [role="dialog"]') : null;
  return control !== null && control !== row && row.contains(control);
}

function rowCountText(shown: number, total: number): string {
  return `${counted(shown, 'ligne')} ${agree('affiché', 'f', shown)} sur ${formatNumber(total)}`;
}

export function DataTable<T extends object>({
  caption,
  columns,
  data,
  getRowId,
  csvFileName,
  onRowActivate,
  emptyMessage = 'Aucune ligne à afficher.',
  emptyAction,
  initialSort,
  height = '70vh',
  maxHeight,
  rowHeight = 40,
  rememberAs,
}: DataTableProps<T>) {
  const [remembered] = useState(() => (rememberAs ? recallTable(rememberAs) : undefined));
  const [sorting, setSorting] = useState(() => remembered?.sorting ?? (initialSort ? [{ id: initialSort.id, desc: initialSort.desc ?? false }] : []));
  const [columnFilters, setColumnFilters] = useState(() => remembered?.columnFilters ?? []);
  // The search box shows each keystroke at once and the rows follow when React has time (a newer keystroke
  // abandons the stale filtering).
  const [search, setSearch] = useState(remembered?.search ?? '');
  const deferredSearch = useDeferredValue(search);
  useEffect(() => {
    if (rememberAs) rememberTable(rememberAs, { search, columnFilters, sorting });
  }, [rememberAs, search, columnFilters, sorting]);
  // Sort keys, orders and search text are built once per data array, the first rows shown first: the rest is
  // built while the page is idle, so that the first sort or keystroke finds it ready.
  const index = useMemo(() => new ListIndex(columns, data), [columns, data]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      if (index.prepare()) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [index]);
  const rows = useMemo(() => index.rows({ search: deferredSearch, filters: columnFilters, sort: sorting[0] }), [index, deferredSearch, columnFilters, sorting]);
  const filtersActive = columnFilters.length > 0 || search.trim() !== '';

  const options = useMemo(() => {
    const byColumn = new Map<string, SelectOption[]>();
    for (const column of columns) if (column.filter === 'select') byColumn.set(column.id, selectOptions(data, column));
    return byColumn;
  }, [columns, data]);

  const resetFilters = () => {
    setSearch('');
    setColumnFilters([]);
  };

  const exportCsv = () => {
    const exported = columns.filter((column) => column.csv !== false);
    const cells = rows.map((row) => exported.map((column) => (typeof column.csv === 'function' ? column.csv(row) : csvCell(column.accessor(row)))));
    downloadFile(
      csvFileName,
      toCsv(
        exported.map((column) => ({ header: column.header })),
        cells,
      ),
      CSV_MIME_TYPE,
    );
  };

  if (data.length === 0) {
    return (
      <section className="fr-table" aria-label={caption}>
        <p>{emptyMessage}</p>
        {emptyAction}
      </section>
    );
  }

  const filterValue = (id: string) => columnFilters.find((filter) => filter.id === id)?.value;
  const setFilter = (id: string, value: unknown) =>
    setColumnFilters((filters) => [...filters.filter((filter) => filter.id !== id), ...(isEmptyFilter(value) ? [] : [{ id, value }])]);
  // Unsorted, ascending, descending, unsorted again; one column at a time.
  const toggleSort = (id: string) =>
    setSorting((current) => {
      const now = current[0]?.id === id ? current[0] : undefined;
      if (!now) return [{ id, desc: false }];
      return now.desc ? [] : [{ id, desc: true }];
    });

  return (
    <div className="fr-table fr-table--no-caption">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-1w">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Rechercher"
            nativeInputProps={{
              type: 'search',
              value: search,
              onChange: (event) => setSearch(event.target.value),
            }}
          />
        </div>
        {columns.map((column) =>
          column.filter ? (
            <ColumnFilter
              key={column.id}
              column={column}
              value={filterValue(column.id)}
              options={options.get(column.id) ?? []}
              onChange={(value) => setFilter(column.id, value)}
            />
          ) : null,
        )}
      </div>
      <div className="fr-table__header">
        <p className="fr-table__detail" aria-live="polite">
          {rowCountText(rows.length, data.length)}
        </p>
        {/* --icon-left: without it DSFR shrinks a group's buttons that have an icon down to the icon alone. */}
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left">
          {filtersActive && (
            <li>
              <Button priority="tertiary" iconId="fr-icon-close-circle-line" onClick={resetFilters}>
                Réinitialiser les filtres
              </Button>
            </li>
          )}
          <li>
            <Button priority="secondary" iconId="fr-icon-download-line" onClick={exportCsv} disabled={rows.length === 0}>
              Exporter en CSV
            </Button>
          </li>
        </ul>
      </div>
      {rows.length === 0 ? (
        <div className="fr-py-4w">
          <p>Aucune ligne ne correspond aux filtres.</p>
          <Button priority="secondary" onClick={resetFilters}>
            Réinitialiser les filtres
          </Button>
        </div>
      ) : (
        <VirtualRows
          rows={rows}
          getRowId={getRowId}
          sort={sorting[0]}
          onSort={toggleSort}
          caption={caption}
          columns={columns}
          height={height}
          maxHeight={maxHeight}
          rowHeight={rowHeight}
          onRowActivate={onRowActivate}
        />
      )}
    </div>
  );
}

interface ColumnFilterProps<T> {
  column: DataColumn<T>;
  value: unknown;
  options: SelectOption[];
  onChange: (value: unknown) => void;
}

function ColumnFilter<T>({ column, value, options, onChange }: ColumnFilterProps<T>) {
  const cellClass = 'fr-col-12 fr-col-sm-6 fr-col-md-2';
  switch (column.filter) {
    case 'text':
      return (
        <div className={cellClass}>
          <Input
            label={column.header}
            nativeInputProps={{ value: typeof value === 'string' ? value : '', onChange: (event) => onChange(event.target.value) }}
          />
        </div>
      );
    case 'select':
    case 'boolean': {
      const choices =
        column.filter === 'select'
          ? options
          : [
              { value: 'oui', label: 'Oui' },
              { value: 'non', label: 'Non' },
            ];
      return (
        <div className={cellClass}>
          <Select
            label={column.header}
            nativeSelectProps={{ value: typeof value === 'string' ? value : '', onChange: (event) => onChange(event.target.value) }}
          >
            <option value="">Tous</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </Select>
        </div>
      );
    }
    case 'date': {
      const range = (value ?? {}) as DateRange;
      return (
        <>
          <div className={cellClass}>
            <Input
              label={`${column.header} : du`}
              nativeInputProps={{ type: 'date', value: range.from ?? '', onChange: (event) => onChange({ ...range, from: event.target.value }) }}
            />
          </div>
          <div className={cellClass}>
            <Input
              label={`${column.header} : au`}
              nativeInputProps={{ type: 'date', value: range.to ?? '', onChange: (event) => onChange({ ...range, to: event.target.value }) }}
            />
          </div>
        </>
      );
    }
    default:
      return null;
  }
}

interface VirtualRowsProps<T extends object> {
  rows: readonly T[];
  getRowId: ((row: T) => string) | undefined;
  sort: { id: string; desc: boolean } | undefined;
  onSort: (id: string) => void;
  caption: string;
  columns: readonly DataColumn<T>[];
  height: string;
  maxHeight: string | undefined;
  rowHeight: number;
  onRowActivate: ((row: T) => void) | undefined;
}

function VirtualRows<T extends object>({ rows, getRowId, sort, onSort, caption, columns, height, maxHeight, rowHeight, onRowActivate }: VirtualRowsProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // The sticky header covers the top of the scrolling area: rows start below it, and scrolling to a row must
  // not leave it underneath.
  const [headerHeight, setHeaderHeight] = useState(rowHeight);
  const measureHeader = useCallback((head: HTMLTableSectionElement | null) => {
    if (head && head.offsetHeight > 0) setHeaderHeight(head.offsetHeight);
  }, []);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: this component re-renders on every virtualizer update
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const items = virtualizer.getVirtualItems();
  const wraps = columns.some((column) => column.wrap);
  const paddingTop = items.length > 0 ? items[0]!.start - headerHeight : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - headerHeight) : 0;

  // Roving focus: one row is in the tab order; arrows move focus, scrolling the target row into the page first.
  const [activeIndex, setActiveIndex] = useState(0);
  const focusPending = useRef(false);
  const active = Math.min(activeIndex, rows.length - 1);
  const tabbable = items.some((item) => item.index === active) ? active : items[0]?.index;
  useEffect(() => {
    if (!focusPending.current) return;
    const target = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`);
    if (target) {
      focusPending.current = false;
      target.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    focusPending.current = true;
    setActiveIndex(target);
    virtualizer.scrollToIndex(target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: T) => {
    // Enter on a button of the row presses that button; arrows in a field move its caret.
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key === 'Enter') {
      event.preventDefault();
      onRowActivate?.(row);
    } else if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    }
  };

  return (
    <div className="fr-table__wrapper">
      <div className="fr-table__container" ref={scrollRef} style={{ height, maxHeight, overflow: 'auto' }}>
        <div className="fr-table__content">
          <table aria-rowcount={rows.length + 1} style={{ tableLayout: 'fixed' }}>
            <caption>{caption}</caption>
            {/* A fixed layout takes its widths from here, so they do not change as other rows scroll in. */}
            <colgroup>
              {columns.map((column) => (
                <col key={column.id} style={{ width: column.width }} />
              ))}
            </colgroup>
            <thead ref={measureHeader} style={{ position: 'sticky', top: 0, zIndex: 2 }}>
              <tr aria-rowindex={1}>
                {columns.map((column) => {
                  const sorted = sort?.id === column.id ? (sort.desc ? 'desc' : 'asc') : false;
                  const toggle = () => onSort(column.id);
                  return (
                    <th
                      key={column.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                      // The button's own padding lines its text up with the cells'.
                      style={{ textAlign: column.align, paddingLeft: '0.25rem', paddingRight: '0.25rem' }}
                    >
                      {sorted ? (
                        <Button
                          priority="tertiary no outline"
                          size="small"
                          iconId={sorted === 'asc' ? 'fr-icon-arrow-up-line' : 'fr-icon-arrow-down-line'}
                          iconPosition="right"
                          onClick={toggle}
                        >
                          {column.header}
                        </Button>
                      ) : (
                        <Button priority="tertiary no outline" size="small" onClick={toggle}>
                          {column.header}
                        </Button>
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody ref={bodyRef}>
              {paddingTop > 0 && (
                <tr aria-hidden="true" style={{ height: paddingTop }}>
                  <td colSpan={columns.length} style={{ padding: 0 }} />
                </tr>
              )}
              {items.map((item) => {
                const record = rows[item.index]!;
                return (
                  <tr
                    key={getRowId ? getRowId(record) : item.index}
                    // Measured once shown: a row with wrapped text is higher than `rowHeight`.
                    ref={wraps ? virtualizer.measureElement : undefined}
                    data-index={item.index}
                    aria-rowindex={item.index + 2}
                    tabIndex={onRowActivate ? (item.index === tabbable ? 0 : -1) : undefined}
                    onClick={
                      onRowActivate
                        ? (event) => {
                            if (fromControl(event.target, event.currentTarget)) return;
                            setActiveIndex(item.index);
                            onRowActivate(record);
                          }
                        : undefined
                    }
                    onKeyDown={onRowActivate ? (event) => onKeyDown(event, item.index, record) : undefined}
                    onFocus={() => setActiveIndex(item.index)}
                    style={{ height: rowHeight, cursor: onRowActivate ? 'pointer' : undefined }}
                  >
                    {columns.map((column) => (
                      <td
                        key={column.id}
                        style={
                          column.wrap
                            ? { textAlign: column.align, whiteSpace: 'normal' }
                            : { textAlign: column.align, overflow: 'hidden', textOverflow: 'ellipsis' }
                        }
                      >
                        {column.cell ? column.cell(record) : cellText(column.accessor(record))}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {paddingBottom > 0 && (
                <tr aria-hidden="true" style={{ height: paddingBottom }}>
                  <td colSpan={columns.length} style={{ padding: 0 }} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
