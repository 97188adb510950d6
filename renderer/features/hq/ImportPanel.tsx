import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useEffect, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import type { BridgeRequest, BridgeResponse } from '../../../shared/bridge/contract.ts';
import type { FileImportResultDto } from '../../../shared/bridge/syncSchemas.ts';
import { formatNumber } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { getBridge } from '../../bridge/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { fileToPayload, FolderChooser, useSync } from '../sync/index.ts';
import { importStatusLabels, importSummary, needsReenrolment } from './model.ts';
import { counted, verb } from '../../../shared/format/agreement.ts';

type Source = BridgeRequest<'hqImport'>['source'];
type Row = FileImportResultDto & { key: string };

/** Why a file was refused, and what went wrong beside it (its quarantine copy, its site's acknowledgement). */
const reasonOf = (r: Row) => [r.reason, ...(r.notes ?? [])].filter(Boolean).join(' ');

const columns: DataColumn<Row>[] = [
  { id: 'file', header: 'Fichier', accessor: (r) => r.file, width: '20%' },
  { id: 'status', header: 'Résultat', accessor: (r) => importStatusLabels[r.status], filter: 'select', width: '10%' },
  { id: 'site', header: 'Site', accessor: (r) => r.siteCode ?? '', filter: 'select', width: '10%' },
  { id: 'sequence', header: 'N°', accessor: (r) => r.sequence, width: '6%' },
  { id: 'records', header: 'Enregistrements', accessor: (r) => r.records, width: '10%' },
  { id: 'conflicts', header: 'Conflits', accessor: (r) => r.conflicts, width: '7%' },
  { id: 'reason', header: 'Motif', accessor: reasonOf, cell: (r) => <span title={reasonOf(r)}>{reasonOf(r)}</span> },
];

/** One transferred file or answer headquarters took, in words. */
export function relayedText(t: BridgeResponse<'hqImport'>['transfers'][number]): string {
  if (t.status === 'refused') return `${t.file} : refusé. ${t.reason ?? ''}`.trim();
  const what = t.kind === 'reponse' ? 'Réponse' : 'Dossier';
  const state = t.status === 'known' ? 'déjà reçu' : t.kind === 'reponse' ? 'relayée' : 'relayé';
  // The act moves the records to the site that received the file: an answer's sender, a file's addressee.
  const receiving = t.kind === 'reponse' ? t.fromCode : t.toCode;
  const moved =
    t.moved === undefined ? '' : ` ; transfert accepté, ${counted(t.moved, 'enregistrement')} ${verb(t.moved, 'passe', 'passent')} au site ${receiving}`;
  return `${what} de ${t.fromCode} pour ${t.toCode} : ${state}${moved}.`;
}

/** Import bundles off the main thread: the sync folder, another folder, or files; a bar follows each file. */
export function ImportPanel({ onImported, onReenrol }: { onImported: () => void; onReenrol: () => void }) {
  const sync = useSync();
  const [job, setJob] = useState<{ id: string; done: number; total: number }>();
  const [results, setResults] = useState<Row[]>();
  const [transfers, setTransfers] = useState<BridgeResponse<'hqImport'>['transfers']>([]);
  const [failure, setFailure] = useState<string>();
  const [files, setFiles] = useState<File[]>([]);

  useEffect(
    () =>
      getBridge().on('hqImportProgress', (progress) =>
        setJob((current) => (current && current.id === progress.jobId ? { ...current, done: progress.done, total: progress.total } : current)),
      ),
    [],
  );

  const run = async (source: () => Promise<Source>) => {
    setFailure(undefined);
    const id = uuidv7();
    setJob({ id, done: 0, total: 0 });
    try {
      const { results: answered, transfers: relayed } = await getBridge().hqImport({ jobId: id, source: await source() });
      setResults(answered.map((r, i) => ({ ...r, key: `${i}-${r.file}` })));
      setTransfers(relayed);
      sync.log(!answered.some((r) => r.status === 'refused'), `Import de ${counted(answered.length, 'lot')} : ${importSummary(answered)}.`);
      onImported();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setJob(undefined);
      void sync.refreshHq();
    }
  };

  const busy = job !== undefined;
  return (
    <section aria-labelledby="hq-import-title">
      <h2 id="hq-import-title" className="fr-h4">
        Importer des lots
      </h2>
      <p>
        Chaque lot est vérifié (signature, clé du site, horloges, contenu) puis fusionné ; un lot refusé ne change rien et part en quarantaine avec un rapport.
        Importer deux fois le même lot ne change rien.
      </p>
      <div className="fr-mb-2w">
        <Button disabled={busy || !sync.folder.folder} onClick={() => void run(async () => ({ kind: 'syncFolder' }))}>
          Importer le dossier de synchronisation
        </Button>
      </div>
      <FolderChooser
        label="Importer les lots d’un autre dossier"
        buttonLabel="Importer ce dossier"
        disabled={busy}
        onChoose={(path) => run(async () => ({ kind: 'folder', path }))}
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => ({ kind: 'files', files: await Promise.all(files.map(fileToPayload)) }));
        }}
      >
        <Upload
          label="Importer des fichiers de lots"
          hint="Fichiers .passerelle, et les dossiers transférés .passerelle-transfert à relayer (plusieurs à la fois possible)"
          multiple
          nativeInputProps={{ accept: '.passerelle,.passerelle-transfert', onChange: (e) => setFiles([...(e.target.files ?? [])]) }}
        />
        <Button className="fr-mt-2w" type="submit" priority="secondary" disabled={busy || files.length === 0}>
          Importer ces fichiers
        </Button>
      </form>
      {job && (
        <div className="fr-mt-3w">
          <label htmlFor="hq-import-progress">
            {job.total > 0 ? `Import en cours : ${counted(job.done, 'lot')} sur ${formatNumber(job.total)}` : 'Import en cours…'}
          </label>
          {job.total > 0 ? (
            <progress id="hq-import-progress" className="app-progress" value={job.done} max={job.total} />
          ) : (
            <progress id="hq-import-progress" className="app-progress" />
          )}
        </div>
      )}
      {failure && <Alert className="fr-mt-2w" severity="error" small description={failure} />}
      {transfers.length > 0 && (
        <div className="fr-mt-3w">
          <h3 className="fr-h6">Dossiers transférés entre sites (relayés sans être ouverts)</h3>
          <ul>
            {transfers.map((t) => (
              <li key={t.file}>{relayedText(t)}</li>
            ))}
          </ul>
        </div>
      )}
      {results && (
        <div className="fr-mt-3w">
          <h3 className="fr-h6">Rapport d’import : {importSummary(results)}</h3>
          {results.some(needsReenrolment) && (
            <Alert
              className="fr-mb-2w"
              severity="warning"
              small
              description={
                <>
                  Un site présente une autre clé que celle enregistrée (poste réinstallé ?). Après avoir vérifié son origine, vous pouvez{' '}
                  <button type="button" className="fr-link" onClick={onReenrol}>
                    le réinscrire depuis la quarantaine
                  </button>
                  .
                </>
              }
            />
          )}
          <DataTable caption="Rapport d’import" columns={columns} data={results} getRowId={(r) => r.key} csvFileName="rapport-import.csv" height="40vh" />
        </div>
      )}
    </section>
  );
}
