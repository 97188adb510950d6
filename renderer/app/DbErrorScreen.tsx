import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { OpenOutcome } from '../../shared/db/open.ts';
import { RestoreChooser } from '../features/backup/index.ts';

/** Shown instead of the application when the local database cannot be opened: never a blank window. */
export function DbErrorScreen({ outcome, onRetry }: { outcome: OpenOutcome & { ok: false }; onRetry: () => void }) {
  return (
    <main className="app-centered" id="contenu">
      <h1>Passerelle ne peut pas ouvrir ses données</h1>
      <Alert severity="error" title="Base de données locale indisponible" description={outcome.message} />
      {outcome.detail && (
        <p className="fr-mt-2w fr-text--sm">
          Détail technique, à transmettre à votre correspondant informatique : <code>{outcome.detail}</code>
        </p>
      )}
      <p className="fr-mt-2w">Vos données ne sont ni modifiées ni effacées tant que ce message est affiché.</p>
      {outcome.reason !== 'newer' && outcome.reason !== 'incomplete' && (
        <Button iconId="fr-icon-refresh-line" onClick={onRetry}>
          Réessayer
        </Button>
      )}
      {outcome.reason !== 'newer' && (
        <section className="fr-mt-4w" aria-labelledby="db-error-restore">
          <h2 id="db-error-restore" className="fr-h4">
            Restaurer la dernière sauvegarde
          </h2>
          <p>
            Si les données de ce poste restent illisibles, restaurez la sauvegarde la plus récente : celles écrites automatiquement chaque jour sur ce poste
            sont proposées ci-dessous, la plus récente en premier.
          </p>
          <RestoreChooser siteId={null} saveCurrent={false} />
        </section>
      )}
    </main>
  );
}
