import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Page } from '../../ui/Page.tsx';

/** A record reached by an old link or history entry that no longer exists (deleted, or never synced here). */
export function NotFound({ what }: { what: string }) {
  return (
    <Page title="Fiche introuvable">
      <Alert severity="warning" small description={`${what} n’existe pas ou a été supprimée.`} className="fr-mb-3w" />
      <Button priority="secondary" linkProps={{ to: '/personnes' }}>
        Retour à la liste des personnes
      </Button>
    </Page>
  );
}
