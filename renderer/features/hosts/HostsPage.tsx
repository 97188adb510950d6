import { EmptyState } from '../../ui/EmptyState.tsx';
import { Page } from '../../ui/Page.tsx';

export function HostsPage() {
  return (
    <Page title="Structures et postes TIG">
      <EmptyState title="Aucune structure d’accueil">
        Cet écran listera les structures d’accueil, leurs habilitations, leurs tuteurs et les postes de TIG qu’elles proposent.
      </EmptyState>
    </Page>
  );
}
