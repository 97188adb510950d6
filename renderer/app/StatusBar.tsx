import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { lastOfficeSync } from '../../shared/office/apply.ts';
import { openOfficeCheckCount } from '../../shared/office/checks.ts';
import { openOfficeConflictCount } from '../../shared/office/review.ts';
import { syncOverview } from '../../shared/repos/syncHistory.ts';
import { useSession } from '../features/accounts/index.ts';
import { officePath } from '../features/office/index.ts';
import { sinceLabel, syncStatusLine, useMinuteClock, useSync } from '../features/sync/index.ts';
import { useIdentity, useRepo } from './RepoProvider.tsx';
import { counted } from '../../shared/format/agreement.ts';

/** Always visible: which site, who, and where sync stands (headquarters: whether its store is open). */
export function StatusBar() {
  const ctx = useRepo();
  const identity = useIdentity();
  const session = useSession();
  const sync = useSync();
  const now = useMinuteClock();
  const overview = useLiveQuery(() => syncOverview(ctx), [ctx]);
  const office = useLiveQuery(
    async () => ({ last: await lastOfficeSync(ctx), toReview: (await openOfficeConflictCount(ctx)) + (await openOfficeCheckCount(ctx)) }),
    [ctx],
  );
  const line =
    overview &&
    syncStatusLine({ reachable: sync.folder.reachable, pending: overview.pending, lastAcknowledgedAt: overview.lastAcknowledgement?.appliedAt, now });
  return (
    <div className="app-statusbar" role="status" aria-label="Barre d’état">
      <span>
        Site : <strong>{identity.name}</strong> ({identity.code})
      </span>
      <span>
        Utilisateur : <strong>{identity.userName}</strong>{' '}
        <button type="button" className="app-statusbar__action" onClick={session.lockNow}>
          Verrouiller
        </button>{' '}
        <button type="button" className="app-statusbar__action" onClick={session.logOut}>
          Se déconnecter
        </button>
      </span>
      {sync.mode === 'hq' ? (
        <span className={sync.hq && !sync.hq.ok ? 'app-statusbar__sync--offline' : undefined}>
          {sync.hq === undefined
            ? 'Base du siège : ouverture…'
            : sync.hq.ok
              ? `Base du siège : ${counted(sync.hq.sites, 'site')}, ${counted(sync.hq.bundles, 'lot')}`
              : 'Base du siège indisponible'}
        </span>
      ) : (
        line && (
          <span className={`app-statusbar__sync--${line.state}`} data-sync-state={line.state}>
            {line.label}
          </span>
        )
      )}
      {sync.mode === 'site' && sync.office.enabled && office && (
        <span data-office-state>
          {sync.office.running
            ? 'Bureau : échange en cours…'
            : office.last
              ? `Bureau : échangé ${sinceLabel(now - Date.parse(office.last.at))}`
              : 'Bureau : aucun échange réussi'}
          {office.toReview > 0 && (
            <>
              {' · '}
              <Link to={officePath}>{counted(office.toReview, 'point')} à revoir</Link>
            </>
          )}
        </span>
      )}
    </div>
  );
}
