import { formatDate, formatHours } from '../format/fr.ts';
import { tigPedagogiqueIssues } from '../rules/sessions.ts';
import type { Programme } from '../schemas/programme.ts';
import type { Session, SessionInput } from '../schemas/session.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from '../errors.ts';
import { liveRecord, refuse } from './guards.ts';
import { assertLocallyOwned } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { agree, counted } from '../format/agreement.ts';

function checkKindRules(programme: Programme, session: Session): void {
  if (programme.kind !== 'tig_pedagogique') return;
  const issues = tigPedagogiqueIssues(session);
  if (issues.length > 0) throw new RepoError(`Séance de TIG pédagogique refusée : ${issues.map((i) => i.message).join(' ; ')}.`, issues);
}

export async function createSessionIn(w: Writer, input: SessionInput): Promise<Session> {
  const programme = await liveRecord(w, 'programme', input.programmeId);
  assertLocallyOwned(w, programme, 'programme');
  const session = await w.insert('session', input);
  checkKindRules(programme, session);
  return session;
}

/**
 * Days and hours may change as long as the recorded attendance still fits: a day that has attendance stays,
 * and the hours of a day do not drop below hours already recorded.
 */
export async function updateSessionIn(w: Writer, id: string, patch: Partial<SessionInput>): Promise<Session> {
  const existing = await liveRecord(w, 'session', id);
  assertLocallyOwned(w, existing, 'session');
  if (patch.programmeId !== undefined && patch.programmeId !== existing.programmeId) {
    refuse('Une séance ne change pas de programme : créez-en une dans l’autre programme.', 'programmeId');
  }
  const programme = await liveRecord(w, 'programme', existing.programmeId);
  const updated = await w.update('session', id, patch);
  checkKindRules(programme, updated);
  const attendance = await w
    .table('attendance')
    .where('sessionId')
    .equals(id)
    .filter((a) => !a.deleted)
    .toArray();
  const orphan = attendance.find((a) => !updated.days.includes(a.date));
  if (orphan) refuse(`Des présences sont saisies le ${formatDate(orphan.date)} : ce jour reste dans la séance tant qu’elles existent.`, 'days');
  const most = Math.max(0, ...attendance.map((a) => a.hours));
  if (updated.hoursPerDay < most)
    refuse(`Des présences de ${formatHours(most)} sont saisies : les heures par jour ne peuvent pas descendre en dessous.`, 'hoursPerDay');
  return updated;
}

/** Removes the session and its enrolments; refused once attendance is recorded (hours may count on measures). */
export async function removeSessionIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'session', id);
  assertLocallyOwned(w, existing, 'session');
  const attended = await w
    .table('attendance')
    .where('sessionId')
    .equals(id)
    .filter((a) => !a.deleted)
    .count();
  if (attended > 0) refuse(`Cette séance a ${counted(attended, 'présence')} ${agree('saisi', 'f', attended)} : supprimez-les d’abord.`);
  const enrolments = await w
    .table('enrolment')
    .where('sessionId')
    .equals(id)
    .filter((e) => !e.deleted)
    .toArray();
  for (const enrolment of enrolments) await w.remove('enrolment', enrolment.id);
  await w.remove('session', id);
}

export const createSession = (ctx: RepoContext, input: SessionInput) => writeTransaction(ctx, (w) => createSessionIn(w, input));
export const updateSession = (ctx: RepoContext, id: string, patch: Partial<SessionInput>) => writeTransaction(ctx, (w) => updateSessionIn(w, id, patch));
export const removeSession = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeSessionIn(w, id));

export async function getSession(ctx: RepoContext, id: string): Promise<Session | undefined> {
  const session = await ctx.db.sessions.get(id);
  return session && !session.deleted ? session : undefined;
}

/** Live sessions, latest first; of one programme, or starting within a period, when given. */
export async function listSessions(ctx: RepoContext, filter: { programmeId?: string; from?: string; to?: string } = {}): Promise<Session[]> {
  const rows = filter.programmeId
    ? await ctx.db.sessions.where('programmeId').equals(filter.programmeId).toArray()
    : await ctx.db.sessions
        .where('startDate')
        .between(filter.from ?? '', filter.to ?? '\uffff', true, true)
        .toArray();
  return rows
    .filter((s) => !s.deleted && (filter.from === undefined || s.startDate >= filter.from) && (filter.to === undefined || s.startDate <= filter.to))
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
}
