import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useMemo } from 'react';
import type { ConflictRow } from '../../../shared/bridge/syncSchemas.ts';
import { formatDateTime, formatNumber } from '../../../shared/format/fr.ts';
import { getBridge } from '../../bridge/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { conflictKindLabel, conflictValue, entityLabel } from './model.ts';
import { useNodeQuery } from './useNodeQuery.ts';

type Row = ConflictRow & { key: string; siteCodes: Map<string, string> };

const site = (codes: Map<string, string>, siteId: string) => codes.get(siteId) ?? siteId.slice(0, 8);

const columns: DataColumn<Row>[] = [
  { id: 'recordedAt', header: 'Relevé le', accessor: (c) => c.recordedAt, cell: (c) => formatDateTime(c.recordedAt), width: '13%' },
  { id: 'entity', header: 'Entité', accessor: (c) => entityLabel(c.entity), filter: 'select', width: '12%' },
  { id: 'record', header: 'Enregistrement', accessor: (c) => c.recordId.slice(0, 13), width: '11%' },
  { id: 'field', header: 'Champ', accessor: (c) => c.field, filter: 'select', width: '10%' },
  { id: 'kept', header: 'Valeur gardée', accessor: (c) => `${conflictValue(c.kept.value)} (${site(c.siteCodes, c.kept.siteId)})`, width: '18%' },
  { id: 'lost', header: 'Valeur écartée', accessor: (c) => `${conflictValue(c.lost.value)} (${site(c.siteCodes, c.lost.siteId)})`, width: '18%' },
  { id: 'kind', header: 'Nature', accessor: (c) => conflictKindLabel(c.kind), filter: 'select' },
];

/** Values that lost a merge against another site or device: review data, never in the central export. */
export function ConflictsPanel({ version }: { version: number }) {
  const conflicts = useNodeQuery(() => getBridge().hqConflicts({}), String(version));
  const sites = useNodeQuery(() => getBridge().hqSites({}), String(version));
  const rows = useMemo(() => {
    const codes = new Map((sites.data?.sites ?? []).map((s) => [s.siteId, s.code]));
    return (conflicts.data?.conflicts ?? []).map((c, i) => ({ ...c, key: String(i), siteCodes: codes }));
  }, [conflicts.data, sites.data]);
  const total = conflicts.data?.total ?? 0;
  return (
    <section aria-labelledby="hq-conflicts-title">
      <h2 id="hq-conflicts-title" className="fr-h4">
        Conflits
      </h2>
      <p>
        Quand deux sites ou deux postes modifient le même champ, la modification la plus récente l’emporte ; l’autre est gardée ici pour vérification. Rien
        n’est effacé sans trace.
      </p>
      {conflicts.error && <Alert severity="error" small description={conflicts.error} />}
      {total > rows.length && <p>{`Les ${formatNumber(rows.length)} plus récents sur ${formatNumber(total)}.`}</p>}
      <DataTable
        caption="Conflits de fusion"
        columns={columns}
        data={rows}
        getRowId={(c) => c.key}
        csvFileName="conflits.csv"
        emptyMessage="Aucun conflit."
        height="50vh"
      />
    </section>
  );
}
