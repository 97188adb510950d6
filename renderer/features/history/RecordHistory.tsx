import { useLiveQuery } from 'dexie-react-hooks';
import { historyOf } from '../../../shared/repos/changes.ts';
import type { EntityName } from '../../../shared/schemas/entities.ts';
import { useRepo } from '../../app/index.ts';
import { describeChange, type ChangeLine } from './describeChange.ts';
import { useEffect, useState } from 'react';
import { getBridge } from '../../bridge/index.ts';

/**
 * The office's workstations by device id, so that a history names the PC behind each change; empty for a site of
 * one PC, or when the Node side cannot say (each line then names the workstation by its tag).
 */
export function useWorkstationNames(): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(() => getBridge().officeStatus({}))
      .then(
        (status) => live && setNames(new Map(status.devices.map((d) => [d.deviceId, d.name]))),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  return names;
}

/** The audit trail of one record, read from the change log: who changed what, and when. */
export function RecordHistory({ entity, recordId, title = 'Historique des modifications' }: { entity: EntityName; recordId: string; title?: string }) {
  const ctx = useRepo();
  const changes = useLiveQuery(() => historyOf(ctx, entity, recordId), [ctx, entity, recordId]);
  const workstations = useWorkstationNames();
  if (!changes) return null;
  const lines = changes.map((c) => describeChange(c, workstations)).reverse();
  return (
    <section aria-label={title}>
      <h2 className="fr-h5">{title}</h2>
      {lines.length === 0 ? (
        <p>Aucune modification enregistrée sur ce poste.</p>
      ) : (
        <ol className="app-history">
          {lines.map((line) => (
            <HistoryLine key={line.key} line={line} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** One change of a history: what was done (to which record, where a history spans several), when, by whom, each field. */
export function HistoryLine({ line, entity }: { line: ChangeLine; entity?: string | undefined }) {
  return (
    <li>
      <p className="fr-mb-1v">
        <strong>{entity ? `${line.action} · ${entity}` : line.action}</strong> le {line.when} par {line.by} ({line.where})
      </p>
      {line.details.length > 0 && (
        <ul className="fr-text--sm">
          {line.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
