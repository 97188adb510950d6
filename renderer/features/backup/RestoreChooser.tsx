import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useState } from 'react';
import type { BackupOpened } from '../../../shared/bridge/backupClient.ts';
import { backupOriginLabels, BACKUP_EXTENSION } from '../../../shared/backup/format.ts';
import type { BackupFile, BackupSource } from '../../../shared/bridge/backupSchemas.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { getBridge } from '../../bridge/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { Progress } from '../sync/index.ts';
import { useHost } from './host.ts';
import { schedulePendingRestore } from './pendingRestore.ts';
import { SummaryView } from './SummaryView.tsx';

export function sizeLabel(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} ko` : `${(bytes / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The automatic backups of this installation, newest first; undefined while they are read. */
export function useAutomaticBackups(): { backups: BackupFile[] | undefined; folder: string | undefined; problem: string | undefined; reload(): void } {
  const [state, setState] = useState<{ backups?: BackupFile[]; folder?: string; problem?: string }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    getBridge()
      .backupList({})
      .then(
        (list) => live && setState({ backups: list.backups, folder: list.folder, ...(list.problem ? { problem: list.problem } : {}) }),
        (error: unknown) => live && setState({ backups: [], problem: errorMessage(error) }),
      );
    return () => {
      live = false;
    };
  }, [attempt]);
  return { backups: state.backups, folder: state.folder, problem: state.problem, reload: () => setAttempt((n) => n + 1) };
}

/**
 * Choose a backup to restore (one of this installation's automatic backups, or a file with its passphrase),
 * have the Node side check it whole, show what it holds, then, once confirmed, restore it: the page reloads
 * and the start-up restores before anything opens the database.
 */
export function RestoreChooser({ siteId, saveCurrent }: { siteId: string | null; saveCurrent: boolean }) {
  const host = useHost();
  const { backups, problem } = useAutomaticBackups();
  const [opened, setOpened] = useState<BackupOpened>();
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');

  const open = async (source: BackupSource, typed?: string) => {
    setFailure(undefined);
    setChecking(true);
    try {
      setOpened(await getBridge().backupOpen({ source, siteId, ...(typed ? { passphrase: typed } : {}) }));
      setPassphrase('');
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setChecking(false);
    }
  };

  const pick = async () => {
    setFailure(undefined);
    try {
      const { path: picked } = await getBridge().pickFile({ title: 'Fichier de sauvegarde', extension: BACKUP_EXTENSION });
      if (picked) setPath(picked);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  if (opened) {
    return (
      <RestorePreview
        opened={opened}
        saveCurrent={saveCurrent}
        onCancel={() => {
          void getBridge()
            .backupClose({ handle: opened.handle })
            .catch(() => undefined);
          setOpened(undefined);
        }}
      />
    );
  }

  return (
    <div>
      <h3 className="fr-h6">Sauvegardes automatiques de ce poste</h3>
      {problem && <Alert className="fr-mb-2w" severity="warning" small description={problem} />}
      {backups === undefined ? (
        <p>Lecture des sauvegardes…</p>
      ) : backups.length === 0 ? (
        <p>Aucune sauvegarde automatique sur ce poste pour l’instant.</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Sauvegardes automatiques</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Motif</th>
                <th scope="col">Site</th>
                <th scope="col">Taille</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {backups.map((backup) => (
                <tr key={backup.name}>
                  <td>{formatDateTime(backup.createdAt)}</td>
                  <td>{backupOriginLabels[backup.origin]}</td>
                  <td>{backup.siteCode ?? '—'}</td>
                  <td>{sizeLabel(backup.size)}</td>
                  <td>
                    <Button
                      size="small"
                      priority="secondary"
                      disabled={checking}
                      onClick={() => void open({ automatic: backup.name })}
                      nativeButtonProps={{ 'aria-label': `Restaurer la sauvegarde du ${formatDateTime(backup.createdAt)}` }}
                    >
                      Restaurer…
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="fr-h6 fr-mt-4w">Un fichier de sauvegarde</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void open({ path: path.trim() }, passphrase);
        }}
      >
        {host === 'electron' ? (
          <div className="fr-mb-2w">
            <Button type="button" priority="secondary" onClick={() => void pick()} disabled={checking}>
              Choisir le fichier de sauvegarde…
            </Button>
            {path && <p className="fr-mt-1w">Fichier choisi : {path}</p>}
          </div>
        ) : (
          <Input
            label="Chemin complet du fichier de sauvegarde"
            hintText={`Fichier ${BACKUP_EXTENSION}, par exemple E:\\passerelle-sauvegarde-SPIP-54-2026-11-25T10-00-00${BACKUP_EXTENSION}`}
            nativeInputProps={{ value: path, onChange: (e) => setPath(e.target.value), spellCheck: false, autoComplete: 'off' }}
          />
        )}
        <Input
          label="Phrase secrète de la sauvegarde"
          nativeInputProps={{ type: 'password', value: passphrase, onChange: (e) => setPassphrase(e.target.value), autoComplete: 'current-password' }}
        />
        <Button type="submit" priority="secondary" disabled={checking || path.trim() === '' || passphrase === ''}>
          Vérifier la sauvegarde
        </Button>
      </form>
      {checking && <Progress label="Vérification de la sauvegarde : chaque partie du fichier est relue…" />}
      {failure && <Alert className="fr-mt-2w" severity="error" title="Restauration impossible" description={failure} />}
    </div>
  );
}

function RestorePreview({ opened, saveCurrent, onCancel }: { opened: BackupOpened; saveCurrent: boolean; onCancel: () => void }) {
  const { header, summary } = opened;
  const restore = () => {
    schedulePendingRestore(window.sessionStorage, { opened, saveCurrent });
    // The restored data open on the dashboard, not on the screen the restore was started from.
    window.location.hash = '#/';
    window.location.reload();
  };
  return (
    <div>
      <Alert
        severity="info"
        title="Sauvegarde vérifiée : elle est complète et lisible"
        description={`${backupOriginLabels[header.origin]} du ${formatDateTime(header.createdAt)}${header.site ? `, site ${header.site.code} (${header.site.name})` : ''}.`}
      />
      <p className="fr-mt-2w">Elle contient :</p>
      <SummaryView summary={summary} />
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
        <li>
          <ConfirmButton
            priority="primary"
            iconId="fr-icon-refresh-line"
            title="Restaurer cette sauvegarde ?"
            confirmLabel="Restaurer la sauvegarde"
            onConfirm={restore}
            description={
              <>
                <p>
                  Les données de ce poste seront remplacées par celles de la sauvegarde du {formatDateTime(header.createdAt)} : ce qui a été saisi depuis sur ce
                  poste n’y figure pas, sauf ce que les autres postes et le siège renverront.
                </p>
                {saveCurrent && <p>Les données actuelles sont d’abord enregistrées dans une sauvegarde automatique, pour pouvoir revenir en arrière.</p>}
                <p>Passerelle redémarre ensuite.</p>
              </>
            }
          >
            Restaurer cette sauvegarde
          </ConfirmButton>
        </li>
        <li>
          <Button priority="secondary" onClick={onCancel}>
            Choisir une autre sauvegarde
          </Button>
        </li>
      </ul>
    </div>
  );
}
