import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format/fr.ts';
import { referenceSummary } from '../../../shared/repos/reference.ts';
import { exportHistory, syncOverview, type ExportHistoryRow } from '../../../shared/repos/syncHistory.ts';
import { useRepo } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { Page } from '../../ui/Page.tsx';
import { downloadPayload } from './files.ts';
import { TargetActions } from './FolderChooser.tsx';
import { Journal } from './Journal.tsx';
import { Progress } from './Progress.tsx';
import { exportReadiness, syncStatusLine } from './runtime.ts';
import { useSync } from './SyncProvider.tsx';
import { useMinuteClock } from './useMinuteClock.ts';
import { counted } from '../../../shared/format/agreement.ts';

const destinationLabels: Record<ExportHistoryRow['destination'], string> = {
  syncFolder: 'Dossier de synchronisation',
  folder: 'Autre dossier (clé USB)',
  download: 'Téléchargement',
};

const historyColumns: DataColumn<ExportHistoryRow>[] = [
  { id: 'createdAt', header: 'Date', accessor: (r) => r.createdAt, cell: (r) => formatDateTime(r.createdAt), width: '16%' },
  { id: 'fileName', header: 'Fichier', accessor: (r) => r.fileName, width: '22%' },
  { id: 'changeCount', header: 'Changements', accessor: (r) => r.changeCount, cell: (r) => formatNumber(r.changeCount), width: '12%' },
  { id: 'destination', header: 'Destination', accessor: (r) => destinationLabels[r.destination], filter: 'select', width: '20%' },
  { id: 'folder', header: 'Dossier', accessor: (r) => r.folder ?? '', width: '18%' },
  { id: 'acknowledged', header: 'Accusé de réception', accessor: (r) => (r.acknowledged ? 'Reçu' : 'En attente'), filter: 'select', width: '12%' },
];

export function SyncPage() {
  const ctx = useRepo();
  const sync = useSync();
  const overview = useLiveQuery(() => syncOverview(ctx), [ctx]);
  const history = useLiveQuery(() => exportHistory(ctx), [ctx]);
  const reference = useLiveQuery(() => referenceSummary(ctx), [ctx]);
  const [chosen, setChosen] = useState<File[]>([]);
  const missing = exportReadiness(sync.status);
  const now = useMinuteClock();
  const line =
    overview &&
    syncStatusLine({ reachable: sync.folder.reachable, pending: overview.pending, lastAcknowledgedAt: overview.lastAcknowledgement?.appliedAt, now });

  return (
    <Page title="Synchronisation">
      <section className="fr-mb-4w" aria-labelledby="sync-state-title">
        <h2 id="sync-state-title" className="fr-h4">
          État
        </h2>
        <dl className="app-definitions">
          <dt>Synchronisation</dt>
          <dd data-testid="sync-state">{line?.label ?? '…'}</dd>
          <dt>Changements en attente d’accusé de réception</dt>
          <dd data-testid="sync-pending">{overview ? formatNumber(overview.pending) : '…'}</dd>
          <dt>Dossier de synchronisation</dt>
          <dd>
            {sync.folder.folder ? (
              <>
                <code>{sync.folder.folder}</code> — {sync.folder.reachable ? 'accessible' : 'injoignable'}
                {sync.folder.checkedAt && ` (vérifié le ${formatDateTime(sync.folder.checkedAt)})`}
              </>
            ) : (
              <>
                aucun : <Link to="/parametres">réglez-le dans Paramètres</Link>, ou exportez vers une clé USB
              </>
            )}
          </dd>
          <dt>Dernier accusé de réception</dt>
          <dd>
            {overview?.lastAcknowledgement
              ? `reçu le ${formatDateTime(overview.lastAcknowledgement.appliedAt)} (émis par le siège le ${formatDateTime(overview.lastAcknowledgement.issuedAt)})`
              : 'aucun pour l’instant'}
          </dd>
          <dt>Données de référence</dt>
          <dd>{reference ? `du ${formatDate(reference.issuedAt)}, appliquées le ${formatDateTime(reference.appliedAt)}` : 'aucune reçue pour l’instant'}</dd>
        </dl>
        <Button priority="tertiary" onClick={() => void sync.checkNow()}>
          Vérifier le dossier maintenant
        </Button>
      </section>

      <section className="fr-mb-4w" aria-labelledby="sync-export-title">
        <h2 id="sync-export-title" className="fr-h4">
          Envoyer les changements au siège
        </h2>
        <p>
          Chaque envoi contient tous les changements dont le siège n’a pas encore accusé réception : un envoi perdu est rattrapé par le suivant. Les personnes y
          figurent sous une clé pseudonyme, sans nom, date de naissance ni numéro de dossier.
        </p>
        {missing && <Alert className="fr-mb-2w" severity="warning" small description={missing} />}
        <TargetActions
          disabled={missing !== undefined || sync.exporting}
          labels={{ syncFolder: 'Exporter maintenant', download: 'Télécharger le lot', folder: 'Exporter vers un autre dossier (clé USB)' }}
          onTarget={async (target) => {
            const outcome = await sync.exportNow(target);
            if (outcome?.output.download) downloadPayload(outcome.output.download);
          }}
        />
        {sync.exporting && (
          <Progress label={`Préparation du lot en cours${overview ? ` : ${counted(overview.pending, 'changement')} à chiffrer et signer` : ''}…`} />
        )}
      </section>

      <section className="fr-mb-4w" aria-labelledby="sync-import-title">
        <h2 id="sync-import-title" className="fr-h4">
          Importer un fichier du siège
        </h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void (async () => {
              for (const file of chosen) await sync.importFile(file);
            })();
          }}
        >
          <Upload
            label="Accusé de réception ou données de référence"
            hint="Fichiers .passerelle-ack ou .passerelle-ref, apportés par exemple sur une clé USB"
            multiple
            nativeInputProps={{ accept: '.passerelle-ack,.passerelle-ref', onChange: (e) => setChosen([...(e.target.files ?? [])]) }}
          />
          <Button className="fr-mt-2w" type="submit" priority="secondary" disabled={chosen.length === 0}>
            Importer
          </Button>
        </form>
      </section>

      <Journal entries={sync.journal} />

      <section aria-labelledby="sync-history-title">
        <h2 id="sync-history-title" className="fr-h4">
          Historique des envois
        </h2>
        <DataTable
          caption="Historique des envois"
          columns={historyColumns}
          data={history ?? []}
          getRowId={(r) => r.id}
          csvFileName="envois.csv"
          emptyMessage="Aucun envoi pour l’instant."
          height="40vh"
        />
      </section>
    </Page>
  );
}
