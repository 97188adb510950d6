import { placeHoldingStatuses } from '../schemas/enrolment.ts';
import type { Programme, ProgrammeInput, ProgrammeKind } from '../schemas/programme.ts';
import type { RepoContext } from './context.ts';
import { liveRecord, refuse } from './guards.ts';
import { assertLocallyOwned } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { counted } from '../format/agreement.ts';

export async function createProgrammeIn(w: Writer, input: ProgrammeInput): Promise<Programme> {
  if (input.partnerId) await liveRecord(w, 'partner', input.partnerId);
  return w.insert('programme', input);
}

async function liveSessionIds(w: Writer, programmeId: string): Promise<string[]> {
  const sessions = await w
    .table('session')
    .where('programmeId')
    .equals(programmeId)
    .filter((s) => !s.deleted)
    .toArray();
  return sessions.map((s) => s.id);
}

export async function updateProgrammeIn(w: Writer, id: string, patch: Partial<ProgrammeInput>): Promise<Programme> {
  const existing = await liveRecord(w, 'programme', id);
  assertLocallyOwned(w, existing, 'programme');
  if (patch.partnerId) await liveRecord(w, 'partner', patch.partnerId);
  const updated = await w.update('programme', id, patch);
  const sessionIds = await liveSessionIds(w, id);
  // The rules of a session (TIG pédagogique checks, hours on a measure) follow from the kind it was created under.
  if (updated.kind !== existing.kind && sessionIds.length > 0)
    refuse(`Ce programme a ${counted(sessionIds.length, 'séance')} : son type ne peut plus changer.`, 'kind');
  if (updated.places < existing.places) {
    for (const sessionId of sessionIds) {
      const holding = await w
        .table('enrolment')
        .where('sessionId')
        .equals(sessionId)
        .filter((e) => !e.deleted && placeHoldingStatuses.includes(e.status))
        .count();
      if (holding > updated.places)
        refuse(`Une séance compte déjà ${holding} inscrits : le programme ne peut pas descendre à ${updated.places} places.`, 'places');
    }
  }
  return updated;
}

/** Refused while it has sessions or monthly figures: they would belong to nothing. */
export async function removeProgrammeIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'programme', id);
  assertLocallyOwned(w, existing, 'programme');
  const sessions = (await liveSessionIds(w, id)).length;
  const figures = await w
    .table('workshopFigure')
    .where('programmeId')
    .equals(id)
    .filter((f) => !f.deleted)
    .count();
  if (sessions + figures > 0)
    refuse(`Ce programme a ${counted(sessions, 'séance')} et ${counted(figures, 'relevé mensuel', 'relevés mensuels')} : supprimez-les d’abord.`);
  await w.remove('programme', id);
}

export const createProgramme = (ctx: RepoContext, input: ProgrammeInput) => writeTransaction(ctx, (w) => createProgrammeIn(w, input));
export const updateProgramme = (ctx: RepoContext, id: string, patch: Partial<ProgrammeInput>) => writeTransaction(ctx, (w) => updateProgrammeIn(w, id, patch));
export const removeProgramme = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeProgrammeIn(w, id));

export async function getProgramme(ctx: RepoContext, id: string): Promise<Programme | undefined> {
  const programme = await ctx.db.programmes.get(id);
  return programme && !programme.deleted ? programme : undefined;
}

/** Live programmes by title; of one kind when given. */
export async function listProgrammes(ctx: RepoContext, filter: { kind?: ProgrammeKind } = {}): Promise<Programme[]> {
  const rows = filter.kind ? await ctx.db.programmes.where('kind').equals(filter.kind).toArray() : await ctx.db.programmes.toArray();
  return rows.filter((p) => !p.deleted).sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}
