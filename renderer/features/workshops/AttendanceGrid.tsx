import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useBeforeUnload, useBlocker } from 'react-router';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { saveAttendanceGrid } from '../../../shared/repos/attendance.ts';
import { RepoError, errorMessage } from '../../../shared/errors.ts';
import type { Attendance } from '../../../shared/schemas/attendance.ts';
import { useRepo } from '../../app/index.ts';
import {
  cellAfterKey,
  cellKey,
  cellText,
  cellValue,
  changedCells,
  moveInGrid,
  parseCellHours,
  storedCells,
  type GridCell,
  type GridPosition,
} from './attendanceGrid.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import './workshops.css';
import { longDayLabel, shortDayLabel } from './sessionDays.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';

export interface GridParticipant {
  enrolmentId: string;
  name: string;
  /** Why this participant's attendance can no longer be entered (abandon, exclusion); the row is then read-only. */
  closedReason?: string | undefined;
}

interface Editing {
  key: string;
  text: string;
  error?: string | undefined;
}

const HOURS_START = /^[0-9,.]$/;

/**
 * The attendance sheet of a session, participants × days, filled from the keyboard: arrows move, P / A /
 * Space set present, absent or toggle, Delete clears, a digit or F2 types the hours, Enter saves the whole
 * grid in one write (all or nothing). Unsaved changes are marked and confirmed before leaving the page.
 */
