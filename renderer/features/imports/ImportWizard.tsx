import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { CSV_MIME_TYPE } from '../../../shared/csv/export.ts';
import { formatNumber, todayIso } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { commitImport, previewImport, type ImportKind, type ImportLine, type ImportPreview } from '../../../shared/repos/imports.ts';
import { useRepo } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { downloadFile } from '../../ui/download.ts';
import { SimpleTable } from '../../ui/SimpleTable.tsx';
import {
  assignColumn,
  countOf,
  delimiterLabels,
  encodingLabels,
  fieldsOf,
  formatHints,
  guessMapping,
  ignoredHeaders,
  importedText,
  importRows,
  kindLabels,
  mappingErrors,
  mergeLines,
  readCsv,
  reportCsv,
  reportLines,
  statusLabels,
  templateCsv,
  unreadableLines,
  type ColumnMapping,
  type ParsedCsv,
} from './importWizard.ts';
import { agree, counted, verb } from '../../../shared/format/agreement.ts';

export interface ImportTarget {
  kind: ImportKind;
  /** Shown to help choose the kind and prepare the file. */
  hint: string;
  /** Where the imported records are listed, to go and see them. */
  listPath: string;
  listLabel: string;
}

interface LoadedFile {
  name: string;
  parsed: ParsedCsv;
}

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
        <section aria-label="Vérification avant import">
          <Alert
            className="fr-mb-3w"
            severity="info"
            small
            description={`Rien n’a encore été enregistré. ${counted(preview.preview.ok, 'ligne')} sur ${formatNumber(preview.lines.length)} ${verb(preview.preview.ok, 'est prête', 'sont prêtes')} à être ${agree('importé', 'f', preview.preview.ok)}.`}
          />
          <Counts ok={preview.preview.ok} lines={preview.lines} okLabel={(n) => `${agree('prêt', 'f', n)} à importer`} />
          {preview.preview.blocking > 0 && (
            <Alert
              className="fr-mb-3w"
              severity="error"
              title="L’import ne peut pas se faire"
              description="Au moins une ligne est refusée par une règle (voir ci-dessous) : l’import se fait en une seule fois, et cette ligne l’arrêterait. Corrigez-la ou retirez-la du fichier, puis recommencez."
            />
          )}
          <LinesTable lines={preview.lines.filter((l) => l.status !== 'ok')} caption="Lignes qui ne seront pas importées" />
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left fr-mt-3w">
            <li>
              <Button
                iconId="fr-icon-check-line"
                disabled={preview.preview.ok === 0 || preview.preview.blocking > 0 || progress !== undefined}
                onClick={() => void commit()}
              >
                {`Confirmer l’import de ${countOf(kind, preview.preview.ok)}`}
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                iconId="fr-icon-download-line"
                onClick={() => downloadFile(reportName('apercu'), reportCsv(preview.lines, 'Prête'), CSV_MIME_TYPE)}
              >
                Télécharger l’aperçu (CSV)
              </Button>
            </li>
            <li>
              <Button priority="secondary" iconId="fr-icon-arrow-left-line" disabled={progress !== undefined} onClick={() => setPreview(undefined)}>
                Revenir aux colonnes
              </Button>
            </li>
            <li>
              <Button priority="tertiary" disabled={progress !== undefined} onClick={restart}>
                Abandonner
              </Button>
            </li>
          </ul>
        </section>
      )}

      {stepIndex === 3 && report && (
        <section aria-label="Rapport d’import">
          <Alert
            className="fr-mb-3w"
            severity="success"
            title={importedText(kind, report.written)}
            description={notImportedText(report.lines.filter((l) => l.status !== 'ok').length)}
          />
          <LinesTable lines={report.lines.filter((l) => l.status !== 'ok')} caption="Lignes non importées" />
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left fr-mt-3w">
            <li>
              <Button iconId="fr-icon-arrow-right-line" iconPosition="right" linkProps={{ to: target.listPath }}>
                {target.listLabel}
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                iconId="fr-icon-download-line"
                onClick={() => downloadFile(reportName('rapport'), reportCsv(report.lines), CSV_MIME_TYPE)}
              >
                Télécharger le rapport (CSV)
              </Button>
            </li>
            <li>
              <Button priority="tertiary" iconId="fr-icon-upload-line" onClick={restart}>
                Importer un autre fichier
              </Button>
            </li>
          </ul>
        </section>
      )}
    </div>
  );
}

