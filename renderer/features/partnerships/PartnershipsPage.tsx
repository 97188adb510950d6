import { EmptyState } from '../../ui/EmptyState.tsx';
import { Page } from '../../ui/Page.tsx';

export function PartnershipsPage() {
  return (
    <Page title="Partenariats">
      <EmptyState title="Aucun partenariat">
        Cet écran listera les partenaires nationaux et locaux, les accords-cadres et conventions, et le bilan annuel.
      </EmptyState>
    </Page>
  );
}
