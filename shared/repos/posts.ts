import type { RepoContext } from './context.ts';
import { foldName } from '../format/text.ts';
import { groupBy, isLive, today } from '../util.ts';
import { keepFixed, liveRecord, parseFields, refuse } from './guards.ts';
import { tutorName } from './tutors.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { freePlacesDuring, holdsPlace, occupiedSpan, occupiedSpans, peakOverlap, type Span } from '../rules/capacity.ts';
import { isMinorOn } from '../rules/age.ts';
import { formatDate } from '../format/fr.ts';
import { habilitationEndsBefore, habilitationEndWarning, habilitationState, hostsPlacements, type HabilitationState } from '../rules/habilitation.ts';
import type { Organisation } from '../schemas/organisation.ts';
import type { Placement } from '../schemas/placement.ts';
import type { ActivityDomain, Post, PostInput } from '../schemas/post.ts';
import type { Tutor } from '../schemas/tutor.ts';

async function checkTutors(w: Writer, organisationId: string, tutorIds: readonly string[]): Promise<void> {
  if (new Set(tutorIds).size !== tutorIds.length) refuse('Un même tuteur est désigné deux fois', 'tutorIds');
  for (const id of tutorIds) {
    const tutor = await w.get('tutor', id);
    if (!tutor || tutor.deleted) refuse('Tuteur introuvable ou supprimé', 'tutorIds');
    if (tutor.organisationId !== organisationId) refuse(`${tutorName(tutor)} n’appartient pas à la structure du poste`, 'tutorIds');
  }
}

/** The days each placement of the post takes a place (see occupiedSpan), one placement set aside. */
export async function placesHeld(w: Writer, postId: string, exceptId?: string): Promise<Span[]> {
  const placements = await w.table('placement').where('postId').equals(postId).toArray();
  return occupiedSpans(placements.filter((p) => isLive(p) && p.id !== exceptId));
}

/** Minors work only on posts open to minors: the post stays open while a minor holds a place on it. */
async function refuseClosingToMinors(w: Writer, post: Post): Promise<void> {
  const placements = await w.table('placement').where('postId').equals(post.id).toArray();
  for (const p of placements) {
    if (!isLive(p) || !holdsPlace(p.status)) continue;
    const person = await w.get('person', p.personId);
    if (person && isMinorOn(person.birthDate, p.startDate)) {
      refuse(
        `${person.firstName} ${person.lastName.toUpperCase()}, qui avait moins de 18 ans au début de sa mise en situation le ${formatDate(p.startDate)}, occupe une place sur ce poste : il reste ouvert aux mineurs jusqu’à la fin de cette mise en situation.`,
        'openToMinors',
      );
    }
  }
}

export async function createPostIn(w: Writer, input: PostInput): Promise<Post> {
  const fields = parseFields('post', input);
  await liveRecord(w, 'organisation', fields.organisationId);
  await checkTutors(w, fields.organisationId, fields.tutorIds);
  return w.insert('post', input);
}

export async function updatePostIn(w: Writer, id: string, patch: Partial<PostInput>): Promise<Post> {
  const existing = await liveRecord(w, 'post', id);
  keepFixed(existing, patch, ['organisationId'], 'Un poste reste attaché à sa structure : créez-en un dans l’autre structure.');
  const fields = parseFields('post', { ...existing, ...patch });
  if (patch.tutorIds) await checkTutors(w, existing.organisationId, fields.tutorIds);
  if (existing.openToMinors && !fields.openToMinors) await refuseClosingToMinors(w, existing);
  if (fields.capacity < existing.capacity) {
    const held = await placesHeld(w, id);
    const from = today(w);
    const peak = peakOverlap(held, from, '9999-12-31');
    if (peak.count > fields.capacity) {
      refuse(
        `Capacité : ${peak.count} personnes seront placées ensemble le ${formatDate(peak.date)}, le poste ne peut descendre à ${fields.capacity}`,
        'capacity',
      );
    }
  }
  return w.update('post', id, patch);
}

/**
 * Refused once a placement used the post: the placement keeps pointing at it (sheets, history, annual
 * review), so the post is deactivated instead.
 */
