import { useLiveQuery } from 'dexie-react-hooks';
import { pendingChangeCount } from '../../shared/repos/changes.ts';
import { formatNumber } from '../../shared/format/fr.ts';
import { useIdentity, useRepo } from './RepoProvider.tsx';

export function syncLabel(pending: number): string {
  if (pending === 0) return 'Aucun changement en attente d’envoi';
  return `${formatNumber(pending)} changement${pending > 1 ? 's' : ''} en attente d’envoi`;
}

/** Always visible: which site, who, and what has not reached headquarters yet. */
export function StatusBar() {
  const ctx = useRepo();
  const identity = useIdentity();
  const pending = useLiveQuery(() => pendingChangeCount(ctx), [ctx]);
  return (
    <div className="app-statusbar" role="status" aria-label="Barre d’état">
      <span>
        Site : <strong>{identity.name}</strong> ({identity.code})
      </span>
      <span>
        Utilisateur : <strong>{identity.userName}</strong>
      </span>
      {pending !== undefined && <span className={pending > 0 ? 'app-statusbar__sync--pending' : undefined}>{syncLabel(pending)}</span>}
    </div>
  );
}
