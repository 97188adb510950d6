import type { RepoContext } from './context.ts';
import { groupBy, isLive, today } from '../util.ts';
import { liveRecord, parseFields, refuse } from './guards.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { habilitationState, type HabilitationState } from '../rules/habilitation.ts';
import type { Habilitation } from '../schemas/habilitation.ts';
import type { Organisation, OrganisationInput } from '../schemas/organisation.ts';
import type { Post } from '../schemas/post.ts';
import type { Tutor } from '../schemas/tutor.ts';
import { counted } from '../format/agreement.ts';

async function checkSiretFree(w: Writer, siret: string | undefined, exceptId?: string): Promise<void> {
  if (!siret) return;
  const same = (await w.table('organisation').where('siret').equals(siret).toArray()).filter((o) => isLive(o) && o.id !== exceptId);
  if (same[0]) refuse(`Le SIRET ${siret} est déjà celui de la structure « ${same[0].name} »`, 'siret');
}

/** The agreement an organisation names is one that exists and has not been deleted. */
async function checkAgreement(w: Writer, agreementId: string | undefined): Promise<void> {
  if (agreementId === undefined) return;
  const agreement = await w.get('agreement', agreementId);
  if (!agreement || agreement.deleted)
    refuse('Accord de rattachement introuvable ou supprimé : choisissez un accord de la liste des partenariats', 'agreementId');
}

export async function createOrganisationIn(w: Writer, input: OrganisationInput): Promise<Organisation> {
  const fields = parseFields('organisation', input);
  await checkSiretFree(w, fields.siret);
  await checkAgreement(w, fields.agreementId);
  return w.insert('organisation', input);
}

export async function updateOrganisationIn(w: Writer, id: string, patch: Partial<OrganisationInput>): Promise<Organisation> {
  const existing = await liveRecord(w, 'organisation', id);
  const fields = parseFields('organisation', { ...existing, ...patch });
  if (fields.siret !== existing.siret) await checkSiretFree(w, fields.siret, id);
  if (fields.agreementId !== existing.agreementId) await checkAgreement(w, fields.agreementId);
  return w.update('organisation', id, patch);
}

/**
 * Refused while the organisation still has posts (they carry the placements' history: deactivate them or
 * delete them first). Its habilitations and tutors go with it: they mean nothing without it.
 */
export async function removeOrganisationIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'organisation', id);
  const posts = (await w.table('post').where('organisationId').equals(id).toArray()).filter(isLive);
  if (posts.length > 0) {
    refuse(`La structure « ${existing.name} » a encore ${counted(posts.length, 'poste')} : supprimez-les d’abord (ou gardez la structure).`);
  }
  for (const h of await w.table('habilitation').where('organisationId').equals(id).toArray()) if (isLive(h)) await w.remove('habilitation', h.id);
  for (const t of await w.table('tutor').where('organisationId').equals(id).toArray()) if (isLive(t)) await w.remove('tutor', t.id);
  await w.remove('organisation', id);
}

export const createOrganisation = (ctx: RepoContext, input: OrganisationInput) => writeTransaction(ctx, (w) => createOrganisationIn(w, input));
export const updateOrganisation = (ctx: RepoContext, id: string, patch: Partial<OrganisationInput>) =>
  writeTransaction(ctx, (w) => updateOrganisationIn(w, id, patch));
export const removeOrganisation = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeOrganisationIn(w, id));

export interface OrganisationRow extends Organisation {
  habilitation: HabilitationState;
  postCount: number;
  activePostCount: number;
  tutorCount: number;
}

/** Every organisation with its habilitation status on a date (today by default) and its counts. */
export async function listOrganisations(ctx: RepoContext, options: { on?: string } = {}): Promise<OrganisationRow[]> {
  const on = options.on ?? today(ctx);
  const [organisations, habilitations, posts, tutors] = await Promise.all([
    ctx.db.organisations.toArray(),
    ctx.db.habilitations.toArray(),
    ctx.db.posts.toArray(),
    ctx.db.tutors.toArray(),
  ]);
  const habsByOrg = groupBy(habilitations.filter(isLive), (h) => h.organisationId);
  const postsByOrg = groupBy(posts.filter(isLive), (p) => p.organisationId);
  const tutorsByOrg = groupBy(tutors.filter(isLive), (t) => t.organisationId);
  return organisations.filter(isLive).map((o) => {
    const orgPosts = postsByOrg.get(o.id) ?? [];
    return {
      ...o,
      habilitation: habilitationState(o.kind, habsByOrg.get(o.id) ?? [], on),
      postCount: orgPosts.length,
      activePostCount: orgPosts.filter((p) => p.active).length,
      tutorCount: tutorsByOrg.get(o.id)?.length ?? 0,
    };
  });
}

export interface OrganisationDetail {
  organisation: Organisation;
  habilitation: HabilitationState;
  habilitations: Habilitation[];
  tutors: Tutor[];
  posts: Post[];
}

export async function getOrganisation(ctx: RepoContext, id: string, options: { on?: string } = {}): Promise<OrganisationDetail | undefined> {
  const organisation = await ctx.db.organisations.get(id);
  if (!organisation || organisation.deleted) return undefined;
  const [habilitations, tutors, posts] = await Promise.all([
    ctx.db.habilitations.where('organisationId').equals(id).toArray(),
    ctx.db.tutors.where('organisationId').equals(id).toArray(),
    ctx.db.posts.where('organisationId').equals(id).toArray(),
  ]);
  const liveHabs = habilitations.filter(isLive).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return {
    organisation,
    habilitation: habilitationState(organisation.kind, liveHabs, options.on ?? today(ctx)),
    habilitations: liveHabs,
    tutors: tutors.filter(isLive),
    posts: posts.filter(isLive),
  };
}
