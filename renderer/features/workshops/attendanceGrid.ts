import type { AttendanceCell } from '../../../shared/repos/attendance.ts';
import { formatHours } from '../../../shared/format/fr.ts';
import type { Attendance } from '../../../shared/schemas/attendance.ts';
import { frenchNumber } from '../../ui/forms.ts';

/*
 * The attendance grid's model, free of React: what each cell holds (stored value, overlaid by the user's
 * unsaved edits), what a key does to a cell, where the arrow keys go, and which cells a save sends.
 */

/** One participant on one day: present with hours, absent, or not entered (`null`). */
export interface GridCell {
  present: boolean | null;
  /** Hours attended; 0 unless present. */
  hours: number;
}

export const EMPTY_CELL: GridCell = { present: null, hours: 0 };

/** The key of a cell, the same the repository names a refused cell with: `enrolmentId/date`. */
export const cellKey = (enrolmentId: string, date: string) => `${enrolmentId}/${date}`;

export function storedCells(attendance: readonly Attendance[]): Map<string, GridCell> {
  return new Map(attendance.map((a) => [cellKey(a.enrolmentId, a.date), { present: a.present, hours: a.present ? a.hours : 0 }]));
}

export function sameCell(a: GridCell, b: GridCell): boolean {
  return a.present === b.present && (a.present !== true || a.hours === b.hours);
}

/** What a cell shows: the user's edit, else what is stored, else nothing entered. */
export function cellValue(stored: ReadonlyMap<string, GridCell>, edits: ReadonlyMap<string, GridCell>, key: string): GridCell {
  return edits.get(key) ?? stored.get(key) ?? EMPTY_CELL;
}

/** The edits that differ from what is stored: the cells a save writes. */
export function changedCells(stored: ReadonlyMap<string, GridCell>, edits: ReadonlyMap<string, GridCell>): AttendanceCell[] {
  const cells: AttendanceCell[] = [];
  for (const [key, cell] of edits) {
    if (sameCell(cell, stored.get(key) ?? EMPTY_CELL)) continue;
    const slash = key.lastIndexOf('/');
    const enrolmentId = key.slice(0, slash);
    const date = key.slice(slash + 1);
    cells.push(cell.present === true ? { enrolmentId, date, present: true, hours: cell.hours } : { enrolmentId, date, present: cell.present });
  }
  return cells;
}

/**
 * What a key does to a cell: P present (keeping hours already set, else the session's hours per day),
 * A absent, Space toggles, Delete or Backspace clears; undefined for any other key.
 */
export function cellAfterKey(cell: GridCell, key: string, defaultHours: number): GridCell | undefined {
  const present: GridCell = { present: true, hours: cell.present === true ? cell.hours : defaultHours };
  switch (key) {
    case 'p':
    case 'P':
      return present;
    case 'a':
    case 'A':
      return { present: false, hours: 0 };
    case ' ':
      return cell.present === true ? { present: false, hours: 0 } : present;
    case 'Delete':
    case 'Backspace':
      return EMPTY_CELL;
    default:
      return undefined;
  }
}

/** Hours typed in a cell: a quarter-hour number up to the session's hours per day; 0 is an absence. */
export function parseCellHours(text: string, maxHours: number): { cell: GridCell } | { error: string } {
  const hours = frenchNumber(text);
  if (hours === undefined) return { cell: EMPTY_CELL };
  if (Number.isNaN(hours) || hours < 0) return { error: 'Heures : nombre positif attendu (ex. 3,5)' };
  if (!Number.isInteger(hours * 4)) return { error: 'Heures : par quarts d’heure (ex. 3,25 ; 3,5 ; 3,75)' };
  if (hours > maxHours) return { error: `Heures : ${formatHours(maxHours)} au plus par jour dans cette séance` };
  return { cell: hours === 0 ? { present: false, hours: 0 } : { present: true, hours } };
}

export interface GridPosition {
  row: number;
  col: number;
}

/** Where an arrow, Home or End key moves the focus in a grid of `rows` × `cols`; undefined for other keys. */
export function moveInGrid(from: GridPosition, key: string, rows: number, cols: number, ctrl = false): GridPosition | undefined {
  const clamp = (value: number, size: number) => Math.max(0, Math.min(size - 1, value));
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(from.row - 1, rows), col: from.col };
    case 'ArrowDown':
      return { row: clamp(from.row + 1, rows), col: from.col };
    case 'ArrowLeft':
      return { row: from.row, col: clamp(from.col - 1, cols) };
    case 'ArrowRight':
      return { row: from.row, col: clamp(from.col + 1, cols) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: from.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: from.row, col: cols - 1 };
    default:
      return undefined;
  }
}

/** How a cell reads: `présent, 6 h`, `absent`, `non saisi`. */
export function cellText(cell: GridCell): string {
  if (cell.present === true) return `présent, ${formatHours(cell.hours)}`;
  if (cell.present === false) return 'absent';
  return 'non saisi';
}
