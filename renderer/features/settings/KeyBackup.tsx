import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState } from 'react';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { MIN_PASSPHRASE } from '../../../shared/sync/passphrase.ts';
import { getBridge } from '../../bridge/index.ts';
import { downloadPayload, fileToPayload, Progress, TargetActions, useSync } from '../sync/index.ts';
import { counted, verb } from '../../../shared/format/agreement.ts';

type Message = { ok: boolean; text: string } | undefined;

/** Why a passphrase and its confirmation cannot be used, or undefined. */
export function passphraseProblem(passphrase: string, confirmation: string): string | undefined {
  if (passphrase.length < MIN_PASSPHRASE) return `Phrase secrète : ${MIN_PASSPHRASE} caractères au moins (une phrase de plusieurs mots se retient mieux).`;
  if (passphrase !== confirmation) return 'Les deux phrases secrètes ne sont pas identiques.';
  return undefined;
}

function BackupForm() {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [message, setMessage] = useState<Message>();
  const problem = passphrase === '' && confirmation === '' ? undefined : passphraseProblem(passphrase, confirmation);

  return (
    <div className="fr-mb-4w">
      <h3 className="fr-h6">Sauvegarder</h3>
      <p>
        Le fichier contient les clés de ce poste, chiffrées avec une phrase secrète. Gardez-le hors de ce poste (clé USB rangée au coffre, par exemple) et la
        phrase secrète ailleurs : sans elle, la sauvegarde est inutilisable.
      </p>
      <Input
        label="Phrase secrète"
        state={problem && passphrase.length < MIN_PASSPHRASE ? 'error' : 'default'}
        nativeInputProps={{ type: 'password', value: passphrase, onChange: (e) => setPassphrase(e.target.value), autoComplete: 'new-password' }}
      />
      <Input
        label="Phrase secrète, une deuxième fois"
        state={problem ? 'error' : 'default'}
        stateRelatedMessage={problem}
        nativeInputProps={{ type: 'password', value: confirmation, onChange: (e) => setConfirmation(e.target.value), autoComplete: 'new-password' }}
      />
      <TargetActions
        disabled={passphrase === '' || problem !== undefined}
        labels={{ download: 'Télécharger la sauvegarde des clés', folder: 'Écrire la sauvegarde dans un dossier (clé USB)' }}
        progress="Chiffrement de la sauvegarde des clés en cours (la phrase secrète est renforcée exprès : quelques secondes)…"
        onTarget={async (target) => {
          if (target === 'syncFolder') return;
          const saved = await getBridge().keysBackup({ passphrase, target });
          if (saved.download) downloadPayload(saved.download);
          setPassphrase('');
          setConfirmation('');
          setMessage({ ok: true, text: `Sauvegarde ${saved.files[0] ?? ''} ${saved.folder ? `écrite dans ${saved.folder}` : 'téléchargée'}.` });
        }}
      />
      {message && <Alert className="fr-mt-2w" severity={message.ok ? 'success' : 'error'} small description={message.text} />}
    </div>
  );
}

function RestoreForm() {
  const sync = useSync();
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);

  const restore = async () => {
    if (!file) return;
    setMessage(undefined);
    setBusy(true);
    try {
      const restored = await getBridge().keysRestore({ file: await fileToPayload(file), passphrase, overwrite });
      await sync.refreshStatus();
      const replaced =
        restored.replaced.length > 0
          ? ` ${counted(restored.replaced.length, 'clé')} de ce poste ${verb(restored.replaced.length, 'a été remplacée', 'ont été remplacées')}.`
          : '';
      setMessage({
        ok: true,
        text: `Clés restaurées (sauvegarde${restored.siteCode ? ` du site ${restored.siteCode}` : ''} du ${formatDateTime(restored.createdAt)}).${replaced}`,
      });
      setPassphrase('');
      setOverwrite(false);
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void restore();
      }}
    >
      <h3 className="fr-h6">Restaurer</h3>
      <p>Sur un poste réinstallé ou remplacé : les personnes gardent ainsi au siège les mêmes clés pseudonymes, et le siège reconnaît la signature du site.</p>
      <Upload
        label="Fichier de sauvegarde des clés"
        hint="Fichier .passerelle-cles"
        nativeInputProps={{ accept: '.passerelle-cles', onChange: (e) => setFile(e.target.files?.[0]) }}
      />
      <Input
        label="Phrase secrète de la sauvegarde"
        nativeInputProps={{ type: 'password', value: passphrase, onChange: (e) => setPassphrase(e.target.value), autoComplete: 'current-password' }}
      />
      <Checkbox
        options={[
          {
            label: 'Remplacer les clés actuelles de ce poste',
            hintText:
              'Nécessaire si ce poste a déjà ses propres clés ; les envois déjà signés avec elles ne seront plus reconnus sans réinscription par le siège.',
            nativeInputProps: { checked: overwrite, onChange: (e) => setOverwrite(e.target.checked) },
          },
        ]}
      />
      <Button type="submit" priority="secondary" disabled={busy || !file || passphrase === ''}>
        Restaurer les clés
      </Button>
      {busy && <Progress label="Déchiffrement de la sauvegarde des clés en cours (quelques secondes)…" />}
      {message && <Alert className="fr-mt-2w" severity={message.ok ? 'success' : 'error'} small description={message.text} />}
    </form>
  );
}

export function KeyBackup() {
  const { mode } = useSync();
  return (
    <section className="fr-mb-6w" aria-labelledby="key-backup-title">
      <h2 id="key-backup-title" className="fr-h4">
        {mode === 'hq' ? 'Sauvegarde des clés du siège' : 'Sauvegarde des clés du site'}
      </h2>
      <BackupForm />
      <RestoreForm />
    </section>
  );
}
