import { formatHours, todayIso } from '../format/fr.ts';
import { daysInMonth } from '../rules/sessions.ts';
import type { WorkshopFigure, WorkshopFigureInput } from '../schemas/workshopFigure.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from './errors.ts';
import { assertLocallyOwned, requireLive } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';

/** A worker does at most 12 hours a day: the same daily bound as the TIG hour logs. */
const MAX_HOURS_PER_WORKER_DAY = 12;

/** Writer-level save of one month of a production workshop: creates the month or replaces its figures. */
export async function writeWorkshopFigures(w: Writer, today: string, input: WorkshopFigureInput): Promise<WorkshopFigure> {
  const programme = await requireLive(w, 'programme', input.programmeId);
  assertLocallyOwned(w, programme, 'programme');
  if (programme.kind !== 'atelier_production') {
    throw new RepoError('Les relevés mensuels concernent les ateliers de production.', [{ path: 'programmeId', message: 'Atelier de production attendu' }]);
  }
  const existing = await w
    .table('workshopFigure')
    .where('[programmeId+month]')
    .equals([input.programmeId, input.month])
    .filter((f) => !f.deleted)
    .first();
  const saved = existing ? await w.update('workshopFigure', existing.id, input) : await w.insert('workshopFigure', input);
  if (saved.month > today.slice(0, 7)) {
    throw new RepoError('Ce mois n’est pas encore commencé : son relevé se saisit ensuite.', [{ path: 'month', message: 'Mois à venir' }]);
  }
  if (saved.workers > programme.places) {
    throw new RepoError(`L’atelier compte ${programme.places} poste(s) de travail : pas plus de travailleurs.`, [
      { path: 'workers', message: `Travailleurs : ${programme.places} au plus` },
    ]);
  }
  const ceiling = saved.workers * MAX_HOURS_PER_WORKER_DAY * daysInMonth(saved.month);
  if (saved.hoursWorked > ceiling) {
    throw new RepoError(`Heures travaillées : ${formatHours(ceiling)} au plus pour ${saved.workers} travailleur(s) ce mois-ci.`, [
      { path: 'hoursWorked', message: 'Trop d’heures pour l’effectif' },
    ]);
  }
  return saved;
}

export function saveWorkshopFigures(ctx: RepoContext, input: WorkshopFigureInput): Promise<WorkshopFigure> {
  return writeTransaction(ctx, (w) => writeWorkshopFigures(w, todayIso(ctx.clock.now()), input));
}

export function removeWorkshopFigures(ctx: RepoContext, id: string): Promise<void> {
  return writeTransaction(ctx, async (w) => {
    const existing = await requireLive(w, 'workshopFigure', id);
    assertLocallyOwned(w, existing, 'workshopFigure');
    await w.remove('workshopFigure', id);
  });
}

/** Live monthly figures of a workshop, oldest month first. */
export async function listWorkshopFigures(ctx: RepoContext, programmeId: string): Promise<WorkshopFigure[]> {
  const rows = await ctx.db.workshopFigures.where('programmeId').equals(programmeId).toArray();
  return rows.filter((f) => !f.deleted).sort((a, b) => a.month.localeCompare(b.month));
}
