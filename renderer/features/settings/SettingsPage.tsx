import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { BridgeResponse } from '../../../shared/bridge/contract.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { readSiteContact, saveSiteContact, setUserName } from '../../../shared/repos/identity.ts';
import { siteKindLabels, type SiteContact } from '../../../shared/schemas/site.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { Page } from '../../ui/Page.tsx';
import { backupPath } from '../backup/index.ts';
import { KeyBackup } from './KeyBackup.tsx';
import { SyncSettings } from './SyncSettings.tsx';

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
      <UserNameForm current={identity.userName} />
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
      <KeyBackup />
      <AppInfo />
    </Page>
  );
}

function UserNameForm({ current }: { current: string }) {
  const ctx = useRepo();
  const [value, setValue] = useState(current);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const save = async () => {
    try {
      await setUserName(ctx, value);
      setMessage({ ok: true, text: 'Nom enregistré : il figurera dans l’historique des prochaines modifications.' });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="user-title">
      <h2 id="user-title" className="fr-h4">
        Utilisateur de ce poste
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Input
          label="Votre nom"
          state={message && !message.ok ? 'error' : 'default'}
          stateRelatedMessage={message && !message.ok ? message.text : undefined}
          nativeInputProps={{ value, onChange: (e) => setValue(e.target.value), autoComplete: 'name' }}
        />
        <Button type="submit" priority="secondary">
          Enregistrer
        </Button>
      </form>
      {message?.ok && <Alert className="fr-mt-2w" severity="success" small description={message.text} />}
    </section>
  );
}

/** Waits for the stored details, so the form starts from them. */
function ContactSection() {
  const ctx = useRepo();
  const contact = useLiveQuery(() => readSiteContact(ctx), [ctx]);
  return contact === undefined ? null : <ContactForm current={contact} />;
}

function ContactForm({ current }: { current: SiteContact }) {
  const ctx = useRepo();
  const [values, setValues] = useState({ address: current.address ?? '', phone: current.phone ?? '', email: current.email ?? '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const field = (name: keyof typeof values) => ({
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value }),
  });

  const save = async () => {
    try {
      await saveSiteContact(ctx, values);
      setMessage({ ok: true, text: 'Coordonnées enregistrées : elles figurent sur les documents imprimés.' });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="contact-title">
      <h2 id="contact-title" className="fr-h4">
        Coordonnées du service
      </h2>
      <p>Imprimées sous le nom du service sur chaque document, et dans la fiche de mise en situation pour que le tuteur signale les absences et incidents.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Input
          label="Adresse"
          hintText="Rue, code postal et commune, sur plusieurs lignes si besoin"
          textArea
          nativeTextAreaProps={{ ...field('address'), rows: 3, autoComplete: 'street-address' }}
        />
        <Input label="Téléphone" nativeInputProps={{ ...field('phone'), type: 'tel', autoComplete: 'tel' }} />
        <Input label="Courriel" nativeInputProps={{ ...field('email'), type: 'email', autoComplete: 'email' }} />
        {message && !message.ok && <Alert className="fr-mb-2w" severity="error" small description={message.text} />}
        <Button type="submit" priority="secondary">
          Enregistrer les coordonnées
        </Button>
      </form>
      {message?.ok && <Alert className="fr-mt-2w" severity="success" small description={message.text} />}
    </section>
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
