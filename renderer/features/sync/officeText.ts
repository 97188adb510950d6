import type { OfficeReport } from '../../../shared/bridge/officeCycle.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';
import { formatDateTime, formatNumber } from '../../../shared/format/fr.ts';

/** What an exchange with the office share means for the person, one journal line each; nothing when nothing happened. */
export function officeReportLines(report: OfficeReport): { ok: boolean; text: string }[] {
  const lines: { ok: boolean; text: string }[] = [];
  if (report.batches > 0) {
    const found = [
      report.conflicts > 0 ? counted(report.conflicts, 'conflit') : undefined,
      report.checks > 0 ? `${counted(report.checks, 'point')} à vérifier` : undefined,
    ].filter((part) => part !== undefined);
    lines.push({
      ok: true,
      text: `Bureau : ${counted(report.batches, 'lot')} des autres postes ${agree('appliqué', 'm', report.batches)} (${counted(report.rows, 'changement')})${found.length > 0 ? ` ; ${found.join(', ')}` : ''}.`,
    });
  }
  if (report.sent > 0)
    lines.push({ ok: true, text: `Bureau : ${counted(report.sent, 'changement')} de ce poste ${agree('envoyé', 'm', report.sent)} aux autres postes.` });
  if (report.snapshot) lines.push({ ok: true, text: 'Bureau : instantané du site écrit dans le partage (pour les postes qui rejoindront le site).' });
  for (const problem of report.problems) lines.push({ ok: false, text: `Bureau : ${problem}` });
  if (report.gap)
    lines.push({
      ok: false,
      text: 'Bureau : des fichiers dont ce poste a besoin ont déjà été retirés du partage (poste restauré d’une ancienne sauvegarde) ; ajoutez ce poste de nouveau depuis un autre poste du bureau.',
    });
  return lines;
}

/** A field's value as a conflict shows it: text as is, dates in French, yes/no, "(vide)" for nothing. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('/') : value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return JSON.stringify(value);
}

/** When a clock's write happened, in French (a hybrid logical clock starts with its ISO time). */
export function clockText(clock: string): string {
  return formatDateTime(clock.slice(0, 24));
}
