import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ImportKind } from '../../../shared/csv/importFields.ts';
import { agree, counted, verb } from '../../../shared/format/agreement.ts';
import { formatNumber } from '../../../shared/format/fr.ts';
import type { ImportLine, ImportPreview } from '../../../shared/repos/imports.ts';
import { Counts, LinesTable } from './ImportLines.tsx';
import { countOf } from './importWizard.ts';

/** Step 3: every row checked by the repository, nothing written yet; the import waits for the user's confirmation. */
export function PreviewStep({
  kind,
  preview,
  lines,
  busy,
  onCommit,
  onDownload,
  onBack,
  onRestart,
}: {
  kind: ImportKind;
  preview: ImportPreview;
  lines: readonly ImportLine[];
  busy: boolean;
  onCommit: () => void;
  onDownload: () => void;
  onBack: () => void;
  onRestart: () => void;
}) {
  return (
    <section aria-label="Vérification avant import">
      <Alert
        className="fr-mb-3w"
        severity="info"
        small
        description={`Rien n’a encore été enregistré. ${counted(preview.ok, 'ligne')} sur ${formatNumber(lines.length)} ${verb(preview.ok, 'est prête', 'sont prêtes')} à être ${agree('importé', 'f', preview.ok)}.`}
      />
      <Counts ok={preview.ok} lines={lines} okLabel={(n) => `${agree('prêt', 'f', n)} à importer`} />
      {preview.blocking > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="error"
          title="L’import ne peut pas se faire"
          description="Au moins une ligne est refusée par une règle (voir ci-dessous) : l’import se fait en une seule fois, et cette ligne l’arrêterait. Corrigez-la ou retirez-la du fichier, puis recommencez."
        />
      )}
      <LinesTable lines={lines.filter((l) => l.status !== 'ok')} caption="Lignes qui ne seront pas importées" />
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left fr-mt-3w">
        <li>
          <Button iconId="fr-icon-check-line" disabled={preview.ok === 0 || preview.blocking > 0 || busy} onClick={onCommit}>
            {`Confirmer l’import de ${countOf(kind, preview.ok)}`}
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-download-line" onClick={onDownload}>
            Télécharger l’aperçu (CSV)
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-arrow-left-line" disabled={busy} onClick={onBack}>
            Revenir aux colonnes
          </Button>
        </li>
        <li>
          <Button priority="tertiary" disabled={busy} onClick={onRestart}>
            Abandonner
          </Button>
        </li>
      </ul>
    </section>
  );
}
