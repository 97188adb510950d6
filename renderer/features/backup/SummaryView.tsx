import type { BackupSummary } from '../../../shared/backup/payload.ts';
import { formatNumber } from '../../../shared/format/fr.ts';
import { entities } from '../../../shared/schemas/entities.ts';

const labelOfTable = new Map<string, string>(Object.values(entities).map((e) => [e.table, e.label]));

/** What a backup holds, as a person counts it: live records of each kind, then the history of changes. */
export function summaryLines(summary: BackupSummary): string[] {
  const lines = Object.entries(summary.live)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${labelOfTable.get(table) ?? table} : ${formatNumber(n)}`)
    .sort((a, b) => a.localeCompare(b, 'fr'));
  lines.push(`Modifications dans l’historique : ${formatNumber(summary.counts.changes ?? 0)}`);
  return lines;
}

export function SummaryView({ summary }: { summary: BackupSummary }) {
  return (
    <ul className="app-backup-summary">
      {summaryLines(summary).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
