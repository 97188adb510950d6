import { Page } from '../../ui/Page.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';

export function DashboardPage() {
  return (
    <Page title="Tableau de bord">
      <EmptyState title="Aucune activité à afficher pour l’instant">
        Le tableau de bord rassemblera les mesures par statut, les heures réalisées, les postes par domaine et les situations à traiter (échéances
        proches, habilitations qui expirent, incidents à signaler au JAP). Commencez par enregistrer des structures d’accueil et des personnes suivies.
      </EmptyState>
    </Page>
  );
}