export function AttendanceGrid({
  sessionId,
  days,
  hoursPerDay,
  participants,
  attendance,
  today,
  readOnly = false,
}: {
  sessionId: string;
  days: readonly string[];
  hoursPerDay: number;
  participants: readonly GridParticipant[];
  attendance: readonly Attendance[];
  today: string;
  readOnly?: boolean;
}) {
  const ctx = useRepo();
  const helpId = useId();
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

  if (participants.length === 0) {
    return <p>Aucun participant inscrit : inscrivez des participants pour remplir la feuille de présence.</p>;
  }

  const tabbable = { row: Math.min(active.row, participants.length - 1), col: Math.min(active.col, days.length - 1) };

  return (
    <div>
      <p id={helpId} className="fr-text--sm app-no-print">
        Au clavier : flèches pour se déplacer, <kbd>P</kbd> présent, <kbd>A</kbd> absent, <kbd>Espace</kbd> pour basculer, <kbd>Suppr</kbd> pour effacer, un
        chiffre ou <kbd>F2</kbd> pour saisir les heures (validées par <kbd>Entrée</kbd>), puis <kbd>Entrée</kbd> pour enregistrer toute la feuille. Heures par
        défaut : {formatHours(hoursPerDay)} par jour.
      </p>
      {failure && <Alert className="fr-mb-2w" severity="error" title="Feuille de présence refusée" description={failure.message} />}
      <div role="status" aria-live="polite" className="app-grid-status">
        {notice && <Alert className="fr-mb-2w" severity={notice.startsWith('Feuille') ? 'success' : 'info'} small description={notice} />}
      </div>
      <div className="app-grid-scroll">
        <table className="app-attendance-grid" aria-describedby={helpId}>
          <caption className="fr-sr-only">Feuille de présence : participants en lignes, jours en colonnes</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              {days.map((d) => (
                <th key={d} scope="col" abbr={longDayLabel(d)} className={d > today ? 'app-grid-future' : undefined}>
                  {shortDayLabel(d)}
                  {d > today && <span className="app-grid-hint">à venir</span>}
                </th>
              ))}
              <th scope="col" className="app-number">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {participants.map((p, row) => (
              <tr key={p.enrolmentId}>
                <th scope="row">
                  {p.name}
                  {p.closedReason && <span className="app-grid-hint">{p.closedReason}</span>}
                </th>
                {days.map((date, col) => {
                  const key = cellKey(p.enrolmentId, date);
                  const cell = cellValue(stored, edits, key);
                  const changed = changedKeys.has(key);
                  const refused = failure?.key === key;
                  const future = date > today;
                  const closed = p.closedReason !== undefined;
                  const isTabbable = tabbable.row === row && tabbable.col === col;
                  const classes = [
                    'app-grid-cell',
                    cell.present === true ? 'app-grid-cell--present' : cell.present === false ? 'app-grid-cell--absent' : '',
                    changed ? 'app-grid-cell--changed' : '',
                    refused ? 'app-grid-cell--refused' : '',
                    future ? 'app-grid-cell--future' : '',
                    closed ? 'app-grid-cell--closed' : '',
                  ].join(' ');
                  const status = `${cellText(cell)}${changed ? ', modifié, non enregistré' : ''}${refused ? ', refusé' : ''}${future ? ', jour à venir' : ''}${closed ? `, non modifiable (${p.closedReason})` : ''}`;
                  return (
                    <td key={date} className={refused ? 'app-grid-td--refused' : undefined}>
                      {editing?.key === key ? (
                        <HoursEditor
                          label={`Heures de ${p.name}, ${longDayLabel(date)}`}
                          editing={editing}
                          onChange={(text) => setEditing({ key, text })}
                          onCommit={commitEditing}
                          onCancel={cancelEditing}
                          next={moveInGrid({ row, col }, 'ArrowRight', participants.length, days.length)!}
                        />
                      ) : (
                        <button
                          type="button"
                          ref={(el) => {
                            if (el) buttons.current.set(key, el);
                            else buttons.current.delete(key);
                          }}
                          className={classes}
                          tabIndex={isTabbable ? 0 : -1}
                          aria-disabled={future || closed || readOnly ? true : undefined}
                          title={p.closedReason}
                          onKeyDown={(event) => onCellKeyDown(event, { row, col })}
                          onClick={(event) => onCellClick(event, { row, col })}
                          onFocus={() => setActive({ row, col })}
                        >
                          <span aria-hidden="true">
                            {cell.present === true ? (
                              <>
                                <strong>P</strong> {formatHours(cell.hours)}
                              </>
                            ) : cell.present === false ? (
                              <strong>A</strong>
                            ) : (
                              '·'
                            )}
                            {changed && <span className="app-grid-mark">*</span>}
                          </span>
                          {/* The name a screen reader gives the cell; no aria-label, so the visible text is not contradicted. */}
                          <span className="fr-sr-only">{`${p.name}, ${longDayLabel(date)} : ${status}`}</span>
                        </button>
                      )}
                    </td>
                  );
                })}
                <td className="app-number">{formatHours(totalOf(p.enrolmentId))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!readOnly && (
        <div className="app-grid-actions">
          <Button iconId="fr-icon-save-line" onClick={() => void save()} disabled={!dirty || saving}>
            Enregistrer la feuille de présence
          </Button>
          {dirty && (
            <>
              <Button
                priority="tertiary"
                iconId="fr-icon-arrow-go-back-line"
                onClick={() => {
                  setEdits(new Map());
                  setFailure(undefined);
                }}
              >
                Annuler les modifications
              </Button>
              <p className="app-grid-dirty fr-mb-0" role="note">
                <span aria-hidden="true">* </span>
                {counted(changes.length, 'modification')} non {agree('enregistré', 'f', changes.length)}
              </p>
            </>
          )}
        </div>
      )}
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Quitter sans enregistrer ?"
        confirmLabel="Quitter sans enregistrer"
        cancelLabel="Rester sur la page"
        onCancel={() => blocker.reset?.()}
        onConfirm={() => blocker.proceed?.()}
      >
        <p>
          La feuille de présence a {counted(changes.length, 'modification')} non {agree('enregistré', 'f', changes.length)}. En quittant la page, elles seront
          perdues.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function HoursEditor({
  label,
  editing,
  onChange,
  onCommit,
  onCancel,
  next,
}: {
  label: string;
  editing: Editing;
  onChange: (text: string) => void;
  onCommit: (andMove?: GridPosition) => void;
  onCancel: () => void;
  next: GridPosition;
}) {
  const errorId = useId();
  return (
    <span className="app-grid-editor">
      <input
        className={`fr-input ${editing.error ? 'fr-input--error' : ''}`}
        aria-label={label}
        aria-invalid={editing.error ? true : undefined}
        aria-describedby={editing.error ? errorId : undefined}
        inputMode="decimal"
        autoComplete="off"
        // The editor opens from the keyboard, on the cell the user is on: focus belongs here.
        autoFocus
        value={editing.text}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onCommit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          } else if (event.key === 'Tab' && !event.shiftKey) {
            event.preventDefault();
            onCommit(next);
          }
        }}
        onBlur={() => onCommit()}
      />
      {editing.error && (
        <span id={errorId} className="fr-error-text app-grid-editor-error">
          {editing.error}
        </span>
      )}
    </span>
  );
}
