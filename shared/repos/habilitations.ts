import type { RepoContext } from './context.ts';
import { today } from '../util.ts';
import { keepFixed, liveRecord, parseFields, refuse } from './guards.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { isHabilitationRequired } from '../rules/habilitation.ts';
import type { Habilitation, HabilitationInput } from '../schemas/habilitation.ts';

const FUTURE_DECISION = 'La date de la décision d’habilitation ne peut être dans le futur';

export async function createHabilitationIn(w: Writer, input: HabilitationInput): Promise<Habilitation> {
  const fields = parseFields('habilitation', input);
  if (fields.decisionDate > today(w)) refuse(FUTURE_DECISION, 'decisionDate');
  const organisation = await liveRecord(w, 'organisation', fields.organisationId);
  if (!isHabilitationRequired(organisation.kind)) {
    refuse(`« ${organisation.name} » est une personne morale de droit public : elle accueille des TIG sans habilitation.`, 'organisationId');
  }
  return w.insert('habilitation', input);
}

export async function updateHabilitationIn(w: Writer, id: string, patch: Partial<HabilitationInput>): Promise<Habilitation> {
  const existing = await liveRecord(w, 'habilitation', id);
  keepFixed(existing, patch, ['organisationId'], 'Une habilitation reste attachée à sa structure : créez-en une autre.');
  if (patch.decisionDate !== undefined && patch.decisionDate > today(w)) refuse(FUTURE_DECISION, 'decisionDate');
  return w.update('habilitation', id, patch);
}

/**
 * A habilitation entered by mistake. Placements made under it stay: their habilitation was checked on their
 * start date.
 */
export async function removeHabilitationIn(w: Writer, id: string): Promise<void> {
  await liveRecord(w, 'habilitation', id);
  await w.remove('habilitation', id);
}

export const createHabilitation = (ctx: RepoContext, input: HabilitationInput) => writeTransaction(ctx, (w) => createHabilitationIn(w, input));
export const updateHabilitation = (ctx: RepoContext, id: string, patch: Partial<HabilitationInput>) =>
  writeTransaction(ctx, (w) => updateHabilitationIn(w, id, patch));
export const removeHabilitation = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeHabilitationIn(w, id));

/** The habilitation is withdrawn from `on`: no new placement starting that day or later. */
export const withdrawHabilitation = (ctx: RepoContext, id: string, on: string) =>
  writeTransaction(ctx, (w) => updateHabilitationIn(w, id, { withdrawnOn: on }));
