import { useMemo } from 'react';
import { agree } from '../../../shared/format/agreement.ts';
import { formatNumber } from '../../../shared/format/fr.ts';
import type { ImportLine } from '../../../shared/repos/imports.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { statusLabels } from './importWizard.ts';

/** How many lines are ready or refused. */
export function Counts({ ok, lines, okLabel }: { ok: number; lines: readonly ImportLine[]; okLabel: (count: number) => string }) {
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

export function LinesTable({ lines, caption }: { lines: readonly ImportLine[]; caption: string }) {
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
