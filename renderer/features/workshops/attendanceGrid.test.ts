import { describe, expect, it } from 'vitest';
import type { Attendance } from '../../../shared/schemas/attendance.ts';
import { cellAfterKey, cellKey, cellText, cellValue, changedCells, EMPTY_CELL, moveInGrid, parseCellHours, storedCells } from './attendanceGrid.ts';

const stamp = { siteId: 's', updatedAt: 'x', updatedBy: 'y', sessionId: 'sess', personId: 'p' };
const attendance: Attendance[] = [
  { ...stamp, id: 'a1', enrolmentId: 'e1', date: '2026-11-16', present: true, hours: 6 },
  { ...stamp, id: 'a2', enrolmentId: 'e1', date: '2026-11-17', present: false, hours: 0 },
];

describe('attendance grid model', () => {
  it('overlays unsaved edits on the stored attendance', () => {
    const stored = storedCells(attendance);
    const edits = new Map([[cellKey('e1', '2026-11-17'), { present: true, hours: 3 }]]);
    expect(cellValue(stored, edits, cellKey('e1', '2026-11-16'))).toEqual({ present: true, hours: 6 });
    expect(cellValue(stored, edits, cellKey('e1', '2026-11-17'))).toEqual({ present: true, hours: 3 });
    expect(cellValue(stored, edits, cellKey('e2', '2026-11-16'))).toEqual(EMPTY_CELL);
  });

  it('sends only the cells that differ from what is stored, absent and cleared included', () => {
    const stored = storedCells(attendance);
    const edits = new Map([
      [cellKey('e1', '2026-11-16'), { present: true, hours: 6 }],
      [cellKey('e1', '2026-11-17'), { present: null, hours: 0 }],
      [cellKey('e2', '2026-11-16'), { present: true, hours: 4.5 }],
      [cellKey('e2', '2026-11-17'), { present: false, hours: 0 }],
      [cellKey('e2', '2026-11-18'), EMPTY_CELL],
    ]);
    expect(changedCells(stored, edits)).toEqual([
      { enrolmentId: 'e1', date: '2026-11-17', present: null },
      { enrolmentId: 'e2', date: '2026-11-16', present: true, hours: 4.5 },
      { enrolmentId: 'e2', date: '2026-11-17', present: false },
    ]);
  });

  it('turns P, A, Space and Delete into present, absent, toggle and clear', () => {
    expect(cellAfterKey(EMPTY_CELL, 'p', 6)).toEqual({ present: true, hours: 6 });
    expect(cellAfterKey({ present: true, hours: 3.5 }, 'P', 6)).toEqual({ present: true, hours: 3.5 });
    expect(cellAfterKey({ present: true, hours: 3.5 }, 'a', 6)).toEqual({ present: false, hours: 0 });
    expect(cellAfterKey(EMPTY_CELL, ' ', 6)).toEqual({ present: true, hours: 6 });
    expect(cellAfterKey({ present: true, hours: 6 }, ' ', 6)).toEqual({ present: false, hours: 0 });
    expect(cellAfterKey({ present: false, hours: 0 }, ' ', 4)).toEqual({ present: true, hours: 4 });
    expect(cellAfterKey({ present: true, hours: 6 }, 'Delete', 6)).toEqual(EMPTY_CELL);
    expect(cellAfterKey({ present: true, hours: 6 }, 'x', 6)).toBeUndefined();
  });

  it('reads typed hours the French way, within the session’s hours per day, by quarter hours', () => {
    expect(parseCellHours('3,5', 6)).toEqual({ cell: { present: true, hours: 3.5 } });
    expect(parseCellHours(' 6 ', 6)).toEqual({ cell: { present: true, hours: 6 } });
    expect(parseCellHours('0', 6)).toEqual({ cell: { present: false, hours: 0 } });
    expect(parseCellHours('', 6)).toEqual({ cell: EMPTY_CELL });
    expect(parseCellHours('6,5', 6)).toEqual({ error: 'Heures : 6 h au plus par jour dans cette séance' });
    expect(parseCellHours('3,3', 6)).toEqual({ error: 'Heures : par quarts d’heure (ex. 3,25 ; 3,5 ; 3,75)' });
    expect(parseCellHours('trois', 6)).toEqual({ error: 'Heures : nombre positif attendu (ex. 3,5)' });
  });

  it('moves with the arrows, Home and End, and stops at the edges', () => {
    const at = { row: 1, col: 1 };
    expect(moveInGrid(at, 'ArrowUp', 3, 5)).toEqual({ row: 0, col: 1 });
    expect(moveInGrid(at, 'ArrowDown', 3, 5)).toEqual({ row: 2, col: 1 });
    expect(moveInGrid(at, 'ArrowLeft', 3, 5)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid(at, 'ArrowRight', 3, 5)).toEqual({ row: 1, col: 2 });
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowUp', 3, 5)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 2, col: 4 }, 'ArrowRight', 3, 5)).toEqual({ row: 2, col: 4 });
    expect(moveInGrid(at, 'Home', 3, 5)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid(at, 'End', 3, 5)).toEqual({ row: 1, col: 4 });
    expect(moveInGrid(at, 'End', 3, 5, true)).toEqual({ row: 2, col: 4 });
    expect(moveInGrid(at, 'Tab', 3, 5)).toBeUndefined();
  });

  it('says what a cell holds', () => {
    expect(cellText({ present: true, hours: 3.5 })).toBe('présent, 3,5 h');
    expect(cellText({ present: false, hours: 0 })).toBe('absent');
    expect(cellText(EMPTY_CELL)).toBe('non saisi');
  });
});
