import type { ConflictRow, FileImportResultDto, HqSiteRow } from '../../../shared/bridge/syncSchemas.ts';
import { formatNumber } from '../../../shared/format/fr.ts';
import { entities, isEntityName } from '../../../shared/schemas/entities.ts';
import { counted } from '../../../shared/format/agreement.ts';

export const importStatusLabels: Record<FileImportResultDto['status'], string> = {
  accepted: 'Accepté',
  known: 'Déjà connu',
  refused: 'Refusé',
};

/** "3 acceptés, 1 déjà connu, 2 refusés" for a report's summary line. */
export function importSummary(results: readonly FileImportResultDto[]): string {
  const count = (status: FileImportResultDto['status']) => results.filter((r) => r.status === status).length;
  const part = (n: number, singular: string, pluralForm: string) => `${formatNumber(n)} ${n > 1 ? pluralForm : singular}`;
  return [part(count('accepted'), 'accepté', 'acceptés'), part(count('known'), 'déjà connu', 'déjà connus'), part(count('refused'), 'refusé', 'refusés')].join(
    ', ',
  );
}

/** A refusal that re-enrolment can lift: the site's key changed, or its code now belongs to a new installation. */
export function needsReenrolment(result: FileImportResultDto): boolean {
  return result.status === 'refused' && /Clé de signature différente|appartient déjà à un autre site/.test(result.reason ?? '');
}

/** What a bundle brought, by entity, in French: "Mesure : 12 · Saisie d’heures : 340". */
export function countsText(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([entity, n]) => `${isEntityName(entity) ? entities[entity].label : entity} : ${formatNumber(n)}`);
  return parts.length > 0 ? parts.join(' · ') : 'aucun enregistrement';
}

/** How long since a site's last bundle reached headquarters, in days (the lag to watch). */
export function lagDays(site: Pick<HqSiteRow, 'lastBundleAt'>, now: number): number | undefined {
  if (!site.lastBundleAt) return undefined;
  return Math.max(0, Math.floor((now - Date.parse(site.lastBundleAt)) / 86_400_000));
}

export function lagLabel(days: number | undefined): string {
  if (days === undefined) return 'aucun lot';
  if (days === 0) return 'moins d’un jour';
  return counted(days, 'jour');
}

/** A stored value (canonical JSON) as a person reads it. */
export function conflictValue(value: string | null): string {
  if (value === null) return '(supprimé)';
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null) return '(vide)';
    return typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  } catch {
    return value;
  }
}

export function entityLabel(entity: string): string {
  return isEntityName(entity) ? entities[entity].label : entity;
}

export function conflictKindLabel(kind: ConflictRow['kind']): string {
  return kind === 'deletion' ? 'Modification écartée par une suppression' : 'Valeur écartée';
}
