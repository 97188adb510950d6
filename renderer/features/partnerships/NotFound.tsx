import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Page } from '../../ui/Page.tsx';

/** A record that is not there (deleted since, or a stale link). */
export function NotFound({ title, back, backLabel }: { title: string; back: string; backLabel: string }) {
  return (
    <Page title={title}>
      <Alert className="fr-mb-3w" severity="warning" title={title} description="Il a peut-être été supprimé depuis, sur ce poste ou par une synchronisation." />
      <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: back }}>
        {backLabel}
      </Button>
    </Page>
  );
}
