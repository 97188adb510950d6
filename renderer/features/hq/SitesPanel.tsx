import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useMemo, useState } from 'react';
import type { BundleRow, HqSiteRow } from '../../../shared/bridge/syncSchemas.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { getBridge } from '../../bridge/index.ts';
import { useMinuteClock } from '../sync/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { countsText, lagDays, lagLabel } from './model.ts';
import { useNodeQuery } from './useNodeQuery.ts';

type SiteRow = HqSiteRow & { lag: number | undefined };

const shortKind: Record<HqSiteRow['kind'], string> = { spip: 'SPIP', etablissement: 'Établissement', pjj: 'PJJ', atigip: 'ATIGIP' };

const siteColumns: DataColumn<SiteRow>[] = [
  { id: 'code', header: 'Code', accessor: (s) => s.code, width: '9%' },
  { id: 'name', header: 'Nom', accessor: (s) => s.name, width: '20%' },
  { id: 'kind', header: 'Type', accessor: (s) => shortKind[s.kind], filter: 'select', width: '10%' },
  { id: 'departement', header: 'Dép.', accessor: (s) => s.departement, filter: 'select', width: '6%' },
  {
    id: 'lastBundleAt',
    header: 'Dernier lot reçu',
    accessor: (s) => s.lastBundleAt ?? '',
    cell: (s) => (s.lastBundleAt ? formatDateTime(s.lastBundleAt) : '—'),
    width: '16%',
  },
  { id: 'lastSequence', header: 'N°', accessor: (s) => s.lastSequence, width: '5%' },
  { id: 'lag', header: 'Retard', accessor: (s) => s.lag, cell: (s) => lagLabel(s.lag), width: '11%' },
  { id: 'bundleCount', header: 'Lots', accessor: (s) => s.bundleCount, width: '5%' },
  { id: 'workstations', header: 'Postes', accessor: (s) => Math.max(1, s.workstations.length), width: '6%' },
  { id: 'keyId', header: 'Clé', accessor: (s) => s.keyId, width: '10%' },
  { id: 'state', header: 'État', accessor: (s) => (s.retiredAt ? 'Remplacé' : 'Actif'), filter: 'select', width: '8%' },
];

type WorkstationRow = HqSiteRow['workstations'][number];

const workstationColumns: DataColumn<WorkstationRow>[] = [
  { id: 'name', header: 'Poste', accessor: (w) => w.name ?? w.deviceId, width: '30%' },
  { id: 'enrolledAt', header: 'Connu depuis', accessor: (w) => w.enrolledAt, cell: (w) => formatDateTime(w.enrolledAt), width: '20%' },
  {
    id: 'lastBundleAt',
    header: 'Dernier lot reçu',
    accessor: (w) => w.lastBundleAt ?? '',
    cell: (w) => (w.lastBundleAt ? formatDateTime(w.lastBundleAt) : '—'),
    width: '20%',
  },
  { id: 'keyId', header: 'Clé', accessor: (w) => w.keyId },
];

const bundleColumns: DataColumn<BundleRow>[] = [
  { id: 'sequence', header: 'N°', accessor: (b) => b.sequence, width: '6%' },
  { id: 'createdAt', header: 'Exporté le', accessor: (b) => b.createdAt, cell: (b) => formatDateTime(b.createdAt), width: '15%' },
  { id: 'importedAt', header: 'Importé le', accessor: (b) => b.importedAt, cell: (b) => formatDateTime(b.importedAt), width: '15%' },
  { id: 'fileName', header: 'Fichier', accessor: (b) => b.fileName, width: '18%' },
  { id: 'counts', header: 'Contenu (par entité)', accessor: (b) => countsText(b.counts) },
];

const keyColumns: DataColumn<{ id: string; siteCode: string | null; oldKeyId: string; newKeyId: string; changedAt: string; note: string }>[] = [
  { id: 'changedAt', header: 'Date', accessor: (k) => k.changedAt, cell: (k) => formatDateTime(k.changedAt), width: '16%' },
  { id: 'site', header: 'Site', accessor: (k) => k.siteCode ?? '', width: '10%' },
  { id: 'old', header: 'Ancienne clé', accessor: (k) => k.oldKeyId, width: '14%' },
  { id: 'new', header: 'Nouvelle clé', accessor: (k) => k.newKeyId, width: '14%' },
  { id: 'note', header: 'Motif', accessor: (k) => k.note },
];

/** Every site with its last bundle and lag; a site's bundles with what each brought; re-enrolments. */
export function SitesPanel({ version }: { version: number }) {
  const sites = useNodeQuery(() => getBridge().hqSites({}), String(version));
  const [selected, setSelected] = useState<SiteRow>();
  const bundles = useNodeQuery(
    () => (selected ? getBridge().hqBundles({ siteId: selected.siteId }) : Promise.resolve({ bundles: [] })),
    `${version}:${selected?.siteId ?? ''}`,
  );
  const now = useMinuteClock();
  const rows = useMemo(() => (sites.data?.sites ?? []).map((s) => ({ ...s, lag: lagDays(s, now) })), [sites.data, now]);
  // The store lists a site's bundles by sequence; the newest matters most.
  const newestFirst = useMemo(() => [...(bundles.data?.bundles ?? [])].reverse(), [bundles.data]);
  const keyRows = useMemo(() => (sites.data?.keyChanges ?? []).map((k, i) => ({ ...k, id: String(i) })), [sites.data]);

  return (
    <section aria-labelledby="hq-sites-title">
      <h2 id="hq-sites-title" className="fr-h4">
        Sites
      </h2>
      {sites.error && <Alert severity="error" small description={sites.error} />}
      <p>Choisissez un site pour voir ce que chacun de ses lots a apporté.</p>
      <DataTable
        caption="Sites inscrits"
        columns={siteColumns}
        data={rows}
        getRowId={(s) => s.siteId}
        csvFileName="sites.csv"
        onRowActivate={setSelected}
        emptyMessage="Aucun site n’a encore envoyé de lot."
        height="40vh"
      />
      {selected && (
        <div className="fr-mt-4w">
          <h3 className="fr-h6">
            Lots de {selected.code} ({selected.name})
          </h3>
          {selected.workstations.length > 0 && (
            <DataTable
              caption={`Postes de ${selected.code}`}
              columns={workstationColumns}
              data={selected.workstations}
              getRowId={(w) => w.deviceId}
              csvFileName={`postes-${selected.code}.csv`}
              height="20vh"
            />
          )}
          {bundles.error && <Alert severity="error" small description={bundles.error} />}
          <DataTable
            caption={`Lots de ${selected.code}`}
            columns={bundleColumns}
            data={newestFirst}
            getRowId={(b) => b.bundleId}
            csvFileName={`lots-${selected.code}.csv`}
            height="30vh"
          />
        </div>
      )}
      <div className="fr-mt-4w">
        <h3 className="fr-h6">Réinscriptions</h3>
        <DataTable
          caption="Historique des réinscriptions"
          columns={keyColumns}
          data={keyRows}
          getRowId={(k) => k.id}
          csvFileName="reinscriptions.csv"
          emptyMessage="Aucune réinscription."
          height="20vh"
        />
      </div>
    </section>
  );
}
