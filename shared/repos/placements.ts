import type { RepoContext } from './context.ts';
import { isLive, today } from '../util.ts';
import { keepFixed, liveRecord, measureHeldHere, parseFields, refuse } from './guards.ts';
import { measureDeadline, startMeasureIn, unstartMeasureIn } from './measures.ts';
import { placesHeld } from './posts.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { formatDate } from '../format/fr.ts';
import { minorPostError } from '../rules/age.ts';
import { capacityError, holdsPlace } from '../rules/capacity.ts';
import { habilitationError } from '../rules/habilitation.ts';
import { isEnded } from '../rules/measureStatus.ts';
import type { Measure } from '../schemas/measure.ts';
import type { Placement, PlacementInput } from '../schemas/placement.ts';

/** What a user enters; the person is the measure's, the status and the real end follow what happens. */
export type PlacementCreateInput = Omit<PlacementInput, 'personId' | 'status' | 'endedOn'>;

async function checkMeasureAllows(w: Writer, measure: Measure, startDate: string, plannedEnd: string): Promise<void> {
  if (isEnded(measure.status)) refuse(`La mesure a pris fin le ${formatDate(measure.endedOn)} : plus de mise en situation possible`, 'measureId');
  if (measure.status === 'suspendue') refuse('La mesure est suspendue : reprenez-la avant une nouvelle mise en situation', 'measureId');
  if (startDate < measure.periodStart)
    refuse(`La mise en situation ne peut commencer avant le début du délai d’exécution (${formatDate(measure.periodStart)})`, 'startDate');
  const { deadline } = measureDeadline(measure, today(w));
  if (plannedEnd > deadline) refuse(`La mise en situation doit finir au plus tard à l’échéance de la mesure (${formatDate(deadline)})`, 'plannedEnd');
}

/** Everything a post must offer on a period: active, a tutor, a habilitated host, a place every day, minors allowed. */
async function checkPostAllows(w: Writer, postId: string, personId: string, startDate: string, plannedEnd: string, exceptId?: string): Promise<void> {
  const post = await liveRecord(w, 'post', postId);
  if (!post.active) refuse(`Le poste « ${post.title} » est inactif`, 'postId');
  const tutors = await w.table('tutor').bulkGet(post.tutorIds);
  if (!tutors.some((t) => t && isLive(t))) refuse(`Le poste « ${post.title} » n’a pas de tuteur : désignez-en un avant d’y placer quelqu’un`, 'postId');
  const organisation = await liveRecord(w, 'organisation', post.organisationId);
  const habilitations = (await w.table('habilitation').where('organisationId').equals(organisation.id).toArray()).filter(isLive);
  const habilitation = habilitationError(organisation.name, organisation.kind, habilitations, startDate);
  if (habilitation) refuse(habilitation, 'startDate');
  const capacity = capacityError(post.capacity, await placesHeld(w, postId, exceptId), startDate, plannedEnd);
  if (capacity) refuse(capacity, 'postId');
  const person = await liveRecord(w, 'person', personId);
  const minor = minorPostError(person.birthDate, startDate, post.openToMinors);
  if (minor) refuse(minor, 'postId');
}

export async function createPlacementIn(w: Writer, input: PlacementCreateInput): Promise<Placement> {
  const measure = await liveRecord(w, 'measure', input.measureId);
  const data: PlacementInput = { ...input, personId: measure.personId, status: input.startDate > today(w) ? 'prevue' : 'en_cours' };
  const fields = parseFields('placement', data);
  await checkMeasureAllows(w, measure, fields.startDate, fields.plannedEnd);
  await checkPostAllows(w, fields.postId, fields.personId, fields.startDate, fields.plannedEnd);
  const placement = await w.insert('placement', data);
  await startMeasureIn(w, measure);
  return placement;
}