export async function removePostIn(w: Writer, id: string): Promise<void> {
  const post = await liveRecord(w, 'post', id);
  const used = (await w.table('placement').where('postId').equals(id).toArray()).some(isLive);
  if (used) refuse(`Le poste « ${post.title} » a servi à des mises en situation : désactivez-le plutôt que de le supprimer.`);
  await w.remove('post', id);
}

export const createPost = (ctx: RepoContext, input: PostInput) => writeTransaction(ctx, (w) => createPostIn(w, input));
export const updatePost = (ctx: RepoContext, id: string, patch: Partial<PostInput>) => writeTransaction(ctx, (w) => updatePostIn(w, id, patch));
export const removePost = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removePostIn(w, id));

export interface PostRow extends Post {
  organisationName: string;
  organisationHabilitation: HabilitationState;
  tutorNames: string[];
  /** Places free on every day from `on` to `until` (just `on` when no `until`). */
  freePlaces: number;
}

export interface PostSearch {
  domain?: ActivityDomain;
  departement?: string;
  /** Matched on the commune code when given, else on the commune name (case and accents ignored). */
  communeCode?: string;
  communeName?: string;
  openToMinors?: boolean;
  accessiblePmr?: boolean;
  /** Only active posts (true by default in a search). */
  activeOnly?: boolean;
  /** Date the free places are counted on; today by default. */
  on?: string;
  /** With `on`, a period: free places on every day of it. */
  until?: string;
  /** Only posts with at least this many free places. */
  minFreePlaces?: number;
  /** Only posts whose host may take a placement on `on` (habilitated, or needing no habilitation). */
  habilitatedOnly?: boolean;
}

/** Every post with its organisation, tutors and free places on a date. */
export function listPosts(ctx: RepoContext, options: { on?: string; until?: string } = {}): Promise<PostRow[]> {
  return searchPosts(ctx, { ...options, activeOnly: false });
}

/**
 * The placements that may take a place on `on` or later: those holding one (status index) and those ended
 * on or after `on` (real end index), not the whole history.
 */
async function placementsOccupying(ctx: RepoContext, on: string): Promise<Placement[]> {
  const [holding, endedLater] = await Promise.all([
    ctx.db.placements.where('status').anyOf(['prevue', 'en_cours']).toArray(),
    ctx.db.placements.where('endedOn').aboveOrEqual(on).toArray(),
  ]);
  return [...holding, ...endedLater].filter(isLive);
}

/**
 * The post search: narrowed by the domain or département index, then filtered. Reads the posts, the
 * organisations, their habilitations and tutors, and only the placements holding a place (status index).
 */
export async function searchPosts(ctx: RepoContext, search: PostSearch = {}): Promise<PostRow[]> {
  const on = search.on ?? today(ctx);
  const until = search.until ?? on;
  const candidates = search.domain
    ? await ctx.db.posts.where('domain').equals(search.domain).toArray()
    : search.departement
      ? await ctx.db.posts.where('departement').equals(search.departement).toArray()
      : await ctx.db.posts.toArray();
  const communeName = search.communeName ? foldName(search.communeName) : undefined;
  const posts = candidates.filter(
    (p) =>
      isLive(p) &&
      (search.activeOnly === false || p.active) &&
      (!search.departement || p.departement === search.departement) &&
      (!search.communeCode || p.communeCode === search.communeCode) &&
      (!communeName || foldName(p.communeName) === communeName) &&
      (search.openToMinors === undefined || p.openToMinors === search.openToMinors) &&
      (search.accessiblePmr === undefined || p.accessiblePmr === search.accessiblePmr),
  );
  if (posts.length === 0) return [];
  const organisationIds = [...new Set(posts.map((p) => p.organisationId))];
  const tutorIds = [...new Set(posts.flatMap((p) => p.tutorIds))];
  const [organisations, habilitations, tutors, held] = await Promise.all([
    ctx.db.organisations.bulkGet(organisationIds),
    ctx.db.habilitations.where('organisationId').anyOf(organisationIds).toArray(),
    ctx.db.tutors.bulkGet(tutorIds),
    placementsOccupying(ctx, on),
  ]);
  const orgById = new Map(organisations.filter((o) => o !== undefined).map((o) => [o.id, o]));
  const habsByOrg = groupBy(habilitations.filter(isLive), (h) => h.organisationId);
  const tutorById = new Map(tutors.filter((t) => t !== undefined && isLive(t)).map((t) => [t!.id, t!]));
  const heldByPost = new Map<string, Span[]>();
  for (const p of held) {
    const span = occupiedSpan(p);
    if (span) heldByPost.set(p.postId, [...(heldByPost.get(p.postId) ?? []), span]);
  }
  const rows: PostRow[] = [];
  for (const p of posts) {
    const organisation = orgById.get(p.organisationId);
    if (!organisation || organisation.deleted) continue;
    const freePlaces = freePlacesDuring(p.capacity, heldByPost.get(p.id) ?? [], on, until);
    if (search.minFreePlaces !== undefined && freePlaces < search.minFreePlaces) continue;
    const habilitation = habilitationState(organisation.kind, habsByOrg.get(organisation.id) ?? [], on);
    if (search.habilitatedOnly && !hostsPlacements(habilitation)) continue;
    rows.push({
      ...p,
      organisationName: organisation.name,
      organisationHabilitation: habilitation,
      tutorNames: p.tutorIds.flatMap((id) => {
        const t = tutorById.get(id);
        return t ? [tutorName(t)] : [];
      }),
      freePlaces,
    });
  }
  return rows;
}

