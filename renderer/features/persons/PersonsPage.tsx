import { EmptyState } from '../../ui/EmptyState.tsx';
import { Page } from '../../ui/Page.tsx';

export function PersonsPage() {
  return (
    <Page title="Personnes et mesures">
      <EmptyState title="Aucune personne suivie">
        Cet écran listera les personnes placées sous main de justice suivies par le site, leurs mesures, leurs mises en situation et leurs heures.
      </EmptyState>
    </Page>
  );
}
