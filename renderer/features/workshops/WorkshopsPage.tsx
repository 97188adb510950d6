import { EmptyState } from '../../ui/EmptyState.tsx';
import { Page } from '../../ui/Page.tsx';

export function WorkshopsPage() {
  return (
    <Page title="Ateliers et formations">
      <EmptyState title="Aucun atelier ni formation">
        Cet écran listera les ateliers, les formations et les sessions de TIG pédagogique, leurs participants et leurs présences.
      </EmptyState>
    </Page>
  );
}
