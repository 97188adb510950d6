import { openMeasureStatuses, tigMeasureKinds } from '../rules/sessions.ts';
import { placeHoldingStatuses, type Enrolment, type EnrolmentInput } from '../schemas/enrolment.ts';
import { measureStatusLabels } from '../schemas/measure.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from './errors.ts';
import { assertLocallyOwned, requireLive } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';

export type NewEnrolment = Omit<EnrolmentInput, 'status'> & { status?: EnrolmentInput['status'] };

async function liveEnrolments(w: Writer, sessionId: string): Promise<Enrolment[]> {
  return w.table('enrolment').where('sessionId').equals(sessionId).filter((e) => !e.deleted).toArray();
}

/**
 * The rules an enrolment obeys whatever wrote it: one enrolment per person and session, the programme's
 * places, and in a TIG pédagogique session a TIG measure of the same person, still open to hours.
 */
async function assertRules(w: Writer, enrolment: Enrolment, before?: Enrolment): Promise<void> {
  const session = await requireLive(w, 'session', enrolment.sessionId);
  const programme = await requireLive(w, 'programme', session.programmeId);
  await requireLive(w, 'person', enrolment.personId);
  const others = (await liveEnrolments(w, session.id)).filter((e) => e.id !== enrolment.id);
  if (others.some((e) => e.personId === enrolment.personId)) {
    throw new RepoError('Cette personne est déjà inscrite à cette séance.', [{ path: 'personId', message: 'Déjà inscrite' }]);
  }
  const holdsPlace = placeHoldingStatuses.includes(enrolment.status);
  const heldBefore = before !== undefined && placeHoldingStatuses.includes(before.status);
  if (holdsPlace && !heldBefore) {
    const taken = others.filter((e) => placeHoldingStatuses.includes(e.status)).length;
    if (taken >= programme.places) {
      throw new RepoError(`La séance est complète : ${programme.places} place(s), toutes prises.`, [{ path: 'sessionId', message: 'Séance complète' }]);
    }
  }
  if (programme.kind !== 'tig_pedagogique') {
    if (enrolment.measureId !== undefined) {
      throw new RepoError('Seules les séances de TIG pédagogique se rattachent à une mesure : retirez la mesure.', [
        { path: 'measureId', message: 'Pas de mesure pour ce programme' },
      ]);
    }
    return;
  }
  if (enrolment.measureId === undefined) {
    throw new RepoError('Une inscription en TIG pédagogique se rattache à la mesure de TIG de la personne, sur laquelle ses heures comptent.', [
      { path: 'measureId', message: 'Mesure de TIG : champ obligatoire' },
    ]);
  }
  if (before?.measureId === enrolment.measureId) return;
  const measure = await requireLive(w, 'measure', enrolment.measureId);
  if (measure.personId !== enrolment.personId) {
    throw new RepoError('La mesure choisie concerne une autre personne.', [{ path: 'measureId', message: 'Mesure d’une autre personne' }]);
  }
  if (!tigMeasureKinds.includes(measure.kind)) {
    throw new RepoError('Les heures de TIG pédagogique comptent sur une mesure de TIG (peine ou sursis probatoire avec TIG).', [
      { path: 'measureId', message: 'Mesure de TIG attendue' },
    ]);
  }
  if (!openMeasureStatuses.includes(measure.status)) {
    throw new RepoError(`La mesure est « ${measureStatusLabels[measure.status]} » : aucune heure ne peut plus y être portée.`, [
      { path: 'measureId', message: 'Mesure close ou suspendue' },
    ]);
  }
}

async function attendedCount(w: Writer, enrolmentId: string): Promise<number> {
  return w.table('attendance').where('enrolmentId').equals(enrolmentId).filter((a) => !a.deleted).count();
}

/** Writer-level enrolment, for callers that write several records at once (demo data). */
export async function insertEnrolment(w: Writer, input: NewEnrolment): Promise<Enrolment> {
  const enrolment = await w.insert('enrolment', { ...input, status: input.status ?? 'inscrit' });
  await assertRules(w, enrolment);
  return enrolment;
}

export function enrol(ctx: RepoContext, input: NewEnrolment): Promise<Enrolment> {
  return writeTransaction(ctx, (w) => insertEnrolment(w, input));
}

/**
 * Status and measure may change; session and person may not (unenrol and enrol instead). The measure stays
 * once attendance is recorded, since its hours already count on it.
 */
export function updateEnrolment(ctx: RepoContext, id: string, patch: Partial<EnrolmentInput>): Promise<Enrolment> {
  return writeTransaction(ctx, async (w) => {
    const existing = await requireLive(w, 'enrolment', id);
    assertLocallyOwned(w, existing, 'enrolment');
    if ((patch.sessionId ?? existing.sessionId) !== existing.sessionId || (patch.personId ?? existing.personId) !== existing.personId) {
      throw new RepoError('Une inscription ne change ni de séance ni de personne : désinscrivez puis inscrivez.');
    }
    const updated = await w.update('enrolment', id, patch);
    if (updated.measureId !== existing.measureId && (await attendedCount(w, id)) > 0) {
      throw new RepoError('Des présences sont saisies : leurs heures comptent déjà sur la mesure, qui ne peut plus changer.', [
        { path: 'measureId', message: 'Mesure figée' },
      ]);
    }
    await assertRules(w, updated, existing);
    return updated;
  });
}

/** Unenrol; refused once attendance is recorded (set the status to abandon instead). */
export function removeEnrolment(ctx: RepoContext, id: string): Promise<void> {
  return writeTransaction(ctx, async (w) => {
    const existing = await requireLive(w, 'enrolment', id);
    assertLocallyOwned(w, existing, 'enrolment');
    if ((await attendedCount(w, id)) > 0) {
      throw new RepoError('Des présences sont saisies pour cette inscription : indiquez plutôt un abandon ou une exclusion.');
    }
    await w.remove('enrolment', id);
  });
}

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
