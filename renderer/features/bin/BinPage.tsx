import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { counted } from '../../../shared/format/agreement.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { BIN_DAYS, binContents, deleteFromBin, describeCounts, emptyBin, restoreFromBin, type BinEntry } from '../../../shared/repos/bin.ts';
import { entities } from '../../../shared/schemas/entities.ts';
import { useRepo } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useAction } from '../../ui/useAction.ts';

export const binPath = '/corbeille';

/** `corbeille`: what was deleted in the last 30 days, to restore whole or delete for good. */
export function BinPage() {
  const ctx = useRepo();
  const entries = useLiveQuery(() => binContents(ctx), [ctx]);
  const { failure, notice, run } = useAction();

  const columns = useMemo(
    (): DataColumn<BinEntry>[] => [
      { id: 'label', header: 'Élément supprimé', accessor: (e) => e.label, wrap: true },
      { id: 'kind', header: 'Nature', accessor: (e) => entities[e.entity].label, filter: 'select' },
      { id: 'with', header: 'Avec', accessor: (e) => describeCounts({ ...e.counts, [e.entity]: (e.counts[e.entity] ?? 1) - 1 }), wrap: true },
      {
        id: 'binnedAt',
        header: 'Supprimé le',
        accessor: (e) => e.binnedAt.slice(0, 10),
        cell: (e) => formatDateTime(e.binnedAt),
        filter: 'date',
        width: '10rem',
      },
      { id: 'by', header: 'Par', accessor: (e) => e.by, wrap: true },
      { id: 'expiresOn', header: 'Suppression définitive le', accessor: (e) => e.expiresOn, width: '9rem' },
      {
        id: 'actions',
        header: 'Actions',
        accessor: () => '',
        csv: false,
        wrap: true,
        width: '18rem',
        cell: (e) => (
          <div className="app-cell-actions" role="group" aria-label={`Actions sur « ${e.label} »`}>
            <Button
              size="small"
              iconId="fr-icon-arrow-go-back-line"
              onClick={() => run(() => restoreFromBin(ctx, e.entity, e.id), { success: `Restauration effectuée : « ${e.label} ».` })}
              nativeButtonProps={{ 'aria-label': `Restaurer « ${e.label} »` }}
            >
              Restaurer
            </Button>
            <ConfirmButton
              size="small"
              priority="tertiary no outline"
              title={`Supprimer définitivement « ${e.label} » ?`}
              confirmLabel="Supprimer définitivement"
              onConfirm={() => run(() => deleteFromBin(ctx, e.entity, e.id), { success: `Suppression définitive effectuée : « ${e.label} ».` })}
              description={<p>{e.label} et ce qui a été supprimé avec seront supprimés définitivement : ils ne pourront plus être restaurés.</p>}
            >
              Supprimer définitivement
            </ConfirmButton>
          </div>
        ),
      },
    ],
    [ctx, run],
  );

  if (!entries) return <Loading />;
  return (
    <Page
      title="Corbeille"
      actions={
        entries.length > 0 && (
          <ConfirmButton
            title="Vider la corbeille ?"
            confirmLabel="Vider la corbeille"
            onConfirm={() => run(() => emptyBin(ctx), { success: 'La corbeille a été vidée.' })}
            description={
              <p>
                Tout ce que contient la corbeille ({counted(entries.length, 'suppression')}) sera supprimé définitivement : plus aucune restauration ne sera
                possible.
              </p>
            }
          >
            Vider la corbeille
          </ConfirmButton>
        )
      }
    >
      <p>
        Ce qui est supprimé reste ici {BIN_DAYS} jours, avec ce qui en dépend, puis est supprimé définitivement. Une restauration remet l’ensemble en place, sur
        ce poste comme sur les autres postes du service et au siège.
      </p>
      {failure && <Alert className="fr-mb-3w" severity="error" title="Opération refusée" description={failure} role="alert" />}
      {notice && <Alert className="fr-mb-3w" severity="success" small description={notice} role="status" />}
      {entries.length === 0 ? (
        <EmptyState title="La corbeille est vide">Les personnes, mesures, structures, postes, séances ou partenaires supprimés apparaîtront ici.</EmptyState>
      ) : (
        <DataTable
          caption="Éléments dans la corbeille"
          data={entries}
          columns={columns}
          getRowId={(e) => e.id}
          csvFileName="corbeille.csv"
          height="auto"
          maxHeight="70vh"
          initialSort={{ id: 'binnedAt', desc: true }}
        />
      )}
    </Page>
  );
}
