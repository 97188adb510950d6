import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ImportKind } from '../../../shared/csv/importFields.ts';
import { agree, counted, verb } from '../../../shared/format/agreement.ts';
import type { ImportLine } from '../../../shared/repos/imports.ts';
import { LinesTable } from './ImportLines.tsx';
import { importedText, type ImportTarget } from './importWizard.ts';

/** Step 4: what was imported, the lines that were not and why, and where to see the records. */
export function ReportStep({
  kind,
  written,
  lines,
  target,
  onDownload,
  onRestart,
}: {
  kind: ImportKind;
  written: number;
  lines: readonly ImportLine[];
  target: ImportTarget;
  onDownload: () => void;
  onRestart: () => void;
}) {
  const notImported = lines.filter((l) => l.status !== 'ok');
  return (
    <section aria-label="Rapport d’import">
      <Alert className="fr-mb-3w" severity="success" title={importedText(kind, written)} description={notImportedText(notImported.length)} />
      <LinesTable lines={notImported} caption="Lignes non importées" />
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left fr-mt-3w">
        <li>
          <Button iconId="fr-icon-arrow-right-line" iconPosition="right" linkProps={{ to: target.listPath }}>
            {target.listLabel}
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-download-line" onClick={onDownload}>
            Télécharger le rapport (CSV)
          </Button>
        </li>
        <li>
          <Button priority="tertiary" iconId="fr-icon-upload-line" onClick={onRestart}>
            Importer un autre fichier
          </Button>
        </li>
      </ul>
    </section>
  );
}

function notImportedText(count: number): string {
  if (count === 0) return 'Toutes les lignes du fichier ont été importées.';
  return `${counted(count, 'ligne')} du fichier n’${verb(count, 'a', 'ont')} pas été ${agree('importé', 'f', count)} : le détail est ci-dessous et dans le rapport à télécharger.`;
}