function notImportedText(count: number): string {
  if (count === 0) return 'Toutes les lignes du fichier ont été importées.';
  return `${counted(count, 'ligne')} du fichier n’${verb(count, 'a', 'ont')} pas été ${agree('importé', 'f', count)} : le détail est ci-dessous et dans le rapport à télécharger.`;
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

function FileStep({
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

function ColumnsStep({
  kind,
  file,
  mapping,
  onAssign,
  busy,
  onCheck,
  onRestart,
}: {
  kind: ImportKind;
  file: LoadedFile;
  mapping: ColumnMapping;
  onAssign: (field: string, header: string | undefined) => void;
  busy: boolean;
  onCheck: () => void;
  onRestart: () => void;
}) {
  const { parsed } = file;
  const errors = mappingErrors(kind, mapping);
  const ignored = ignoredHeaders(parsed.headers, mapping);
  const sample = parsed.rows[0];
  return (
    <section aria-label="Correspondance des colonnes">
      <p>
        <strong>{file.name}</strong> : {counted(parsed.rows.length, 'ligne')} de données, {counted(parsed.headers.length, 'colonne')}, encodage{' '}
        {encodingLabels[parsed.encoding]}, séparateur {delimiterLabels[parsed.delimiter]}.
        {parsed.lineErrors.length > 0 &&
          ` ${counted(parsed.lineErrors.length, 'ligne illisible', 'lignes illisibles')} (${agree('signalé', 'f', parsed.lineErrors.length)} dans le rapport).`}
      </p>
      <p>
        Vérifiez pour chaque information la colonne du fichier qui la contient. Les colonnes reconnues sont déjà choisies ; les informations suivies d’un
        astérisque (*) sont obligatoires.
      </p>
      {errors.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          title="Colonnes obligatoires à choisir"
          description={
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      <SimpleTable
        caption="Correspondance entre les informations et les colonnes du fichier"
        headers={['Information', 'Colonne du fichier', 'Format attendu', sample ? `Exemple (ligne ${sample.line})` : 'Exemple']}
      >
        {fieldsOf(kind).map((f) => {
          const header = mapping[f.field];
          const id = `colonne-${f.field}`;
          return (
            <tr key={f.field}>
              <td>
                <label htmlFor={id}>
                  {f.label}
                  {f.required ? ' *' : ''}
                </label>
              </td>
              <td>
                <select
                  id={id}
                  className="fr-select app-column-select"
                  value={header ?? ''}
                  onChange={(event) => onAssign(f.field, event.target.value || undefined)}
                >
                  <option value="">— Aucune colonne —</option>
                  {parsed.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </td>
              <td>{formatHints[f.type]}</td>
              <td>{header && sample ? sample.values[header] : ''}</td>
            </tr>
          );
        })}
      </SimpleTable>
      {ignored.length > 0 && <p className="fr-text--sm">Colonnes du fichier non importées : {ignored.map((h) => `« ${h} »`).join(', ')}.</p>}
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
        <li>
          <Button iconId="fr-icon-search-line" disabled={errors.length > 0 || busy} onClick={onCheck}>
            Vérifier les lignes
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-arrow-left-line" disabled={busy} onClick={onRestart}>
            Choisir un autre fichier
          </Button>
        </li>
      </ul>
    </section>
  );
}

function Counts({ ok, lines, okLabel }: { ok: number; lines: readonly ImportLine[]; okLabel: (count: number) => string }) {
  const refused = lines.filter((l) => l.status === 'refused').length;
  const blocking = lines.filter((l) => l.status === 'blocking').length;
  return (
    <ul className="app-counts">
      <li>
        <strong>{formatNumber(ok)}</strong> {okLabel(ok)}
      </li>
      <li>
        <strong>{formatNumber(refused)}</strong> {agree('refusé', 'f', refused)}
      </li>
      {blocking > 0 && (
        <li>
          <strong>{formatNumber(blocking)}</strong> bloquant l’import
        </li>
      )}
    </ul>
  );
}

interface ReasonRow {
  id: string;
  line: number;
  label: string;
  status: ImportLine['status'];
  reason: string;
}

/** One row per reason, so that each reason is read in full (cells are one line) and can be sorted and searched. */
function reasonRows(lines: readonly ImportLine[]): ReasonRow[] {
  return lines.flatMap((l) =>
    (l.reasons.length > 0 ? l.reasons : ['']).map((reason, i): ReasonRow => ({
      id: `${l.line}-${l.status}-${i}`,
      line: l.line,
      label: l.label,
      status: l.status,
      reason,
    })),
  );
}

const reasonColumns: DataColumn<ReasonRow>[] = [
  { id: 'line', header: 'Ligne', accessor: (r) => r.line, align: 'right', width: '5rem' },
  { id: 'label', header: 'Libellé', accessor: (r) => r.label, width: '28%' },
  { id: 'status', header: 'Résultat', accessor: (r) => statusLabels[r.status], filter: 'select', width: '10rem' },
  { id: 'reason', header: 'Motif', accessor: (r) => r.reason, wrap: true },
];

function LinesTable({ lines, caption }: { lines: readonly ImportLine[]; caption: string }) {
  const rows = useMemo(() => reasonRows(lines), [lines]);
  if (lines.length === 0) return null;
  return (
    <>
      <h2 className="fr-h5">{caption}</h2>
      <DataTable
        caption={caption}
        columns={reasonColumns}
        data={rows}
        getRowId={(r) => r.id}
        csvFileName="lignes-non-importees.csv"
        initialSort={{ id: 'line' }}
        height="auto"
        maxHeight="30rem"
      />
    </>
  );
}
