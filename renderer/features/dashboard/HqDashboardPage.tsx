import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { counted } from '../../../shared/format/agreement.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format/fr.ts';
import { LATE_AFTER_DAYS, type HqDashboardSite } from '../../../shared/review/hqDashboard.ts';
import { siteKindLabels } from '../../../shared/schemas/site.ts';
import { getBridge } from '../../bridge/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { consolidationPath, lagLabel, useNodeQuery } from '../hq/index.ts';
import { useSync } from '../sync/index.ts';
import { ChartFigure } from './Charts.tsx';
import { hoursByMonth, recordsByEntity, recordsByTerritory } from './chartData.ts';

const siteColumns: DataColumn<HqDashboardSite>[] = [
  { id: 'code', header: 'Code', accessor: (s) => s.code, width: '10%' },
  { id: 'name', header: 'Nom', accessor: (s) => s.name, width: '22%' },
  { id: 'kind', header: 'Type', accessor: (s) => siteKindLabels[s.kind], filter: 'select', width: '14%' },
  { id: 'region', header: 'Région', accessor: (s) => s.region, filter: 'select', width: '14%' },
  { id: 'disp', header: 'DISP', accessor: (s) => s.disp, filter: 'select', width: '14%' },
  {
    id: 'lastBundleAt',
    header: 'Dernier lot reçu',
    accessor: (s) => s.lastBundleAt ?? '',
    cell: (s) => (s.lastBundleAt ? formatDateTime(s.lastBundleAt) : '—'),
    width: '14%',
  },
  {
    id: 'lag',
    header: 'Retard',
    // Never heard of sorts as the longest silence.
    accessor: (s) => (s.lagDays === null ? Number.MAX_SAFE_INTEGER : s.lagDays),
    cell: (s) => (s.retired ? 'Remplacé' : <span className={s.late ? 'app-text-error' : undefined}>{lagLabel(s.lagDays ?? undefined)}</span>),
    csv: (s) => (s.retired ? 'Remplacé' : lagLabel(s.lagDays ?? undefined)),
    align: 'right',
  },
];

/** `/` at headquarters: the sites to chase, then what the consolidated store holds and the hours done. */
export function HqDashboardPage() {
  const { hq, refreshHq } = useSync();
  const board = useNodeQuery(() => getBridge().hqDashboard({}), hq?.ok ? `${hq.bundles}:${hq.sites}` : '');
  useEffect(() => {
    void refreshHq();
  }, [refreshHq]);
  const late = useMemo(() => (board.data?.sites ?? []).filter((s) => s.late), [board.data]);

  return (
    <Page title="Tableau de bord">
      {board.error && <Alert severity="error" title="Tableau de bord indisponible" description={board.error} />}
      {!board.error && board.data === undefined && <Loading what="Lecture de la base du siège" />}
      {board.data && (
        <>
          <p>Situation au {formatDate(board.data.on)}.</p>
          {board.data.sites.length === 0 ? (
            <EmptyState
              title="Aucun lot de site importé pour l’instant"
              action={
                <Link className="fr-btn" to={consolidationPath('import')}>
                  Importer des lots
                </Link>
              }
            >
              Les sites (SPIP, établissements) envoient leurs lots dans le dossier partagé ou par clé USB : importez-les dans « Consolidation », onglet « Import
              des lots ». Ce tableau de bord montrera alors les sites en retard, les enregistrements par territoire et les heures réalisées.
            </EmptyState>
          ) : (
            <>
              <dl className="app-definitions fr-mb-3w" data-testid="hq-dashboard-summary">
                <dt>Sites inscrits</dt>
                <dd>
                  <Link to={consolidationPath('sites')}>{formatNumber(board.data.sites.filter((s) => !s.retired).length)}</Link>
                </dd>
                <dt>Sites en retard (aucun lot depuis plus de {counted(LATE_AFTER_DAYS, 'jour')})</dt>
                <dd className={late.length > 0 ? 'app-text-error' : undefined}>{formatNumber(late.length)}</dd>
                <dt>Conflits à examiner</dt>
                <dd>{hq?.ok ? <Link to={consolidationPath('conflicts')}>{formatNumber(hq.conflicts)}</Link> : '—'}</dd>
                <dt>Lots en quarantaine</dt>
                <dd>{hq?.ok ? <Link to={consolidationPath('quarantine')}>{formatNumber(hq.quarantined)}</Link> : '—'}</dd>
              </dl>
              <h2 className="fr-h4">Sites, les plus en retard d’abord</h2>
              <DataTable
                caption="Sites et ancienneté de leur dernier lot"
                columns={siteColumns}
                data={board.data.sites}
                getRowId={(s) => s.siteId}
                csvFileName="sites-retard.csv"
                maxHeight="40vh"
              />
              <h2 className="fr-h4 fr-mt-5w">Activité consolidée</h2>
              <div className="app-dashboard-charts">
                <ChartFigure
                  id="regions"
                  title="Enregistrements par région"
                  series={recordsByTerritory(board.data.records, 'region')}
                  unit="Enregistrements"
                  layout="horizontal"
                />
                <ChartFigure
                  id="disp"
                  title="Enregistrements par DISP"
                  series={recordsByTerritory(board.data.records, 'disp')}
                  unit="Enregistrements"
                  layout="horizontal"
                />
                <ChartFigure
                  id="types"
                  title="Enregistrements par type"
                  series={recordsByEntity(board.data.records)}
                  unit="Enregistrements"
                  layout="horizontal"
                />
                <ChartFigure
                  id="heures"
                  title="Heures réalisées par mois (12 derniers mois)"
                  series={hoursByMonth(board.data)}
                  unit="Heures"
                  layout="vertical"
                />
              </div>
            </>
          )}
        </>
      )}
    </Page>
  );
}
