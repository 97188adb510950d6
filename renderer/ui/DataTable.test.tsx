import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataTable, type DataColumn } from './DataTable.tsx';

interface Person {
  id: string;
  lastName: string;
  firstName: string;
  commune: string;
  hours: number | null;
  minor: boolean;
  end: string;
}

const people: Person[] = [
  { id: 'p1', lastName: 'Dupont', firstName: 'Hélène', commune: 'Évry', hours: 120, minor: false, end: '2026-05-01' },
  { id: 'p2', lastName: 'Martin', firstName: 'Léo', commune: 'Créteil', hours: 9, minor: true, end: '2026-02-15' },
  { id: 'p3', lastName: 'Ézéchiel', firstName: 'Anaïs', commune: 'Évry', hours: null, minor: false, end: '2025-12-31' },
  { id: 'p4', lastName: 'Bernard', firstName: 'Zoé', commune: 'Sète', hours: 10, minor: true, end: '2026-09-30' },
];

const columns: DataColumn<Person>[] = [
  { id: 'lastName', header: 'Nom', accessor: (p) => p.lastName, filter: 'text' },
  { id: 'firstName', header: 'Prénom', accessor: (p) => p.firstName },
  { id: 'commune', header: 'Commune', accessor: (p) => p.commune, filter: 'select' },
  { id: 'hours', header: 'Heures', accessor: (p) => p.hours, align: 'right' },
  { id: 'minor', header: 'Mineur', accessor: (p) => p.minor, filter: 'boolean' },
  { id: 'end', header: 'Fin de mesure', accessor: (p) => p.end, filter: 'date' },
  { id: 'actions', header: 'Actions', accessor: () => '', cell: (p) => <span>voir {p.id}</span>, csv: false },
];

// happy-dom has no layout: give every element a 400 px high box so the virtualizer has a viewport to fill.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderTable(props: Partial<Parameters<typeof DataTable<Person>>[0]> = {}) {
  return render(<DataTable caption="Personnes suivies" columns={columns} data={people} getRowId={(p) => p.id} csvFileName="personnes.csv" {...props} />);
}

/** The body rows shown, as their first cell (the last name); spacer rows have no cells of their own. */
function shownNames(): string[] {
  const body = screen.getByRole('table', { name: 'Personnes suivies' }).querySelector('tbody')!;
  return [...body.querySelectorAll('tr[data-index]')].map((row) => row.querySelector('td')!.textContent!);
}

/** The live count, read as is: its thousands separator is a narrow no-break space. */
const countText = () => document.querySelector('[aria-live="polite"].fr-table__detail')?.textContent;
const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
const sortButton = (name: string) => within(header(name)).getByRole('button');

