import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState } from 'react';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { getBridge } from '../../bridge/index.ts';
import { downloadPayload, fileToPayload, FolderChooser, TargetActions, useSync } from '../sync/index.ts';

type Message = { ok: boolean; text: string } | undefined;

function Feedback({ message }: { message: Message }) {
  if (!message) return null;
  return <Alert className="fr-mt-2w" severity={message.ok ? 'success' : 'error'} small description={message.text} />;
}

/** The sync folder: where bundles go and where headquarters' files are picked up. */
function SyncFolderSetting() {
  const sync = useSync();
  const [message, setMessage] = useState<Message>();
  const folder = sync.status?.folder ?? null;

  const set = async (path: string | null) => {
    const status = await getBridge().syncSetFolder({ path });
    await sync.refreshStatus();
    setMessage({
      ok: true,
      text: status.folder
        ? `Dossier de synchronisation : ${status.folder}${status.reachable ? '' : ' (injoignable pour l’instant)'}.`
        : 'Plus de dossier de synchronisation : exportez vers une clé USB.',
    });
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="sync-folder-title">
      <h2 id="sync-folder-title" className="fr-h4">
        Dossier de synchronisation
      </h2>
      <p>
        Un dossier partagé sur le réseau, que le siège lit aussi. Passerelle vérifie chaque minute s’il est accessible ; quand il l’est, les changements y sont
        déposés et les accusés de réception et données de référence du siège y sont relevés.
      </p>
      <p>
        Actuellement : {folder ? <code data-testid="sync-folder">{folder}</code> : <strong>aucun</strong>}
        {folder && (sync.folder.reachable ? ' — accessible' : ' — injoignable')}
      </p>
      <FolderChooser label="Dossier de synchronisation" buttonLabel="Utiliser ce dossier" onChoose={(path) => set(path)} />
      {folder && (
        <Button priority="tertiary" onClick={() => void set(null).catch((error: unknown) => setMessage({ ok: false, text: errorMessage(error) }))}>
          Ne plus utiliser de dossier de synchronisation
        </Button>
      )}
      <Feedback message={message} />
    </section>
  );
}

/** Headquarters' public key (`hq.pub`): whom bundles are encrypted to, whose signatures are believed. */
function HqKeySetting() {
  const sync = useSync();
  const [file, setFile] = useState<File>();
  const [message, setMessage] = useState<Message>();
  const hqKey = sync.status?.hqKey;

  const importKey = async () => {
    if (!file) return;
    try {
      const imported = await getBridge().syncImportHqKey({ file: await fileToPayload(file) });
      await sync.refreshStatus();
      const replaced = imported.previousKeyId ? ` Elle remplace la clé ${imported.previousKeyId}.` : '';
      setMessage({ ok: true, text: `Clé du siège ${imported.keyId} importée.${replaced}` });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="hq-key-title">
      <h2 id="hq-key-title" className="fr-h4">
        Clé publique du siège
      </h2>
      <p>
        {hqKey ? (
          <>
            Clé <strong data-testid="hq-key-id">{hqKey.keyId}</strong>, créée le {formatDateTime(hqKey.createdAt)}.
          </>
        ) : (
          'Aucune clé importée : demandez le fichier hq.pub à l’ATIGIP. Sans elle, aucun envoi n’est possible.'
        )}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void importKey();
        }}
      >
        <Upload label="Fichier hq.pub" hint="Fourni par l’ATIGIP" nativeInputProps={{ accept: '.pub', onChange: (e) => setFile(e.target.files?.[0]) }} />
        <Button className="fr-mt-2w" type="submit" priority="secondary" disabled={!file}>
          Importer la clé du siège
        </Button>
      </form>
      <Feedback message={message} />
    </section>
  );
}

/** The site's signing key, pseudonymisation secret and encryption key, and how this host protects them. */
function SiteKeysSetting() {
  const sync = useSync();
  const [message, setMessage] = useState<Message>();
  const keys = sync.status?.siteKeys;
  const storage = sync.status?.keyStorage;

  const generate = async () => {
    try {
      const created = await getBridge().siteKeysGenerate({});
      await sync.refreshStatus();
      setMessage({ ok: true, text: `Clés du site créées (clé ${created.keyId}). Faites-en maintenant une sauvegarde protégée par une phrase secrète.` });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="site-keys-title">
      <h2 id="site-keys-title" className="fr-h4">
        Clés du site
      </h2>
      <p>
        La clé de signature prouve au siège et aux autres sites que les envois viennent de ce site ; le secret de pseudonymisation donne à chaque personne une
        clé pseudonyme stable ; la clé de chiffrement ouvre les dossiers que d’autres services transfèrent à ce site. Ils ne quittent jamais ce poste, sauf dans
        une sauvegarde chiffrée.
      </p>
      {storage && (
        <p className="fr-text--sm">
          Conservation : {storage.label}
          {storage.problem && <Alert className="fr-mt-1w" severity="error" small description={storage.problem} />}
        </p>
      )}
      {keys?.state === 'ready' && (
        <p>
          Clé de signature <strong data-testid="site-key-id">{keys.keyId}</strong>
          <br />
          <span className="fr-text--xs">
            Clé publique : <code>{keys.publicKey}</code>
          </span>
          <br />
          {keys.encryptionKeyId ? (
            <>
              Clé de chiffrement des dossiers transférés <strong data-testid="site-encryption-key-id">{keys.encryptionKeyId}</strong>
            </>
          ) : (
            'La clé de chiffrement des dossiers transférés sera créée au prochain export vers le siège.'
          )}
        </p>
      )}
      {keys?.state === 'unreadable' && <Alert severity="error" small description={keys.message} />}
      {keys?.state === 'missing' && (
        <>
          <p>Ce poste n’a pas encore de clés. Si ce site en avait déjà (poste réinstallé ou remplacé), restaurez plutôt leur sauvegarde ci-dessous.</p>
          <Button onClick={() => void generate()} disabled={storage?.problem != null}>
            Générer les clés du site
          </Button>
        </>
      )}
      <Feedback message={message} />
    </section>
  );
}

/** Headquarters hands its public key to every site. */
function HqPublicKeyExport() {
  const [message, setMessage] = useState<Message>();
  return (
    <section className="fr-mb-6w" aria-labelledby="hq-pub-title">
      <h2 id="hq-pub-title" className="fr-h4">
        Clé publique du siège à diffuser
      </h2>
      <p>Chaque site importe ce fichier (hq.pub) dans ses Paramètres : ses envois sont alors chiffrés pour le siège, et il reconnaît la signature du siège.</p>
      <TargetActions
        labels={{
          syncFolder: 'Déposer hq.pub dans le dossier de synchronisation',
          download: 'Télécharger hq.pub',
          folder: 'Écrire hq.pub dans un autre dossier',
        }}
        onTarget={async (target) => {
          const saved = await getBridge().hqPublicKey({ target });
          if (saved.download) downloadPayload(saved.download);
          setMessage({ ok: true, text: saved.folder ? `hq.pub écrit dans ${saved.folder}.` : 'hq.pub téléchargé.' });
        }}
      />
      <Feedback message={message} />
    </section>
  );
}

export function SyncSettings() {
  const { mode } = useSync();
  return (
    <>
      <SyncFolderSetting />
      {mode === 'hq' ? (
        <HqPublicKeyExport />
      ) : (
        <>
          <HqKeySetting />
          <SiteKeysSetting />
        </>
      )}
    </>
  );
}
