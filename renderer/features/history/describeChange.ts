import type { ChangeEntry } from '../../../shared/db/database.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format/fr.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { parseHlc } from '../../../shared/sync/hlc.ts';

const opLabels: Record<ChangeEntry['op'], string> = { create: 'Création', update: 'Modification', delete: 'Suppression' };

export interface ChangeLine {
  key: string;
  when: string;
  by: string;
  action: string;
  details: string[];
}

/** One line of a record's history, in French: when, who, what, and each field written with its value. */
export function describeChange(change: ChangeEntry): ChangeLine {
  const details = change.op === 'delete' ? [] : Object.entries(change.fields).map(([field, value]) => `${labelOf(change.entity, field)} : ${formatValue(value)}`);
  return {
    key: `${change.seq ?? change.clock}`,
    when: formatDateTime(parseHlc(change.clock).wall),
    by: change.by,
    action: opLabels[change.op],
    details,
  };
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(effacé)';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : `« ${value} »`;
  if (Array.isArray(value)) return value.length === 0 ? '(aucun)' : value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k} ${formatValue(v)}`)
      .join(' ; ');
  }
  return String(value);
}
