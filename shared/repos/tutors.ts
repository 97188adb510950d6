import type { RepoContext } from './context.ts';
import { isLive } from '../util.ts';
import { keepFixed, liveRecord, parseFields, refuse } from './guards.ts';
import { writeTransaction, type Writer } from './writer.ts';
import type { Tutor, TutorInput } from '../schemas/tutor.ts';

export async function createTutorIn(w: Writer, input: TutorInput): Promise<Tutor> {
  const fields = parseFields('tutor', input);
  await liveRecord(w, 'organisation', fields.organisationId);
  return w.insert('tutor', input);
}

export async function updateTutorIn(w: Writer, id: string, patch: Partial<TutorInput>): Promise<Tutor> {
  const existing = await liveRecord(w, 'tutor', id);
  keepFixed(existing, patch, ['organisationId'], 'Un tuteur reste attaché à sa structure : créez-le dans l’autre structure.');
  return w.update('tutor', id, patch);
}

/** Refused while a post names the tutor: the user chooses who replaces them on that post first. */
export async function removeTutorIn(w: Writer, id: string): Promise<void> {
  const tutor = await liveRecord(w, 'tutor', id);
  const post = (await w.table('post').where('tutorIds').equals(id).toArray()).find(isLive);
  if (post) refuse(`${tutorName(tutor)} est tuteur du poste « ${post.title} » : retirez-le de ce poste d’abord.`);
  await w.remove('tutor', id);
}

export const createTutor = (ctx: RepoContext, input: TutorInput) => writeTransaction(ctx, (w) => createTutorIn(w, input));
export const updateTutor = (ctx: RepoContext, id: string, patch: Partial<TutorInput>) => writeTransaction(ctx, (w) => updateTutorIn(w, id, patch));
export const removeTutor = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeTutorIn(w, id));

export function tutorName(t: Pick<Tutor, 'firstName' | 'lastName'>): string {
  return `${t.firstName} ${t.lastName}`;
}
