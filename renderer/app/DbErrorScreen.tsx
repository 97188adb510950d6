import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { OpenOutcome } from '../../shared/db/open.ts';

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
      {outcome.reason !== 'newer' && (
        <Button iconId="fr-icon-refresh-line" onClick={onRetry}>
          Réessayer
        </Button>
      )}
    </main>
  );
}
