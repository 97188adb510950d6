import { formatHours } from '../format/fr.ts';
import { daysInMonth } from '../rules/sessions.ts';
import type { WorkshopFigure, WorkshopFigureInput } from '../schemas/workshopFigure.ts';
import type { RepoContext } from './context.ts';
import { today } from '../util.ts';
import { liveRecord, refuse } from './guards.ts';
import { assertLocallyOwned } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { counted } from '../format/agreement.ts';

/** A worker does at most 12 hours a day: the same daily bound as the TIG hour logs. */
const MAX_HOURS_PER_WORKER_DAY = 12;

/** One month of a production workshop: creates the month or replaces its figures. */
export async function saveWorkshopFiguresIn(w: Writer, input: WorkshopFigureInput): Promise<WorkshopFigure> {
  const programme = await liveRecord(w, 'programme', input.programmeId);
  assertLocallyOwned(w, programme, 'programme');
  if (programme.kind !== 'atelier_production') refuse('Les relevés mensuels concernent les ateliers de production.', 'programmeId');
  const existing = await w
    .table('workshopFigure')
    .where('[programmeId+month]')
    .equals([input.programmeId, input.month])
    .filter((f) => !f.deleted)
    .first();
  const saved = existing ? await w.update('workshopFigure', existing.id, input) : await w.insert('workshopFigure', input);
  if (saved.month > today(w).slice(0, 7)) refuse('Ce mois n’est pas encore commencé : son relevé se saisit ensuite.', 'month');
  if (saved.workers > programme.places)
    refuse(`L’atelier compte ${counted(programme.places, 'poste de travail', 'postes de travail')} : pas plus de travailleurs.`, 'workers');
  const ceiling = saved.workers * MAX_HOURS_PER_WORKER_DAY * daysInMonth(saved.month);
  if (saved.hoursWorked > ceiling)
    refuse(`Heures travaillées : ${formatHours(ceiling)} au plus pour ${counted(saved.workers, 'travailleur')} ce mois-ci.`, 'hoursWorked');
  return saved;
}

export async function removeWorkshopFiguresIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'workshopFigure', id);
  assertLocallyOwned(w, existing, 'workshopFigure');
  await w.remove('workshopFigure', id);
}

export const saveWorkshopFigures = (ctx: RepoContext, input: WorkshopFigureInput) => writeTransaction(ctx, (w) => saveWorkshopFiguresIn(w, input));
export const removeWorkshopFigures = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeWorkshopFiguresIn(w, id));

/** Live monthly figures of a workshop, oldest month first. */
export async function listWorkshopFigures(ctx: RepoContext, programmeId: string): Promise<WorkshopFigure[]> {
  const rows = await ctx.db.workshopFigures.where('programmeId').equals(programmeId).toArray();
  return rows.filter((f) => !f.deleted).sort((a, b) => a.month.localeCompare(b.month));
}