describe('DataTable', () => {
  it('shows every row, values the French way, and the count', () => {
    renderTable();
    expect(shownNames()).toEqual(['Dupont', 'Martin', 'Ézéchiel', 'Bernard']);
    const firstRow = screen.getByRole('table').querySelector('tr[data-index="0"]')!;
    expect([...firstRow.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['Dupont', 'Hélène', 'Évry', '120', 'non', '01/05/2026', 'voir p1']);
    expect(countText()).toBe('4 lignes affichées sur 4');
  });

  it('sorts ascending, descending, then back to the data order, with aria-sort on the header', () => {
    renderTable();
    fireEvent.click(sortButton('Nom'));
    expect(header('Nom').getAttribute('aria-sort')).toBe('ascending');
    expect(shownNames()).toEqual(['Bernard', 'Dupont', 'Ézéchiel', 'Martin']);
    fireEvent.click(sortButton('Nom'));
    expect(header('Nom').getAttribute('aria-sort')).toBe('descending');
    expect(shownNames()).toEqual(['Martin', 'Ézéchiel', 'Dupont', 'Bernard']);
    fireEvent.click(sortButton('Nom'));
    expect(header('Nom').hasAttribute('aria-sort')).toBe(false);
    expect(shownNames()).toEqual(['Dupont', 'Martin', 'Ézéchiel', 'Bernard']);
  });

  it('sorts numbers by value and keeps empty cells last in both directions', () => {
    renderTable();
    fireEvent.click(sortButton('Heures'));
    expect(shownNames()).toEqual(['Martin', 'Bernard', 'Dupont', 'Ézéchiel']);
    fireEvent.click(sortButton('Heures'));
    expect(shownNames()).toEqual(['Dupont', 'Bernard', 'Martin', 'Ézéchiel']);
  });

  it('sorts only by the last header used', () => {
    renderTable({ initialSort: { id: 'commune' } });
    expect(header('Commune').getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(sortButton('Prénom'));
    expect(header('Commune').hasAttribute('aria-sort')).toBe(false);
    expect(shownNames()).toEqual(['Ézéchiel', 'Dupont', 'Martin', 'Bernard']);
  });

  it('searches without regard to accents or case, every word anywhere in the row', () => {
    renderTable();
    const search = screen.getByLabelText('Rechercher');
    fireEvent.change(search, { target: { value: 'helene' } });
    expect(shownNames()).toEqual(['Dupont']);
    fireEvent.change(search, { target: { value: 'EVRY  anais' } });
    expect(shownNames()).toEqual(['Ézéchiel']);
    fireEvent.change(search, { target: { value: '15/02' } });
    expect(shownNames()).toEqual(['Martin']);
    expect(countText()).toBe('1 ligne affichée sur 4');
  });

  it('narrows rows with a select filter offering the column’s values', () => {
    renderTable();
    const select = screen.getByLabelText('Commune') as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual(['Tous', 'Créteil', 'Évry', 'Sète']);
    fireEvent.change(select, { target: { value: 'Évry' } });
    expect(shownNames()).toEqual(['Dupont', 'Ézéchiel']);
    expect(countText()).toBe('2 lignes affichées sur 4');
  });

  it('filters text columns, booleans and date ranges, all together', () => {
    renderTable();
    fireEvent.change(screen.getByLabelText('Mineur'), { target: { value: 'oui' } });
    expect(shownNames()).toEqual(['Martin', 'Bernard']);
    fireEvent.change(screen.getByLabelText('Mineur'), { target: { value: 'non' } });
    expect(shownNames()).toEqual(['Dupont', 'Ézéchiel']);
    fireEvent.change(screen.getByLabelText('Mineur'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Fin de mesure : du'), { target: { value: '2026-01-01' } });
    fireEvent.change(screen.getByLabelText('Fin de mesure : au'), { target: { value: '2026-06-30' } });
    expect(shownNames()).toEqual(['Dupont', 'Martin']);
    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'mar' } });
    expect(shownNames()).toEqual(['Martin']);
  });

  it('tells filters that hide everything from an empty list, and resets them', () => {
    renderTable();
    fireEvent.change(screen.getByLabelText('Rechercher'), { target: { value: 'personne' } });
    expect(screen.getByText('Aucune ligne ne correspond aux filtres.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(countText()).toBe('0 ligne affichée sur 4');
    const resets = screen.getAllByRole('button', { name: 'Réinitialiser les filtres' });
    fireEvent.click(resets[resets.length - 1]!);
    expect(shownNames()).toEqual(['Dupont', 'Martin', 'Ézéchiel', 'Bernard']);
    expect((screen.getByLabelText('Rechercher') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('button', { name: 'Réinitialiser les filtres' })).toBeNull();
  });

  it('remembers the search, filters and sort of a main list for the session, and only of that list', () => {
    sessionStorage.clear();
    const first = renderTable({ rememberAs: 'personnes-test' });
    fireEvent.change(screen.getByLabelText('Rechercher'), { target: { value: 'evry' } });
    fireEvent.change(screen.getByLabelText('Fin de mesure : du'), { target: { value: '2026-01-01' } });
    fireEvent.click(sortButton('Nom'));
    fireEvent.click(sortButton('Nom'));
    expect(shownNames()).toEqual(['Dupont']);
    first.unmount();

    renderTable({ rememberAs: 'personnes-test' });
    expect((screen.getByLabelText('Rechercher') as HTMLInputElement).value).toBe('evry');
    expect((screen.getByLabelText('Fin de mesure : du') as HTMLInputElement).value).toBe('2026-01-01');
    expect(header('Nom').getAttribute('aria-sort')).toBe('descending');
    expect(shownNames()).toEqual(['Dupont']);
    const resets = screen.getAllByRole('button', { name: 'Réinitialiser les filtres' });
    fireEvent.click(resets[0]!);
    cleanup();

    // Reset is remembered too; another list, or one without a name, starts as new.
    renderTable({ rememberAs: 'personnes-test' });
    expect((screen.getByLabelText('Rechercher') as HTMLInputElement).value).toBe('');
    cleanup();
    renderTable({ rememberAs: 'autre-liste' });
    expect(shownNames()).toEqual(['Dupont', 'Martin', 'Ézéchiel', 'Bernard']);
    cleanup();
    sessionStorage.setItem('passerelle.table.abime', '{"search": 3}');
    renderTable({ rememberAs: 'abime' });
    expect(shownNames()).toHaveLength(4);
  });

  it('shows the empty message and its action when there is no data at all', () => {
    renderTable({ data: [], emptyMessage: 'Aucune personne suivie pour l’instant.', emptyAction: <button type="button">Ajouter une personne</button> });
    expect(screen.getByText('Aucune personne suivie pour l’instant.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ajouter une personne' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText('Aucune ligne ne correspond aux filtres.')).toBeNull();
  });

  it('exports exactly the rows shown, in the order shown, as a French CSV', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:export';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });

    renderTable({
      columns: [...columns.slice(0, 6), { ...columns[6]!, csv: undefined }, { id: 'id', header: 'Dossier', accessor: (p) => p.id, csv: (p) => `=${p.id}` }],
    });
    fireEvent.change(screen.getByLabelText('Commune'), { target: { value: 'Évry' } });
    fireEvent.click(sortButton('Prénom'));
    fireEvent.click(screen.getByRole('button', { name: 'Exporter en CSV' }));

    expect(downloads).toEqual(['personnes.csv']);
    expect(created).toHaveLength(1);
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(
      'Nom;Prénom;Commune;Heures;Mineur;Fin de mesure;Actions;Dossier\r\n' +
        `Ézéchiel;Anaïs;Évry;;non;31/12/2025;;"'=p3"\r\n` +
        `Dupont;Hélène;Évry;120;non;01/05/2026;;"'=p1"\r\n`,
    );
  });

  it('leaves columns with `csv: false` out of the export', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (created.push(blob as Blob), 'blob:export'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderTable();
    fireEvent.click(screen.getByRole('button', { name: 'Exporter en CSV' }));
    const text = await created[0]!.text();
    expect(text.split('\r\n')[0]).toBe('\uFEFFNom;Prénom;Commune;Heures;Mineur;Fin de mesure');
    expect(text.split('\r\n')).toHaveLength(6);
  });

  it('opens a row on click and on Enter, and moves focus with the arrow keys', () => {
    const opened: string[] = [];
    renderTable({ onRowActivate: (p) => opened.push(p.id) });
    const rows = () => [...screen.getByRole('table').querySelectorAll<HTMLElement>('tbody tr[data-index]')];
    expect(rows().map((row) => row.tabIndex)).toEqual([0, -1, -1, -1]);

    fireEvent.click(within(rows()[1]!).getByText('Martin'));
    expect(opened).toEqual(['p2']);

    act(() => rows()[0]!.focus());
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(rows()[3]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[3]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(opened).toEqual(['p2', 'p3']);
    expect(rows().map((row) => row.tabIndex)).toEqual([-1, -1, 0, -1]);
  });

  it('leaves clicks and Enter on a button inside a row to that button', () => {
    const opened: string[] = [];
    const pressed: string[] = [];
    const withButton: DataColumn<Person>[] = [
      ...columns.slice(0, 2),
      { id: 'edit', header: 'Actions', accessor: () => '', csv: false, cell: (p) => <button onClick={() => pressed.push(p.id)}>Modifier {p.id}</button> },
    ];
    renderTable({ columns: withButton, onRowActivate: (p) => opened.push(p.id) });
    const button = screen.getByRole('button', { name: 'Modifier p2' });
    fireEvent.click(button);
    fireEvent.keyDown(button, { key: 'Enter' });
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    expect(pressed).toEqual(['p2']);
    expect(opened).toEqual([]);
    fireEvent.click(within(button.closest('tr')!).getByText('Martin'));
    expect(opened).toEqual(['p2']);
  });

  it('keeps rows out of the tab order when they open nothing', () => {
    renderTable();
    const firstRow = screen.getByRole('table').querySelector<HTMLElement>('tbody tr[data-index="0"]')!;
    expect(firstRow.hasAttribute('tabindex')).toBe(false);
  });

  it('puts only the visible rows of 60,000 in the page and counts them all', () => {
    const many = Array.from({ length: 60_000 }, (_, i): Person => ({
      id: `p${i}`,
      lastName: `Nom ${i}`,
      firstName: 'Prénom',
      commune: i % 2 ? 'Évry' : 'Sète',
      hours: i,
      minor: i % 3 === 0,
      end: '2026-01-01',
    }));
    renderTable({ data: many });
    expect(countText()).toBe('60\u202f000 lignes affichées sur 60\u202f000');
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('60001');
    const rendered = shownNames();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered[0]).toBe('Nom 0');
    fireEvent.change(screen.getByLabelText('Commune'), { target: { value: 'Évry' } });
    expect(countText()).toBe('30\u202f000 lignes affichées sur 60\u202f000');
    expect(shownNames()[0]).toBe('Nom 1');
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const { container } = renderTable({ onRowActivate: () => undefined });
    fireEvent.click(sortButton('Nom'));
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const severe = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(severe.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
  });
});
