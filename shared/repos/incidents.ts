import type { RepoContext } from './context.ts';
import { today } from '../util.ts';
import { keepFixed, liveRecord, measureHeldHere, parseFields, refuse } from './guards.ts';
import { writeTransaction, type Writer } from './writer.ts';
import type { Incident, IncidentInput } from '../schemas/incident.ts';

/** What a user enters: the person is the measure's. */
export type IncidentCreateInput = Omit<IncidentInput, 'personId'>;

async function checkIncident(
  w: Writer,
  fields: { measureId: string; placementId?: string | undefined; date: string; reportedToJapOn?: string | undefined },
): Promise<void> {
  if (fields.placementId) {
    const placement = await liveRecord(w, 'placement', fields.placementId);
    if (placement.measureId !== fields.measureId) refuse('Cette mise en situation relève d’une autre mesure', 'placementId');
  }
  const now = today(w);
  if (fields.date > now) refuse('Un incident ne peut être daté dans le futur', 'date');
  if (fields.reportedToJapOn !== undefined) {
    if (fields.reportedToJapOn < fields.date) refuse('Le signalement au JAP ne peut précéder l’incident', 'reportedToJapOn');
    if (fields.reportedToJapOn > now) refuse('Le signalement au JAP ne peut être daté dans le futur', 'reportedToJapOn');
  }
}

export async function createIncidentIn(w: Writer, input: IncidentCreateInput): Promise<Incident> {
  const measure = await measureHeldHere(w, input.measureId);
  const data: IncidentInput = { ...input, personId: measure.personId };
  await checkIncident(w, parseFields('incident', data));
  return w.insert('incident', data);
}

export async function updateIncidentIn(w: Writer, id: string, patch: Partial<IncidentCreateInput>): Promise<Incident> {
  const existing = await liveRecord(w, 'incident', id);
  await measureHeldHere(w, existing.measureId);
  keepFixed(existing, patch, ['measureId', 'personId'], 'Un incident reste attaché à sa mesure.');
  await checkIncident(w, parseFields('incident', { ...existing, ...patch }));
  return w.update('incident', id, patch);
}

/** An incident entered by mistake; nothing depends on it. */
export async function removeIncidentIn(w: Writer, id: string): Promise<void> {
  await measureHeldHere(w, (await liveRecord(w, 'incident', id)).measureId);
  await w.remove('incident', id);
}

export const createIncident = (ctx: RepoContext, input: IncidentCreateInput) => writeTransaction(ctx, (w) => createIncidentIn(w, input));
export const updateIncident = (ctx: RepoContext, id: string, patch: Partial<IncidentCreateInput>) =>
  writeTransaction(ctx, (w) => updateIncidentIn(w, id, patch));
export const removeIncident = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeIncidentIn(w, id));
/** The incident report went to the JAP on `on`. */
export const reportIncidentToJap = (ctx: RepoContext, id: string, on: string) => writeTransaction(ctx, (w) => updateIncidentIn(w, id, { reportedToJapOn: on }));
