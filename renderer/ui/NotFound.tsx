import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Page } from './Page.tsx';

/** A record that is not there (deleted since, or a stale link): say so, and offer the way back. */
export function NotFound({
  title,
  back,
  backLabel,
  message = 'Cette fiche a peut-être été supprimée depuis, sur ce poste ou par une synchronisation.',
}: {
  title: string;
  back: string;
  backLabel: string;
  message?: string;
}) {
  return (
    <Page title={title}>
      <Alert className="fr-mb-3w" severity="warning" title={title} description={message} />
      <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: back }}>
        {backLabel}
      </Button>
    </Page>
  );
}
