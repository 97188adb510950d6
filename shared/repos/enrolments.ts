import { openMeasureStatuses, tigMeasureKinds } from '../rules/sessions.ts';
import { placeHoldingStatuses, type Enrolment, type EnrolmentInput } from '../schemas/enrolment.ts';
import { measureStatusLabels } from '../schemas/measure.ts';
import type { RepoContext } from './context.ts';
import { keepFixed, liveRecord, refuse } from './guards.ts';
import { assertLocallyOwned } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { counted, noun } from '../format/agreement.ts';

export type NewEnrolment = Omit<EnrolmentInput, 'status'> & { status?: EnrolmentInput['status'] };

/**
 * The rules an enrolment obeys whatever wrote it: one enrolment per person and session, the programme's
 * places, and in a TIG pédagogique session a TIG measure of the same person, still open to hours.
 */
async function checkRules(w: Writer, enrolment: Enrolment, before?: Enrolment): Promise<void> {
  const session = await liveRecord(w, 'session', enrolment.sessionId);
  const programme = await liveRecord(w, 'programme', session.programmeId);
  await liveRecord(w, 'person', enrolment.personId);
  const others = (await w.table('enrolment').where('sessionId').equals(session.id).toArray()).filter((e) => !e.deleted && e.id !== enrolment.id);
  if (others.some((e) => e.personId === enrolment.personId)) refuse('Cette personne est déjà inscrite à cette séance.', 'personId');
  const holdsPlace = placeHoldingStatuses.includes(enrolment.status);
  const heldBefore = before !== undefined && placeHoldingStatuses.includes(before.status);
  if (holdsPlace && !heldBefore && others.filter((e) => placeHoldingStatuses.includes(e.status)).length >= programme.places) {
    refuse(`La séance est complète : ${counted(programme.places, 'place')}, ${noun(programme.places, 'déjà prise', 'toutes prises')}.`, 'sessionId');
  }
  if (programme.kind !== 'tig_pedagogique') {
    if (enrolment.measureId !== undefined) refuse('Seules les séances de TIG pédagogique se rattachent à une mesure : retirez la mesure.', 'measureId');
    return;
  }
  if (enrolment.measureId === undefined) {
    refuse('Une inscription en TIG pédagogique se rattache à la mesure de TIG de la personne, sur laquelle ses heures comptent.', 'measureId');
  }
  if (before?.measureId === enrolment.measureId) return;
  const measure = await liveRecord(w, 'measure', enrolment.measureId);
  if (measure.personId !== enrolment.personId) refuse('La mesure choisie concerne une autre personne.', 'measureId');
  if (!tigMeasureKinds.includes(measure.kind))
    refuse('Les heures de TIG pédagogique comptent sur une mesure de TIG (peine ou sursis probatoire avec TIG).', 'measureId');
  if (!openMeasureStatuses.includes(measure.status))
    refuse(`La mesure est « ${measureStatusLabels[measure.status]} » : aucune heure ne peut plus y être portée.`, 'measureId');
}

async function attendedCount(w: Writer, enrolmentId: string): Promise<number> {
  return w
    .table('attendance')
    .where('enrolmentId')
    .equals(enrolmentId)
    .filter((a) => !a.deleted)
    .count();
}

export async function enrolIn(w: Writer, input: NewEnrolment): Promise<Enrolment> {
  const enrolment = await w.insert('enrolment', { ...input, status: input.status ?? 'inscrit' });
  await checkRules(w, enrolment);
  return enrolment;
}

/**
 * Status and measure may change; session and person may not (unenrol and enrol instead). The measure stays
 * once attendance is recorded, since its hours already count on it.
 */
export async function updateEnrolmentIn(w: Writer, id: string, patch: Partial<EnrolmentInput>): Promise<Enrolment> {
  const existing = await liveRecord(w, 'enrolment', id);
  assertLocallyOwned(w, existing, 'enrolment');
  keepFixed(existing, patch, ['sessionId', 'personId'], 'Une inscription ne change ni de séance ni de personne : désinscrivez puis inscrivez.');
  const updated = await w.update('enrolment', id, patch);
  if (updated.measureId !== existing.measureId && (await attendedCount(w, id)) > 0) {
    refuse('Des présences sont saisies : leurs heures comptent déjà sur la mesure, qui ne peut plus changer.', 'measureId');
  }
  await checkRules(w, updated, existing);
  return updated;
}

/** Unenrol; refused once attendance is recorded (set the status to abandon instead). */
export async function removeEnrolmentIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'enrolment', id);
  assertLocallyOwned(w, existing, 'enrolment');
  if ((await attendedCount(w, id)) > 0) refuse('Des présences sont saisies pour cette inscription : indiquez plutôt un abandon ou une exclusion.');
  await w.remove('enrolment', id);
}

export const enrol = (ctx: RepoContext, input: NewEnrolment) => writeTransaction(ctx, (w) => enrolIn(w, input));
export const updateEnrolment = (ctx: RepoContext, id: string, patch: Partial<EnrolmentInput>) => writeTransaction(ctx, (w) => updateEnrolmentIn(w, id, patch));
export const removeEnrolment = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeEnrolmentIn(w, id));

/** Live enrolments of a session. */
export async function listEnrolments(ctx: RepoContext, sessionId: string): Promise<Enrolment[]> {
  const rows = await ctx.db.enrolments.where('sessionId').equals(sessionId).toArray();
  return rows.filter((e) => !e.deleted);
}

/** Live enrolments of a person, in every session. */
export async function enrolmentsOfPerson(ctx: RepoContext, personId: string): Promise<Enrolment[]> {
  const rows = await ctx.db.enrolments.where('personId').equals(personId).toArray();
  return rows.filter((e) => !e.deleted);
}
