import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import type { BridgeResponse } from '../../../shared/bridge/contract.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import { useIdentity } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { Page } from '../../ui/Page.tsx';
import { backupPath } from '../backup/index.ts';
import { KeyBackup } from './KeyBackup.tsx';
import { SyncSettings } from './SyncSettings.tsx';
import { AccountsSection } from '../accounts/index.ts';
import { ContactSection } from './ContactForm.tsx';
import { RetentionSection } from './RetentionSection.tsx';

export function SettingsPage() {
  const identity = useIdentity();
  return (
    <Page title="Paramètres">
      <section className="fr-mb-6w" aria-labelledby="site-title">
        <h2 id="site-title" className="fr-h4">
          Site
        </h2>
        <dl className="app-definitions">
          <dt>Type</dt>
          <dd>{siteKindLabels[identity.kind]}</dd>
          <dt>Code</dt>
          <dd>{identity.code}</dd>
          <dt>Nom</dt>
          <dd>{identity.name}</dd>
          <dt>Département</dt>
          <dd>{departementLabel(identity.departement)}</dd>
        </dl>
      </section>
      <ContactSection />
      <AccountsSection />
      <SyncSettings />
      <section className="fr-mb-6w" aria-labelledby="data-backup-title">
        <h2 id="data-backup-title" className="fr-h4">
          Sauvegarde des données
        </h2>
        <p>Sauvegarder toute la base de ce poste dans un fichier chiffré, voir les sauvegardes automatiques, restaurer une sauvegarde.</p>
        <Button priority="secondary" iconId="fr-icon-save-line" linkProps={{ to: backupPath }}>
          Sauvegardes et restauration
        </Button>
      </section>
      <RetentionSection />
      <KeyBackup />
      <AppInfo />
    </Page>
  );
}

function AppInfo() {
  const [info, setInfo] = useState<BridgeResponse<'appInfo'>>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    getBridge()
      .appInfo({})
      .then(setInfo, (error: unknown) => setFailure(errorMessage(error)));
  }, []);
  return (
    <section aria-labelledby="app-title">
      <h2 id="app-title" className="fr-h4">
        Application
      </h2>
      {failure && <Alert severity="warning" small description={failure} />}
      {info && (
        <dl className="app-definitions">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Mode</dt>
          <dd>{info.host === 'electron' ? 'Application de bureau' : 'Version web locale'}</dd>
          <dt>Dossier des fichiers de l’application</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
          <dt>Données des personnes et des mesures</dt>
          <dd>
            Base locale de ce poste (IndexedDB du profil de l’application) ; elles ne quittent le poste que pseudonymisées, dans les envois vers l’ATIGIP.
          </dd>
        </dl>
      )}
    </section>
  );
}
