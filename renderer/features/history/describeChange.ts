import type { ChangeEntry } from '../../../shared/db/rows.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format/fr.ts';
import type { EntityName } from '../../../shared/schemas/entities.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { valueLabel } from '../../../shared/schemas/valueLabels.ts';
import { parseHlc } from '../../../shared/db/hlc.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { deviceTag } from '../../../shared/sync/bundle.ts';

const opLabels: Record<ChangeEntry['op'], string> = { create: 'Création', update: 'Modification', delete: 'Suppression' };

export interface ChangeLine {
  key: string;
  when: string;
  by: string;
  /** The workstation the change was made on: its name in the office, else « poste » and its tag. */
  where: string;
  action: string;
  details: string[];
}

/**
 * One line of a record's history, in French: when, who, on which workstation (`workstations`: the office's names
 * by device id), what, and each field written with its value.
 */
export function describeChange(change: ChangeEntry, workstations: ReadonlyMap<string, string> = new Map()): ChangeLine {
  const details =
    change.op === 'delete'
      ? []
      : Object.entries(change.fields).map(([field, value]) => `${labelOf(change.entity, field)} : ${formatField(change.entity, field, value)}`);
  return {
    key: `${change.seq ?? change.clock}`,
    when: formatDateTime(parseHlc(change.clock).wall),
    by: change.by,
    where: workstations.get(change.deviceId) ?? `poste ${deviceTag(change.deviceId)}`,
    action: opLabels[change.op],
    details,
  };
}

/**
 * A field's value as a person reads it: coded values by their label, and links to other records as a
 * plain mention (their identifiers mean nothing to a reader; the linked record has its own page).
 */
export function formatField(entity: EntityName, field: string, value: unknown): string {
  if (/Ids?$/.test(field) && value !== null && value !== undefined)
    return Array.isArray(value) ? counted(value.length, 'fiche liée', 'fiches liées') : 'fiche liée';
  const coded = (v: unknown) => (typeof v === 'string' ? valueLabel(entity, field, v) : undefined);
  if (Array.isArray(value) && value.length > 0 && value.every((v) => coded(v) !== undefined)) return value.map((v) => coded(v)).join(', ');
  return coded(value) ?? formatValue(value);
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
