import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { useEffect, useRef, useState } from 'react';
import { CSV_MIME_TYPE } from '../../../shared/csv/export.ts';
import type { ImportKind } from '../../../shared/csv/importFields.ts';
import { formatNumber, todayIso } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { commitImport, previewImport, type ImportLine, type ImportPreview } from '../../../shared/repos/imports.ts';
import { useRepo } from '../../app/index.ts';
import { downloadFile } from '../../ui/download.ts';
import { ColumnsStep } from './ColumnsStep.tsx';
import { FileStep } from './FileStep.tsx';
import {
  assignColumn,
  guessMapping,
  importRows,
  kindLabels,
  mergeLines,
  readCsv,
  reportCsv,
  reportLines,
  templateCsv,
  unreadableLines,
  type ColumnMapping,
  type ImportTarget,
  type LoadedFile,
} from './importWizard.ts';
import { PreviewStep } from './PreviewStep.tsx';
import { ReportStep } from './ReportStep.tsx';

interface Progress {
  what: string;
  done: number;
  total: number;
}

interface Report {
  written: number;
  lines: ImportLine[];
}

const steps = ['Choix du fichier', 'Correspondance des colonnes', 'Vérification avant import', 'Rapport d’import'] as const;

/**
 * The CSV import of organisations, posts or persons in four steps: the file, its columns, the check of every
 * row (the repository's preview, written nowhere), then the import in one transaction once the user confirms,
 * and its report.
 */
export function ImportWizard({ targets }: { targets: readonly [ImportTarget, ...ImportTarget[]] }) {
  const ctx = useRepo();
  const [kind, setKind] = useState<ImportKind>(targets[0].kind);
  const [file, setFile] = useState<LoadedFile>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<{ preview: ImportPreview; lines: ImportLine[] }>();
  const [report, setReport] = useState<Report>();
  const [progress, setProgress] = useState<Progress>();
  const [failure, setFailure] = useState<string>();
  const target = targets.find((t) => t.kind === kind) ?? targets[0];
  const stepIndex = report ? 3 : preview ? 2 : file ? 1 : 0;

  // Each step starts at its top: focus moves to the stepper, which says where the user is.
  const top = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    top.current?.focus();
  }, [stepIndex]);

  const restart = () => {
    setFile(undefined);
    setMapping({});
    setPreview(undefined);
    setReport(undefined);
    setFailure(undefined);
  };

  const load = async (chosen: File) => {
    setFailure(undefined);
    const parsed = readCsv(new Uint8Array(await chosen.arrayBuffer()));
    if (!parsed.ok) {
      setFailure(`« ${chosen.name} » ne peut pas être lu : ${parsed.error}`);
      return;
    }
    setFile({ name: chosen.name, parsed });
    setMapping(guessMapping(kind, parsed.headers));
  };

  const track = (what: string) => {
    let last = 0;
    return (done: number, total: number) => {
      const now = performance.now();
      if (done === 0 || done === total || now - last > 100) {
        last = now;
        setProgress({ what, done, total });
      }
    };
  };

  const check = async () => {
    if (!file) return;
    setFailure(undefined);
    const { rows, lines } = importRows(file.parsed, mapping);
    try {
      const result = await previewImport(ctx, kind, rows, { lines, onProgress: track('Vérification des lignes') });
      setPreview({ preview: result, lines: mergeLines(result.lines, unreadableLines(file.parsed)) });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setProgress(undefined);
    }
  };

  const commit = async () => {
    if (!file) return;
    setFailure(undefined);
    const { rows, lines } = importRows(file.parsed, mapping);
    try {
      const result = await commitImport(ctx, kind, rows, { lines, onProgress: track('Import') });
      setReport({ written: result.written, lines: reportLines(lines, result.refused, unreadableLines(file.parsed), preview?.lines ?? []) });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setProgress(undefined);
    }
  };

  const reportName = (what: string) =>
    `${what}-import-${kind === 'organisations' ? 'structures' : kind === 'posts' ? 'postes' : 'personnes'}-${todayIso(ctx.clock.now())}.csv`;

  return (
    <div className="app-import">
      <div ref={top} tabIndex={-1} className="app-focus-target">
        <Stepper
          currentStep={stepIndex + 1}
          stepCount={steps.length}
          title={steps[stepIndex]!}
          {...(steps[stepIndex + 1] ? { nextTitle: steps[stepIndex + 1] } : {})}
        />
      </div>
      {failure && <Alert className="fr-mb-3w" severity="error" title="Import impossible" description={failure} role="alert" />}
      {progress && <ProgressBar progress={progress} />}

      {stepIndex === 0 && (
        <FileStep
          targets={targets}
          kind={kind}
          onKind={(k) => {
            setKind(k);
            setFailure(undefined);
          }}
          hint={target.hint}
          onFile={(f) => void load(f)}
          onTemplate={() => downloadFile(`modele-${kindLabels[kind].plural.replace(/[^a-z]+/gi, '-')}.csv`, templateCsv(kind), CSV_MIME_TYPE)}
        />
      )}

      {stepIndex === 1 && file && (
        <ColumnsStep
          kind={kind}
          file={file}
          mapping={mapping}
          onAssign={(field, header) => setMapping((m) => assignColumn(m, field, header))}
          busy={progress !== undefined}
          onCheck={() => void check()}
          onRestart={restart}
        />
      )}

      {stepIndex === 2 && preview && (
        <PreviewStep
          kind={kind}
          preview={preview.preview}
          lines={preview.lines}
          busy={progress !== undefined}
          onCommit={() => void commit()}
          onDownload={() => downloadFile(reportName('apercu'), reportCsv(preview.lines, 'Prête'), CSV_MIME_TYPE)}
          onBack={() => setPreview(undefined)}
          onRestart={restart}
        />
      )}

      {stepIndex === 3 && report && (
        <ReportStep
          kind={kind}
          written={report.written}
          lines={report.lines}
          target={target}
          onDownload={() => downloadFile(reportName('rapport'), reportCsv(report.lines), CSV_MIME_TYPE)}
          onRestart={restart}
        />
      )}
    </div>
  );
}

function ProgressBar({ progress }: { progress: Progress }) {
  return (
    <div className="fr-mb-3w" role="status">
      <label htmlFor="import-progress">
        {progress.what} : {formatNumber(progress.done)} sur {formatNumber(progress.total)} lignes…
      </label>
      <progress id="import-progress" className="app-progress" max={progress.total || 1} value={progress.done} />
    </div>
  );
}
