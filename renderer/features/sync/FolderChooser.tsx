import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useId, useState } from 'react';
import type { Target } from '../../../shared/bridge/syncSchemas.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { getBridge } from '../../bridge/index.ts';
import { Progress } from './Progress.tsx';
import { useSync } from './SyncProvider.tsx';

const TYPED_HINT = 'Chemin complet du dossier, par exemple \\\\serveur\\partage\\passerelle, E:\\ ou /media/cle-usb';

/**
 * Choose a folder: the desktop app opens the system's folder dialog; the web host, which cannot see the
 * disk from the page, asks for the folder's complete path. `onChoose` may refuse with a French message.
 */
export function FolderChooser({
  label,
  buttonLabel,
  onChoose,
  disabled,
}: {
  /** The typed path's label in the web host; the dialog's title and the button in the desktop app. */
  label: string;
  /** The web host's submit button. */
  buttonLabel: string;
  onChoose: (path: string) => Promise<void>;
  disabled?: boolean;
}) {
  const { host } = useSync();
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();

  const choose = async (path: string) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await onChoose(path);
      setTyped('');
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (host === 'electron') {
    return (
      <div className="fr-mb-2w">
        <Button
          priority="secondary"
          disabled={disabled || busy}
          onClick={async () => {
            try {
              const { path } = await getBridge().pickFolder({ title: label });
              if (path) await choose(path);
            } catch (error) {
              setFailure(errorMessage(error));
            }
          }}
        >
          {`${label}…`}
        </Button>
        {failure && (
          <p className="fr-error-text" role="alert">
            {failure}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      className="app-folder-form"
      onSubmit={(event) => {
        event.preventDefault();
        void choose(typed.trim());
      }}
    >
      <Input
        label={label}
        hintText={TYPED_HINT}
        state={failure ? 'error' : 'default'}
        stateRelatedMessage={failure}
        nativeInputProps={{ id, value: typed, onChange: (e) => setTyped(e.target.value), spellCheck: false, autoComplete: 'off' }}
      />
      <Button type="submit" priority="secondary" disabled={disabled || busy || typed.trim() === ''}>
        {buttonLabel}
      </Button>
    </form>
  );
}

export interface TargetLabels {
  /** "Exporter dans le dossier de synchronisation"; leave out when the sync folder is not a choice. */
  syncFolder?: string;
  download: string;
  /** Label of the folder choice (the dialog's title in the desktop app). */
  folder: string;
}

/**
 * Where a file goes: the sync folder, another folder (a USB key), or a download. Every button reports to
 * `onTarget`, which does the work and may refuse in French (shown under the buttons). While it runs, the
 * buttons wait and `progress` (what is being done, with counts when known) shows above a bar.
 */
export function TargetActions({
  labels,
  onTarget,
  disabled,
  progress,
}: {
  labels: TargetLabels;
  onTarget: (target: Target) => Promise<void>;
  disabled?: boolean;
  progress?: string;
}) {
  const { folder } = useSync();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  // A refusal for a chosen folder is shown by the folder chooser, next to the path.
  const toFolder = async (path: string) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await onTarget({ folder: path });
    } finally {
      setBusy(false);
    }
  };

  const run = async (target: Target) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await onTarget(target);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        {labels.syncFolder && (
          <li>
            <Button disabled={disabled || busy || !folder.folder} onClick={() => void run('syncFolder')}>
              {labels.syncFolder}
            </Button>
          </li>
        )}
        <li>
          <Button priority="secondary" iconId="fr-icon-download-line" disabled={disabled || busy} onClick={() => void run('download')}>
            {labels.download}
          </Button>
        </li>
      </ul>
      <FolderChooser label={labels.folder} buttonLabel="Écrire dans ce dossier" disabled={disabled || busy} onChoose={toFolder} />
      {busy && <Progress label={progress ?? 'Opération en cours…'} />}
      {failure && (
        <p className="fr-error-text" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
