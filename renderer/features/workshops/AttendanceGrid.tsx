import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useId } from 'react';
import { agree, counted } from '../../../shared/format/agreement.ts';
import { formatHours } from '../../../shared/format/fr.ts';
import { cellKey, cellText, moveInGrid, type GridPosition } from './attendanceGrid.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { useAttendanceGrid, type AttendanceGridInput, type Editing } from './useAttendanceGrid.ts';
import { longDayLabel, shortDayLabel } from './sessionDays.ts';
import './workshops.css';

/**
 * The attendance sheet of a session, participants × days, filled from the keyboard: arrows move, P / A /
 * Space set present, absent or toggle, Delete clears, a digit or F2 types the hours, Enter saves the whole
 * grid in one write (all or nothing). Unsaved changes are marked and confirmed before leaving the page.
 */
export function AttendanceGrid({ readOnly = false, ...input }: Omit<AttendanceGridInput, 'readOnly'> & { readOnly?: boolean }) {
  const { days, hoursPerDay, participants, today } = input;
  const helpId = useId();
  const grid = useAttendanceGrid({ ...input, readOnly });

  if (participants.length === 0) {
    return <p>Aucun participant inscrit : inscrivez des participants pour remplir la feuille de présence.</p>;
  }

  const tabbable = { row: Math.min(grid.active.row, participants.length - 1), col: Math.min(grid.active.col, days.length - 1) };

  return (
    <div>
      <p id={helpId} className="fr-text--sm app-no-print">
        Au clavier : flèches pour se déplacer, <kbd>P</kbd> présent, <kbd>A</kbd> absent, <kbd>Espace</kbd> pour basculer, <kbd>Suppr</kbd> pour effacer, un
        chiffre ou <kbd>F2</kbd> pour saisir les heures (validées par <kbd>Entrée</kbd>), puis <kbd>Entrée</kbd> pour enregistrer toute la feuille. Heures par
        défaut : {formatHours(hoursPerDay)} par jour.
      </p>
      {grid.failure && <Alert className="fr-mb-2w" severity="error" title="Feuille de présence refusée" description={grid.failure.message} />}
      <div role="status" aria-live="polite" className="app-grid-status">
        {grid.notice && <Alert className="fr-mb-2w" severity={grid.notice.startsWith('Feuille') ? 'success' : 'info'} small description={grid.notice} />}
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
                  const cell = grid.cellOf(key);
                  const changed = grid.changedKeys.has(key);
                  const refused = grid.failure?.key === key;
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
                      {grid.editing?.key === key ? (
                        <HoursEditor
                          label={`Heures de ${p.name}, ${longDayLabel(date)}`}
                          editing={grid.editing}
                          onChange={(text) => grid.setEditing({ key, text })}
                          onCommit={grid.commitEditing}
                          onCancel={grid.cancelEditing}
                          next={moveInGrid({ row, col }, 'ArrowRight', participants.length, days.length)!}
                        />
                      ) : (
                        <button
                          type="button"
                          ref={grid.cellRef(key)}
                          className={classes}
                          tabIndex={isTabbable ? 0 : -1}
                          aria-disabled={future || closed || readOnly ? true : undefined}
                          title={p.closedReason}
                          onKeyDown={(event) => grid.onCellKeyDown(event, { row, col })}
                          onClick={(event) => grid.onCellClick(event, { row, col })}
                          onFocus={() => grid.setActive({ row, col })}
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
                <td className="app-number">{formatHours(grid.totalOf(p.enrolmentId))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!readOnly && (
        <div className="app-grid-actions">
          <Button iconId="fr-icon-save-line" onClick={() => void grid.save()} disabled={!grid.dirty || grid.saving}>
            Enregistrer la feuille de présence
          </Button>
          {grid.dirty && (
            <>
              <Button priority="tertiary" iconId="fr-icon-arrow-go-back-line" onClick={grid.discard}>
                Annuler les modifications
              </Button>
              <p className="app-grid-dirty fr-mb-0" role="note">
                <span aria-hidden="true">* </span>
                {counted(grid.changes.length, 'modification')} non {agree('enregistré', 'f', grid.changes.length)}
              </p>
            </>
          )}
        </div>
      )}
      <ConfirmDialog
        open={grid.blocker.state === 'blocked'}
        title="Quitter sans enregistrer ?"
        confirmLabel="Quitter sans enregistrer"
        cancelLabel="Rester sur la page"
        onCancel={() => grid.blocker.reset?.()}
        onConfirm={() => grid.blocker.proceed?.()}
      >
        <p>
          La feuille de présence a {counted(grid.changes.length, 'modification')} non {agree('enregistré', 'f', grid.changes.length)}. En quittant la page,
          elles seront perdues.
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