/** Dates and schedule only; a changed period is checked again like a new placement (this one set aside). */
export async function updatePlacementIn(w: Writer, id: string, patch: Partial<PlacementCreateInput>): Promise<Placement> {
  const existing = await liveRecord(w, 'placement', id);
  await measureHeldHere(w, existing.measureId);
  keepFixed(existing, patch, ['measureId', 'postId', 'personId'], 'Une mise en situation reste attachée à sa mesure et à son poste : créez-en une autre.');
  if ('status' in patch || 'endedOn' in patch)
    refuse('Le statut d’une mise en situation suit ses dates, ses heures et sa fin : il ne se modifie pas directement.', 'status');
  const fields = parseFields('placement', { ...existing, ...patch });
  if (fields.startDate !== existing.startDate || fields.plannedEnd !== existing.plannedEnd) {
    if (!holdsPlace(existing.status)) refuse('Cette mise en situation est finie : ses dates ne se modifient plus.', 'startDate');
    const outside = (await w.table('hourLog').where('placementId').equals(id).toArray()).find(
      (l) => isLive(l) && (l.date < fields.startDate || l.date > fields.plannedEnd),
    );
    if (outside) refuse(`Des heures sont saisies le ${formatDate(outside.date)}, en dehors des nouvelles dates`, 'startDate');
    if (holdsPlace(existing.status)) {
      const measure = await liveRecord(w, 'measure', existing.measureId);
      await checkMeasureAllows(w, measure, fields.startDate, fields.plannedEnd);
      await checkPostAllows(w, existing.postId, existing.personId, fields.startDate, fields.plannedEnd, id);
    }
  }
  return w.update('placement', id, patch);
}

/**
 * The placement ends early or as planned on `on`, its real last day: hours may be done on it, none after, and
 * its place is free from the next day. A day past the planned end is recorded as the planned end (no hours
 * could be done after it). One that has not begun is deleted instead.
 */
export async function endPlacementIn(w: Writer, id: string, on: string, status: 'terminee' | 'interrompue'): Promise<Placement> {
  const placement = await liveRecord(w, 'placement', id);
  await measureHeldHere(w, placement.measureId);
  if (!holdsPlace(placement.status)) refuse('Cette mise en situation est déjà finie');
  if (on > today(w)) refuse('La fin d’une mise en situation s’enregistre le jour où elle a lieu, pas avant', 'on');
  if (on < placement.startDate) {
    refuse(
      `La fin réelle ne peut précéder le début de la mise en situation (${formatDate(placement.startDate)}) : si elle n’a pas commencé, supprimez-la`,
      'on',
    );
  }
  const late = (await w.table('hourLog').where('placementId').equals(id).toArray()).find((l) => isLive(l) && l.date > on);
  if (late) refuse(`Des heures sont saisies le ${formatDate(late.date)}, après cette fin`, 'on');
  return w.update('placement', id, { status, endedOn: on < placement.plannedEnd ? on : placement.plannedEnd });
}

/**
 * Refused once hours or incidents are recorded on it: they are the measure's history. The measure's only
 * placement gone, without hours, it waits for a placement again.
 */
export async function removePlacementIn(w: Writer, id: string): Promise<void> {
  const placement = await liveRecord(w, 'placement', id);
  await measureHeldHere(w, placement.measureId);
  const hasHours = (await w.table('hourLog').where('placementId').equals(id).toArray()).some(isLive);
  const hasIncident = (await w.table('incident').where('placementId').equals(id).toArray()).some(isLive);
  if (hasHours || hasIncident) {
    refuse(`Des ${hasHours ? 'heures' : 'incidents'} sont enregistrés sur cette mise en situation : supprimez-les d’abord, ou terminez-la.`);
  }
  await w.remove('placement', id);
  await unstartMeasureIn(w, placement.measureId);
}

export const createPlacement = (ctx: RepoContext, input: PlacementCreateInput) => writeTransaction(ctx, (w) => createPlacementIn(w, input));
export const updatePlacement = (ctx: RepoContext, id: string, patch: Partial<PlacementCreateInput>) =>
  writeTransaction(ctx, (w) => updatePlacementIn(w, id, patch));
export const endPlacement = (ctx: RepoContext, id: string, on: string, status: 'terminee' | 'interrompue') =>
  writeTransaction(ctx, (w) => endPlacementIn(w, id, on, status));
export const removePlacement = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removePlacementIn(w, id));
