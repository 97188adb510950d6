import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useBeforeUnload, useBlocker } from 'react-router';
import { agree, counted } from '../../../shared/format/agreement.ts';
import { formatDate } from '../../../shared/format/fr.ts';
import { saveAttendanceGrid } from '../../../shared/repos/attendance.ts';
import { errorMessage, RepoError } from '../../../shared/errors.ts';
import type { Attendance } from '../../../shared/schemas/attendance.ts';
import { useRepo } from '../../app/index.ts';
import { cellAfterKey, cellKey, cellValue, changedCells, moveInGrid, parseCellHours, storedCells, type GridCell, type GridPosition } from './attendanceGrid.ts';

export interface GridParticipant {
  enrolmentId: string;
  name: string;
  /** Why this participant's attendance can no longer be entered (abandon, exclusion); the row is then read-only. */
  closedReason?: string | undefined;
}

/** The hours being typed in a cell, and why they are refused. */
export interface Editing {
  key: string;
  text: string;
  error?: string | undefined;
}

export interface AttendanceGridInput {
  sessionId: string;
  days: readonly string[];
  hoursPerDay: number;
  participants: readonly GridParticipant[];
  attendance: readonly Attendance[];
  today: string;
  readOnly: boolean;
}

const HOURS_START = /^[0-9,.]$/;

/**
 * What the attendance grid does, apart from how it looks: the cells changed and not yet saved (over the stored
 * attendance), the cell that has the focus, the keys (arrows move, P / A / Space set a cell, Delete clears, a
 * digit or F2 types hours, Enter saves), the one write of the whole grid (all or nothing, the refused cell
 * focused), and the guard against leaving with unsaved changes.
 */
export function useAttendanceGrid({ sessionId, days, hoursPerDay, participants, attendance, today, readOnly }: AttendanceGridInput) {
  const ctx = useRepo();
  const stored = useMemo(() => storedCells(attendance), [attendance]);
  const [edits, setEdits] = useState<ReadonlyMap<string, GridCell>>(new Map());
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Editing>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; key?: string | undefined }>();
  const [notice, setNotice] = useState<string>();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const focusPending = useRef<string | undefined>(undefined);

  const changes = useMemo(() => changedCells(stored, edits), [stored, edits]);
  const dirty = changes.length > 0;
  const changedKeys = useMemo(() => new Set(changes.map((c) => cellKey(c.enrolmentId, c.date))), [changes]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useBeforeUnload(
    useCallback(
      (event) => {
        if (dirty) event.preventDefault();
      },
      [dirty],
    ),
  );

  useEffect(() => {
    const key = focusPending.current;
    if (key === undefined) return;
    const button = buttons.current.get(key);
    if (button) {
      focusPending.current = undefined;
      button.focus();
    }
  });

  const keyAt = (pos: GridPosition) => cellKey(participants[pos.row]!.enrolmentId, days[pos.col]!);
  const focusCell = (pos: GridPosition) => {
    setActive(pos);
    focusPending.current = keyAt(pos);
    buttons.current.get(keyAt(pos))?.focus();
  };

  const setCell = (key: string, cell: GridCell) => {
    setEdits((previous) => new Map(previous).set(key, cell));
    setNotice(undefined);
    if (failure?.key === key) setFailure(undefined);
  };

  const save = async () => {
    if (!dirty || saving || readOnly) return;
    setSaving(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      await saveAttendanceGrid(ctx, sessionId, changes);
      setEdits(new Map());
      setNotice(`Feuille de présence enregistrée : ${counted(changes.length, 'case')} ${agree('mis', 'f', changes.length)} à jour.`);
    } catch (error) {
      const key = error instanceof RepoError ? error.issues.find((i) => i.path.includes('/'))?.path : undefined;
      setFailure({ message: `${errorMessage(error)} Rien n’a été enregistré : corrigez la case signalée puis enregistrez de nouveau.`, key });
      if (key && buttons.current.has(key)) {
        focusPending.current = key;
        const [row, col] = positionOf(key);
        if (row >= 0 && col >= 0) setActive({ row, col });
      }
    } finally {
      setSaving(false);
    }
  };

  const positionOf = (key: string): [number, number] => {
    const slash = key.lastIndexOf('/');
    return [participants.findIndex((p) => p.enrolmentId === key.slice(0, slash)), days.indexOf(key.slice(slash + 1))];
  };

  const onCellKeyDown = (event: KeyboardEvent<HTMLButtonElement>, pos: GridPosition) => {
    const move = moveInGrid(pos, event.key, participants.length, days.length, event.ctrlKey || event.metaKey);
    if (move) {
      event.preventDefault();
      focusCell(move);
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = keyAt(pos);
    const date = days[pos.col]!;
    const typesHours = event.key === 'F2' || HOURS_START.test(event.key);
    const next = typesHours ? undefined : cellAfterKey(cellValue(stored, edits, key), event.key, hoursPerDay);
    if (!typesHours && !next) return;
    event.preventDefault();
    if (readOnly) return;
    const closed = participants[pos.row]!.closedReason;
    if (closed) {
      setNotice(closed);
      return;
    }
    if (date > today) {
      setNotice(`Le ${formatDate(date)} n’est pas encore arrivé : la présence se saisit le jour même ou après.`);
      return;
    }
    if (next) {
      setCell(key, next);
      return;
    }
    const current = cellValue(stored, edits, key);
    setEditing({ key, text: event.key === 'F2' ? (current.present === true ? String(current.hours).replace('.', ',') : '') : event.key });
  };

  const onCellClick = (event: MouseEvent<HTMLButtonElement>, pos: GridPosition) => {
    setActive(pos);
    // A keyboard "click" (Enter, Space) is handled on keydown; only the mouse toggles here.
    if (event.detail === 0 || readOnly || days[pos.col]! > today) return;
    const closed = participants[pos.row]!.closedReason;
    if (closed) {
      setNotice(closed);
      return;
    }
    const key = keyAt(pos);
    setCell(key, cellAfterKey(cellValue(stored, edits, key), ' ', hoursPerDay)!);
  };

  const commitEditing = (andMove?: GridPosition) => {
    if (!editing) return;
    const parsed = parseCellHours(editing.text, hoursPerDay);
    if ('error' in parsed) {
      setEditing({ ...editing, error: parsed.error });
      return;
    }
    setCell(editing.key, parsed.cell);
    setEditing(undefined);
    const [row, col] = positionOf(editing.key);
    const target = andMove ?? { row, col };
    setActive(target);
    focusPending.current = keyAt(target);
  };

  const cancelEditing = () => {
    if (!editing) return;
    focusPending.current = editing.key;
    setEditing(undefined);
  };

  const totalOf = (enrolmentId: string) => {
    let total = 0;
    for (const date of days) {
      const cell = cellValue(stored, edits, cellKey(enrolmentId, date));
      if (cell.present === true) total += cell.hours;
    }
    return total;
  };

  /** Ties a cell's button to its key, so the grid can move the focus to it. */
  const cellRef = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(key, el);
    else buttons.current.delete(key);
  };

  const discard = () => {
    setEdits(new Map());
    setFailure(undefined);
  };

  const cellOf = (key: string) => cellValue(stored, edits, key);

  return {
    cellOf,
    cellRef,
    active,
    setActive,
    editing,
    setEditing,
    failure,
    notice,
    changes,
    dirty,
    changedKeys,
    saving,
    blocker,
    save,
    discard,
    onCellKeyDown,
    onCellClick,
    commitEditing,
    cancelEditing,
    totalOf,
  };
}
