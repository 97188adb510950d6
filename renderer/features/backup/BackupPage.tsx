import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import * as z from 'zod';
import { backupSite, type BackupWritten } from '../../../shared/bridge/backupClient.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { MIN_PASSPHRASE, passphraseSchema } from '../../../shared/sync/passphrase.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { fieldState, required } from '../../ui/forms.ts';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useSavingForm } from '../../ui/useRecordForm.ts';
import { Progress } from '../sync/index.ts';
import { oneBackupAtATime } from './exclusive.ts';
import { useHost } from './host.ts';
import { RestoreChooser, sizeLabel, useAutomaticBackups } from './RestoreChooser.tsx';
import { SummaryView } from './SummaryView.tsx';

export const backupPath = '/parametres/sauvegardes';

const manualSchema = z
  .object({
    passphrase: passphraseSchema,
    confirmation: z.string(),
    folder: z.string().trim().min(1, { error: 'Dossier : choisissez où écrire la sauvegarde' }),
  })
  .refine((v) => v.passphrase === v.confirmation, { error: 'Les deux phrases secrètes ne sont pas identiques.', path: ['confirmation'] });
type ManualValues = z.input<typeof manualSchema>;

/** Paramètres > Sauvegardes: a backup now, the automatic ones, a restore. */
export function BackupPage() {
  const identity = useIdentity();
  return (
    <Page title="Sauvegardes et restauration">
      <p>
        Une sauvegarde contient toute la base de ce poste : personnes, mesures, heures, structures, ateliers, l’historique des modifications et l’état des
        envois au siège. Elle est chiffrée. Les clés du site se sauvegardent à part (Paramètres, « Sauvegarde des clés du site »).
      </p>
      <ManualBackup />
      <AutomaticBackups />
      <section className="fr-mb-6w" aria-labelledby="restore-title">
        <h2 id="restore-title" className="fr-h4">
          Restaurer une sauvegarde
        </h2>
        <RestoreChooser siteId={identity.siteId} saveCurrent />
      </section>
    </Page>
  );
}

function ManualBackup() {
  const ctx = useRepo();
  const identity = useIdentity();
  const host = useHost();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [written, setWritten] = useState<BackupWritten>();
  const form = useSavingForm<ManualValues, z.output<typeof manualSchema>>({
    schema: manualSchema,
    fields: ['passphrase', 'confirmation', 'folder'],
    defaultValues: { passphrase: '', confirmation: '', folder: '' },
    save: async (values) => {
      setWritten(undefined);
      setProgress({ done: 0, total: 0 });
      try {
        const site = { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind };
        const saved = await oneBackupAtATime(() =>
          backupSite(ctx, getBridge(), { origin: 'manuelle', passphrase: values.passphrase, folder: values.folder, site }, (done, total) =>
            setProgress({ done, total }),
          ),
        );
        setWritten(saved);
        form.reset({ passphrase: '', confirmation: '', folder: values.folder });
      } finally {
        setProgress(undefined);
      }
    },
  });
  const {
    register,
    setValue,
    watch,
    formState: { errors },
  } = form;
  const folder = watch('folder');

  const pickFolder = async () => {
    const { path } = await getBridge().pickFolder({ title: 'Dossier de la sauvegarde' });
    if (path) setValue('folder', path, form.chosen);
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="manual-title">
      <h2 id="manual-title" className="fr-h4">
        Sauvegarder maintenant
      </h2>
      <p>
        Écrivez la sauvegarde hors de ce poste (clé USB rangée au coffre, partage réseau du service) et gardez la phrase secrète ailleurs : sans elle, la
        sauvegarde est inutilisable. La phrase secrète est renforcée exprès : le chiffrement prend quelques secondes.
      </p>
      <RecordForm form={form} cancel="/parametres" submitLabel="Écrire la sauvegarde" refusal="Sauvegarde impossible">
        <Input
          label={required('Phrase secrète')}
          hintText={`${MIN_PASSPHRASE} caractères au moins ; une phrase de plusieurs mots se retient mieux`}
          {...fieldState(errors.passphrase)}
          nativeInputProps={{ ...register('passphrase'), type: 'password', autoComplete: 'new-password' }}
        />
        <Input
          label={required('Phrase secrète, une deuxième fois')}
          {...fieldState(errors.confirmation)}
          nativeInputProps={{ ...register('confirmation'), type: 'password', autoComplete: 'new-password' }}
        />
        {host === 'electron' ? (
          <div className="fr-mb-3w">
            <Input
              label={required('Dossier de la sauvegarde')}
              {...fieldState(errors.folder)}
              nativeInputProps={{ ...register('folder'), readOnly: true, placeholder: 'Aucun dossier choisi' }}
            />
            <Button type="button" priority="secondary" onClick={() => void pickFolder()}>
              Choisir le dossier…
            </Button>
          </div>
        ) : (
          <Input
            label={required('Dossier de la sauvegarde')}
            hintText="Chemin complet du dossier, par exemple \\serveur\partage\passerelle, E:\ ou /media/cle-usb"
            {...fieldState(errors.folder)}
            nativeInputProps={{ ...register('folder'), spellCheck: false, autoComplete: 'off' }}
          />
        )}
      </RecordForm>
      {progress && <Progress label={`Sauvegarde en cours vers ${folder}`} done={progress.done} total={progress.total} />}
      {written && (
        <Alert
          className="fr-mt-2w"
          severity="success"
          title="Sauvegarde écrite, relue et vérifiée"
          description={
            <>
              <p>
                {written.name} ({sizeLabel(written.size)}) dans {written.folder}, le {formatDateTime(written.createdAt)}. Elle contient :
              </p>
              <SummaryView summary={written.summary} />
            </>
          }
        />
      )}
    </section>
  );
}

function AutomaticBackups() {
  const { backups, folder, problem } = useAutomaticBackups();
  const latest = backups?.[0];
  return (
    <section className="fr-mb-6w" aria-labelledby="automatic-title">
      <h2 id="automatic-title" className="fr-h4">
        Sauvegardes automatiques
      </h2>
      <p>
        Chaque jour où Passerelle est ouvert, et avant chaque mise à jour des données, une sauvegarde est écrite dans le dossier de l’installation
        {folder ? (
          <>
            {' '}
            (<code>{folder}</code>)
          </>
        ) : null}
        , chiffrée avec une clé de ce poste, relue et vérifiée. Les 7 dernières journées et les 4 dernières semaines sont gardées.
      </p>
      {problem && <Alert severity="warning" small description={problem} />}
      {latest && <p>Dernière sauvegarde automatique : {formatDateTime(latest.createdAt)}.</p>}
    </section>
  );
}
