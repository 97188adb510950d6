import { useLiveQuery } from 'dexie-react-hooks';
import { historyOf } from '../../../shared/repos/changes.ts';
import type { EntityName } from '../../../shared/schemas/entities.ts';
import { useRepo } from '../../app/index.ts';
import { describeChange, type ChangeLine } from './describeChange.ts';

/** The audit trail of one record, read from the change log: who changed what, and when. */
export function RecordHistory({ entity, recordId, title = 'Historique des modifications' }: { entity: EntityName; recordId: string; title?: string }) {
  const ctx = useRepo();
  const changes = useLiveQuery(() => historyOf(ctx, entity, recordId), [ctx, entity, recordId]);
  if (!changes) return null;
  const lines = changes.map(describeChange).reverse();
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
        <strong>{entity ? `${line.action} · ${entity}` : line.action}</strong> le {line.when} par {line.by}
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
