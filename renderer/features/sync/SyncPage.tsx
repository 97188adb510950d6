import { EmptyState } from '../../ui/EmptyState.tsx';
import { Page } from '../../ui/Page.tsx';

export function SyncPage() {
  return (
    <Page title="Synchronisation">
      <EmptyState title="Synchronisation non configurée">
        Cet écran permettra d’envoyer les changements du site à l’ATIGIP par un dossier partagé ou une clé USB, et de recevoir les accusés de réception et les données de référence.
      </EmptyState>
    </Page>
  );
}