/**
 * The warning said when a placement on the post is saved for these dates while the host's habilitation ends
 * before the planned end; undefined when it does not.
 */
export async function habilitationWarning(ctx: RepoContext, postId: string, startDate: string, plannedEnd: string): Promise<string | undefined> {
  const post = await ctx.db.posts.get(postId);
  const organisation = post && (await ctx.db.organisations.get(post.organisationId));
  if (!organisation) return undefined;
  const habilitations = (await ctx.db.habilitations.where('organisationId').equals(organisation.id).toArray()).filter(isLive);
  const lastDay = habilitationEndsBefore(organisation.kind, habilitations, startDate, plannedEnd);
  return lastDay && habilitationEndWarning(organisation.name, lastDay);
}

export interface PostPlacementRow extends Placement {
  personName: string;
}

export interface PostDetail {
  post: Post;
  organisation: Organisation;
  organisationHabilitation: HabilitationState;
  /** The post's tutors, in the post's order. */
  tutors: Tutor[];
  /** Places free on `on` (today by default). */
  freePlaces: number;
  /** Every placement made on the post, latest start first. */
  placements: PostPlacementRow[];
}

/** The post page: the post, its organisation and tutors, its free places on a date, and its placements. */
export async function getPost(ctx: RepoContext, id: string, options: { on?: string } = {}): Promise<PostDetail | undefined> {
  const on = options.on ?? today(ctx);
  const post = await ctx.db.posts.get(id);
  if (!post || post.deleted) return undefined;
  const [organisation, habilitations, tutors, placements] = await Promise.all([
    ctx.db.organisations.get(post.organisationId),
    ctx.db.habilitations.where('organisationId').equals(post.organisationId).toArray(),
    ctx.db.tutors.bulkGet(post.tutorIds),
    ctx.db.placements.where('postId').equals(id).toArray(),
  ]);
  if (!organisation || organisation.deleted) return undefined;
  const live = placements.filter(isLive);
  const persons = await ctx.db.persons.bulkGet([...new Set(live.map((p) => p.personId))]);
  const personById = new Map(persons.filter((p) => p !== undefined).map((p) => [p.id, p]));
  return {
    post,
    organisation,
    organisationHabilitation: habilitationState(organisation.kind, habilitations.filter(isLive), on),
    tutors: tutors.filter((t): t is Tutor => t !== undefined && isLive(t)),
    freePlaces: freePlacesDuring(post.capacity, occupiedSpans(live), on, on),
    placements: live
      .map((p) => {
        const person = personById.get(p.personId);
        return { ...p, personName: person ? `${person.lastName.toUpperCase()} ${person.firstName}` : '' };
      })
      .sort((a, b) => (a.startDate < b.startDate ? 1 : -1)),
  };
}
