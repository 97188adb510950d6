import { Dexie } from 'dexie';
import { isLive } from '../util.ts';
import { agree, counted, noun } from '../format/agreement.ts';
import { formatDate } from '../format/fr.ts';
import { capacityError, holdsPlace } from '../rules/capacity.ts';
import type { Binned } from '../schemas/common.ts';
import { entities, type EntityName, type EntityRecord } from '../schemas/entities.ts';
import { measureKindLabels } from '../schemas/measureKinds.ts';
import type { RepoContext } from './context.ts';
import { liveRecord, measureHeldHere, refuse } from './guards.ts';
import { countInTotals, logsOfMeasure } from './hourTotals.ts';
import { startMeasureIn, unstartMeasureIn } from './measures.ts';
import { assertLocallyOwned } from './ownership.ts';
import { placesHeld } from './posts.ts';
import { reader, readOnlyWriter, writeTransaction, type Reader, type Writer } from './writer.ts';

/*
 * The recycle bin. Deleting a person, measure, placement, organisation, post, session or partner moves it, with
 * what depends on it, into the bin: each record gets a `binned` field (when, by whom, and the record whose
 * deletion took it there), which travels like any field. Everything that lists, counts or checks rules reads
 * records through `isLive`, which leaves binned ones out. From the bin a deletion is restored whole; emptying the
 * bin, or 30 days, turns it into tombstones, final.
 */

export const binRoots = ['person', 'measure', 'placement', 'organisation', 'post', 'session', 'partner'] as const satisfies readonly EntityName[];
export type BinRoot = (typeof binRoots)[number];

/** Every entity a deletion may take to the bin (its `binned.root` is indexed). */
export const binnable = [
  'person',
  'measure',
  'placement',
  'hourLog',
  'incident',
  'organisation',
  'habilitation',
  'tutor',
  'post',
  'session',
  'enrolment',
  'attendance',
  'partner',
] as const satisfies readonly EntityName[];
type Binnable = (typeof binnable)[number];

/** Days a deletion stays restorable (product choice, from the issue: long enough to notice a mistake). */
export const BIN_DAYS = 30;

const plurals: Record<Binnable, [string, string]> = {
  person: ['personne', 'personnes'],
  measure: ['mesure', 'mesures'],
  placement: ['mise en situation', 'mises en situation'],
  hourLog: ['saisie d’heures', 'saisies d’heures'],
  incident: ['incident', 'incidents'],
  organisation: ['structure d’accueil', 'structures d’accueil'],
  habilitation: ['habilitation', 'habilitations'],
  tutor: ['tuteur', 'tuteurs'],
  post: ['poste de TIG', 'postes de TIG'],
  session: ['séance', 'séances'],
  enrolment: ['inscription', 'inscriptions'],
  attendance: ['présence', 'présences'],
  partner: ['partenaire', 'partenaires'],
};

interface BinItem {
  entity: Binnable;
  record: EntityRecord<Binnable>;
}

/** What one deletion holds, per entity, in the order the counts are said (the record deleted first). */
export type BinCounts = Partial<Record<Binnable, number>>;

