import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState, type DragEvent } from 'react';
import type { ImportKind } from '../../../shared/csv/importFields.ts';
import { kindLabels, type ImportTarget } from './importWizard.ts';

/** Step 1: what the file holds (when the screen offers several kinds), and the file, chosen or dropped. */
export function FileStep({
  targets,
  kind,
  onKind,
  hint,
  onFile,
  onTemplate,
}: {
  targets: readonly ImportTarget[];
  kind: ImportKind;
  onKind: (kind: ImportKind) => void;
  hint: string;
  onFile: (file: File) => void;
  onTemplate: () => void;
}) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  return (
    <section aria-label="Choix du fichier">
      {targets.length > 1 && (
        <RadioButtons
          legend="Que contient le fichier ?"
          name="import-kind"
          orientation="horizontal"
          options={targets.map((t) => ({
            label: kindLabels[t.kind].what,
            nativeInputProps: { value: t.kind, checked: kind === t.kind, onChange: () => onKind(t.kind) },
          }))}
        />
      )}
      <p>{hint}</p>
      <div
        className={`app-dropzone${dragging ? ' app-dropzone--active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Upload
          label="Fichier CSV"
          hint="Export d’Excel ou de LibreOffice au format CSV (séparateur point-virgule, virgule ou tabulation ; encodage UTF-8 ou Windows-1252). Vous pouvez aussi déposer le fichier dans ce cadre."
          nativeInputProps={{
            accept: '.csv,.txt,text/csv',
            onChange: (event) => {
              const chosen = event.target.files?.[0];
              event.target.value = '';
              if (chosen) onFile(chosen);
            },
          }}
        />
      </div>
      <p className="fr-mt-2w">
        <Button priority="tertiary" size="small" iconId="fr-icon-download-line" onClick={onTemplate}>
          Télécharger un modèle de fichier
        </Button>
      </p>
    </section>
  );
}