/** "1 mesure, 2 mises en situation et 45 saisies d’heures". */
export function describeCounts(counts: BinCounts): string {
  const parts = binnable.filter((e) => (counts[e] ?? 0) > 0).map((e) => counted(counts[e]!, ...plurals[e]));
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

const live = async <E extends EntityName>(w: Writer, entity: E, index: string, value: string): Promise<EntityRecord<E>[]> =>
  ((await w.table(entity).where(index).equals(value).toArray()) as EntityRecord<E>[]).filter(isLive);

async function measureDependants(w: Writer, measureId: string): Promise<BinItem[]> {
  const enrolments = await live(w, 'enrolment', 'measureId', measureId);
  return [
    ...(await live(w, 'placement', 'measureId', measureId)).map((record) => ({ entity: 'placement' as const, record })),
    ...(await logsOfMeasure(w, measureId)).map((record) => ({ entity: 'hourLog' as const, record })),
    ...(await live(w, 'incident', 'measureId', measureId)).map((record) => ({ entity: 'incident' as const, record })),
    ...(await enrolmentsWithAttendance(w, enrolments)),
  ];
}

async function enrolmentsWithAttendance(w: Writer, enrolments: readonly EntityRecord<'enrolment'>[]): Promise<BinItem[]> {
  const items: BinItem[] = [];
  for (const enrolment of enrolments) {
    items.push({ entity: 'enrolment', record: enrolment });
    for (const record of await live(w, 'attendance', 'enrolmentId', enrolment.id)) items.push({ entity: 'attendance', record });
  }
  return items;
}

/**
 * What goes to the bin with each kind of record, and what refuses it. The refusals are those a deletion always
 * had: a placement keeps the history of its hours and incidents, a post the history of its placements, an
 * organisation its posts, a session its attendance, a partner the agreements and programmes that name it.
 */
const dependants: { [E in BinRoot]: (w: Writer, record: EntityRecord<E>) => Promise<BinItem[]> } = {
  async person(w, person) {
    const items: BinItem[] = [];
    for (const measure of await live(w, 'measure', 'personId', person.id)) {
      items.push({ entity: 'measure', record: measure }, ...(await measureDependants(w, measure.id)));
    }
    items.push(...(await enrolmentsWithAttendance(w, await live(w, 'enrolment', 'personId', person.id))));
    return items;
  },
  async measure(w, measure) {
    await measureHeldHere(w, measure.id);
    return measureDependants(w, measure.id);
  },
  async placement(w, placement) {
    await measureHeldHere(w, placement.measureId);
    const hasHours = (await w.table('hourLog').where('[placementId+date]').between([placement.id, Dexie.minKey], [placement.id, Dexie.maxKey]).toArray()).some(
      isLive,
    );
    const hasIncident = (await live(w, 'incident', 'placementId', placement.id)).length > 0;
    if (hasHours || hasIncident) {
      refuse(
        `Des ${hasHours ? 'heures sont enregistrées' : 'incidents sont enregistrés'} sur cette mise en situation : supprimez-les d’abord, ou terminez-la.`,
      );
    }
    return [];
  },
  async organisation(w, organisation) {
    const posts = await live(w, 'post', 'organisationId', organisation.id);
    if (posts.length > 0) {
      refuse(
        `La structure « ${organisation.name} » a encore ${counted(posts.length, 'poste')} : supprimez-${noun(posts.length, 'le', 'les')} d’abord (ou gardez la structure).`,
      );
    }
    return [
      ...(await live(w, 'habilitation', 'organisationId', organisation.id)).map((record) => ({ entity: 'habilitation' as const, record })),
      ...(await live(w, 'tutor', 'organisationId', organisation.id)).map((record) => ({ entity: 'tutor' as const, record })),
    ];
  },
  async post(w, post) {
    if ((await live(w, 'placement', 'postId', post.id)).length > 0) {
      refuse(`Le poste « ${post.title} » a servi à des mises en situation : désactivez-le plutôt que de le supprimer.`);
    }
    return [];
  },
  async session(w, session) {
    assertLocallyOwned(w, session, 'session');
    const attended = (await live(w, 'attendance', 'sessionId', session.id)).length;
    if (attended > 0)
      refuse(`Cette séance a ${counted(attended, 'présence')} ${agree('saisi', 'f', attended)} : supprimez-${noun(attended, 'la', 'les')} d’abord.`);
    return (await live(w, 'enrolment', 'sessionId', session.id)).map((record) => ({ entity: 'enrolment' as const, record }));
  },
  async partner(w, partner) {
    assertLocallyOwned(w, partner, 'partner');
    const agreements = (await live(w, 'agreement', 'partnerId', partner.id)).length;
    const programmes = (await live(w, 'programme', 'partnerId', partner.id)).length;
    if (agreements + programmes > 0) {
      refuse(
        `Ce partenaire est rattaché à ${counted(agreements, 'accord ou convention', 'accords ou conventions')} et ${counted(programmes, 'programme')} : retirez d’abord ces rattachements.`,
      );
    }
    return [];
  },
};

/** The record and everything that goes to the bin with it, each once, the record last; refused as a deletion is. */
async function binPlan(w: Writer, entity: BinRoot, id: string): Promise<BinItem[]> {
  const record = await liveRecord(w, entity, id);
  const items = [...(await (dependants[entity] as (w: Writer, r: EntityRecord<BinRoot>) => Promise<BinItem[]>)(w, record)), { entity, record }];
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.entity}:${item.record.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function countsOf(items: readonly { entity: Binnable }[]): BinCounts {
  const counts: BinCounts = {};
  for (const { entity } of items) counts[entity] = (counts[entity] ?? 0) + 1;
  return counts;
}

/** What deleting this record would take to the bin (read only), or the French reason it is refused. */
export async function binPreview(ctx: RepoContext, entity: BinRoot, id: string): Promise<{ counts: BinCounts } | { refused: string }> {
  try {
    return { counts: countsOf(await binPlan(await readOnlyWriter(ctx), entity, id)) };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

export async function moveToBinIn(w: Writer, entity: BinRoot, id: string): Promise<BinCounts> {
  const items = await binPlan(w, entity, id);
  const binned: Binned = { at: new Date(w.now()).toISOString(), root: id, by: w.author };
  for (const item of items.filter((i) => i.entity === 'hourLog')) {
    // One at a time: the days a measure counts depend on the other logs of the day still live.
    await countInTotals(w, item.record as EntityRecord<'hourLog'>, -1);
    await w.setBinned('hourLog', [item.record.id], binned);
  }
  for (const e of binnable.filter((e) => e !== 'hourLog')) {
    const ids = items.filter((i) => i.entity === e).map((i) => i.record.id);
    if (ids.length > 0) await w.setBinned(e, ids, binned);
  }
  if (entity === 'placement') await unstartMeasureIn(w, (items.at(-1)!.record as EntityRecord<'placement'>).measureId);
  return countsOf(items);
}

/** The records one deletion took to the bin (`root` is the record deleted), found through the `binned.root` index. */
async function binnedWith(w: Writer, root: string): Promise<BinItem[]> {
  const items: BinItem[] = [];
  for (const entity of binnable) {
    for (const record of await w.table(entity).where('binned.root').equals(root).toArray()) if (!record.deleted) items.push({ entity, record });
  }
  return items;
}

async function binnedRoot(w: Writer, entity: BinRoot, id: string): Promise<EntityRecord<BinRoot>> {
  const record = await w.get(entity, id);
  const binned = (record as { binned?: Binned } | undefined)?.binned;
  if (!record || record.deleted || binned?.root !== id)
    refuse(`${entities[entity].label} : absente de la corbeille (déjà restaurée, ou supprimée définitivement).`);
  return record;
}

/** The records a restored one points to: they must be live again first (restored, or never binned). */
const parents: { [E in BinRoot]: (r: EntityRecord<E>) => [Binnable, string][] } = {
  person: () => [],
  measure: (m) => [['person', m.personId]],
  placement: (p) => [
    ['measure', p.measureId],
    ['post', p.postId],
  ],
  organisation: () => [],
  post: (p) => [['organisation', p.organisationId]],
  session: () => [],
  partner: () => [],
};

export async function restoreFromBinIn(w: Writer, entity: BinRoot, id: string): Promise<BinCounts> {
  const root = await binnedRoot(w, entity, id);
  for (const [parent, parentId] of (parents[entity] as (r: EntityRecord<BinRoot>) => [Binnable, string][])(root)) {
    const record = await w.get(parent, parentId);
    if (!record || !isLive(record)) {
      refuse(`Restauration impossible : la fiche dont elle dépend (${entities[parent].label}) est dans la corbeille ou supprimée. Restaurez-la d’abord.`);
    }
  }
  if (entity === 'placement') {
    const placement = root as EntityRecord<'placement'>;
    if (holdsPlace(placement.status)) {
      const post = await liveRecord(w, 'post', placement.postId);
      const full = capacityError(post.capacity, await placesHeld(w, post.id, placement.id), placement.startDate, placement.plannedEnd);
      if (full) refuse(`${full} : la mise en situation ne peut pas revenir sur ce poste.`);
    }
  }
  const items = await binnedWith(w, id);
  for (const e of binnable.filter((e) => e !== 'hourLog')) {
    const ids = items.filter((i) => i.entity === e).map((i) => i.record.id);
    if (ids.length > 0) await w.setBinned(e, ids, undefined);
  }
  for (const item of items.filter((i) => i.entity === 'hourLog')) {
    await w.setBinned('hourLog', [item.record.id], undefined);
    await countInTotals(w, item.record as EntityRecord<'hourLog'>, 1);
  }
  if (entity === 'placement') await startMeasureIn(w, await liveRecord(w, 'measure', (root as EntityRecord<'placement'>).measureId));
  return countsOf(items);
}

/** Deleted for good: every record of the deletion becomes a tombstone (its hours already left the running sums). */
export async function deleteFromBinIn(w: Writer, entity: BinRoot, id: string): Promise<BinCounts> {
  await binnedRoot(w, entity, id);
  const items = await binnedWith(w, id);
  for (const e of binnable) {
    const ids = items.filter((i) => i.entity === e).map((i) => i.record.id);
    if (ids.length > 0) await w.removeMany(e, ids);
  }
  return countsOf(items);
}

/** One deletion in the bin, as the Corbeille lists it. */
export interface BinEntry {
  entity: BinRoot;
  id: string;
  label: string;
  binnedAt: string;
  by: string;
  /** The day it is deleted for good. */
  expiresOn: string;
  counts: BinCounts;
}

function expiry(binnedAt: string): string {
  return new Date(Date.parse(binnedAt) + BIN_DAYS * 86_400_000).toISOString().slice(0, 10);
}

async function labelOf(w: Reader, entity: BinRoot, record: EntityRecord<BinRoot>): Promise<string> {
  const personName = async (personId: string) => {
    const person = await w.get('person', personId);
    return person ? `${person.lastName.toUpperCase()} ${person.firstName}` : 'personne inconnue';
  };
  switch (entity) {
    case 'person':
      return personName(record.id);
    case 'measure': {
      const m = record as EntityRecord<'measure'>;
      return `${measureKindLabels[m.kind]} – ${await personName(m.personId)}`;
    }
    case 'placement': {
      const p = record as EntityRecord<'placement'>;
      return `Mise en situation de ${await personName(p.personId)} sur « ${(await w.get('post', p.postId))?.title ?? 'poste inconnu'} »`;
    }
    case 'session': {
      const s = record as EntityRecord<'session'>;
      return `Séance du ${formatDate(s.startDate)} – ${(await w.get('programme', s.programmeId))?.title ?? 'programme inconnu'}`;
    }
    case 'post':
      return (record as EntityRecord<'post'>).title;
    default:
      return (record as EntityRecord<'organisation' | 'partner'>).name;
  }
}

/**
 * The deletions in the bin, latest first. Reads only binned records (an index that holds no other). Its first read
 * is a Dexie query, not a native async call: the Corbeille's live query observes every read and follows restores.
 */
export async function binContents(ctx: RepoContext): Promise<BinEntry[]> {
  const w = reader(ctx);
  const entries: BinEntry[] = [];
  const all: BinItem[] = [];
  for (const entity of binnable) for (const record of await w.table(entity).orderBy('binned.root').toArray()) if (!record.deleted) all.push({ entity, record });
  const byRoot = new Map<string, BinItem[]>();
  for (const item of all) {
    const root = (item.record as { binned: Binned }).binned.root;
    byRoot.set(root, [...(byRoot.get(root) ?? []), item]);
  }
  for (const item of all) {
    if (!(binRoots as readonly string[]).includes(item.entity)) continue;
    const binned = (item.record as { binned: Binned }).binned;
    if (binned.root !== item.record.id) continue;
    const entity = item.entity as BinRoot;
    entries.push({
      entity,
      id: item.record.id,
      label: await labelOf(w, entity, item.record as EntityRecord<BinRoot>),
      binnedAt: binned.at,
      by: binned.by,
      expiresOn: expiry(binned.at),
      counts: countsOf(byRoot.get(item.record.id) ?? []),
    });
  }
  return entries.sort((a, b) => (a.binnedAt < b.binnedAt ? 1 : a.binnedAt > b.binnedAt ? -1 : 0));
}

/** Deletions older than 30 days are deleted for good (at start, and when the bin is read); returns how many. */
export async function expireBin(ctx: RepoContext): Promise<number> {
  const limit = new Date(ctx.clock.now() - BIN_DAYS * 86_400_000).toISOString();
  const expired = (await binContents(ctx)).filter((e) => e.binnedAt <= limit);
  if (expired.length === 0) return 0;
  await writeTransaction(ctx, async (w) => {
    for (const entry of expired) await deleteFromBinIn(w, entry.entity, entry.id);
  });
  return expired.length;
}

export const moveToBin = (ctx: RepoContext, entity: BinRoot, id: string) => writeTransaction(ctx, (w) => moveToBinIn(w, entity, id));
export const restoreFromBin = (ctx: RepoContext, entity: BinRoot, id: string) => writeTransaction(ctx, (w) => restoreFromBinIn(w, entity, id));
export const deleteFromBin = (ctx: RepoContext, entity: BinRoot, id: string) => writeTransaction(ctx, (w) => deleteFromBinIn(w, entity, id));

/** Everything in the bin deleted for good, in one transaction; returns how many deletions. */
export async function emptyBin(ctx: RepoContext): Promise<number> {
  const entries = await binContents(ctx);
  await writeTransaction(ctx, async (w) => {
    for (const entry of entries) await deleteFromBinIn(w, entry.entity, entry.id);
  });
  return entries.length;
}
