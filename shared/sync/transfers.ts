import type { RepoContext } from '../repos/context.ts';
import { refuse } from '../repos/guards.ts';
import { countNewInTotals } from '../repos/hourTotals.ts';
import { transferMeasureIn } from '../repos/measures.ts';
import { referenceSites } from '../repos/reference.ts';
import { writeTransaction, type Writer } from '../repos/writer.ts';
import { isTransferable, matchingPersons, transferRefusal } from '../rules/transfers.ts';
import type { Measure, MeasureStatus, Suspension } from '../schemas/measure.ts';
import type { Person } from '../schemas/person.ts';
import { isLive, today } from '../util.ts';
import { formatDate } from '../format/fr.ts';
import { v7 as uuidv7 } from 'uuid';
import type { AnswerContent, DossierContent, TransferHeader } from './transfer.ts';

/*
 * A site's transfers, sent and received, kept in `meta` under `transfer.<id>` (a handful per year and site,
 * never synchronised). Sealing and opening the files needs the site's keys and happens where they are
 * (transfer.ts): these functions take and return the contents.
 */

const PREFIX = 'transfer.';
/** The pseudonymous key headquarters knows a received person by, kept per person (`transfer.personKey.<id>`). */
const PERSON_KEY = 'transfer.personKey.';

export type TransferStatus = 'envoye' | 'recu' | 'accepte' | 'refuse';

interface SiteName {
  siteId: string;
  code: string;
  name: string;
}

export interface TransferEntry {
  transferId: string;
  direction: 'sortant' | 'entrant';
  from: SiteName;
  to: SiteName;
  /** The transfer date. */
  on: string;
  status: TransferStatus;
  /** The person here: the one sent, or the one the received file went to once accepted. */
  personId: string;
  personName: string;
  measureIds: string[];
  /** When the file was written (sent) or read (received), ISO. */
  at: string;
  answeredOn?: string;
  reason?: string;
  /** A sent file's: each measure as it was before the transfer closed it, reopened if the file is refused. */
  before?: Record<string, { status: MeasureStatus; suspensions: Suspension[] }>;
  /** The file's contents: a received one's (the preview, the audit), a sent one's (to write the file again). */
  contents?: DossierContent;
  /** A received file's answer once given, to write it again if the first copy went astray. */
  answer?: AnswerContent;
}

function entryKey(transferId: string): string {
  return `${PREFIX}${transferId}`;
}

async function entryIn(ctx: RepoContext, transferId: string): Promise<TransferEntry | undefined> {
  return (await ctx.db.meta.get(entryKey(transferId)))?.value as TransferEntry | undefined;
}

/** Every transfer of the site, the latest first. */
export async function listTransfers(ctx: RepoContext): Promise<TransferEntry[]> {
  const rows = await ctx.db.meta
    .where('key')
    .startsWith(PREFIX)
    .filter((row) => !row.key.startsWith(PERSON_KEY))
    .toArray();
  return rows.map((row) => row.value as TransferEntry).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function getTransfer(ctx: RepoContext, transferId: string): Promise<TransferEntry | undefined> {
  return entryIn(ctx, transferId);
}

/** The transfer that closed this measure here (sent), or brought it here (received), the latest first. */
export async function transfersOfMeasure(ctx: RepoContext, measureId: string): Promise<TransferEntry[]> {
  return (await listTransfers(ctx)).filter((t) => t.measureIds.includes(measureId));
}

/** Persons received by transfer and the key headquarters knows each by: a bundle names them so. */
export async function carriedPersonKeys(ctx: RepoContext): Promise<Map<string, string>> {
  const rows = await ctx.db.meta.where('key').startsWith(PERSON_KEY).toArray();
  return new Map(rows.map((row) => [row.key.slice(PERSON_KEY.length), row.value as string]));
}

const personName = (p: Pick<Person, 'lastName' | 'firstName'>) => `${p.lastName.toUpperCase()} ${p.firstName}`;

export interface TransferInput {
  personId: string;
  measureIds: readonly string[];
  on: string;
  toSiteId: string;
  /** The person's pseudonymous key under this site's secret (computed where the keys are). */
  personKey: string;
}

/**
 * Write a transfer: the measures chosen end as « transférée » on the date (their placements interrupted, hours
 * after it refused, as a transfer by hand does), the transfer is kept as sent, and the file's contents are
 * returned to be sealed for the receiving site. One transaction: a refusal changes nothing.
 */
export async function prepareTransfer(ctx: RepoContext, input: TransferInput): Promise<DossierContent> {
  const destination = (await referenceSites(ctx)).find((s) => s.siteId === input.toSiteId);
  return writeTransaction(ctx, async (w) => {
    const measures = (await w.table('measure').bulkGet([...input.measureIds])).filter((m): m is Measure => m !== undefined);
    if (measures.length !== input.measureIds.length) refuse('Mesure introuvable.');
    const person = await w.get('person', input.personId);
    if (!person || !isLive(person)) refuse('Personne introuvable.');
    const refusal = transferRefusal({ siteId: w.identity.siteId, destination, measures, personId: input.personId, on: input.on, today: today(w) });
    if (refusal || !destination) refuse(refusal ?? '');
    const before = Object.fromEntries(measures.map((m) => [m.id, { status: m.status, suspensions: m.suspensions }]));
    for (const measure of measures) await transferMeasureIn(w, measure.id, input.on);
    const ids = new Set(input.measureIds);
    const byMeasure = <T extends { measureId: string; deleted?: true }>(rows: T[]) => rows.filter((r) => isLive(r) && ids.has(r.measureId));
    const placements = byMeasure(
      await w
        .table('placement')
        .where('measureId')
        .anyOf([...ids])
        .toArray(),
    );
    const hourLogs = byMeasure(await w.table('hourLog').where('personId').equals(input.personId).toArray());
    const incidents = byMeasure(
      await w
        .table('incident')
        .where('measureId')
        .anyOf([...ids])
        .toArray(),
    );
    const transferred = (await w.table('measure').bulkGet([...input.measureIds])) as Measure[];
    const records = [person, ...transferred, ...placements, ...hourLogs, ...incidents];
    const keys: [string, string][] = [
      ['person', person.id],
      ...transferred.map((r): [string, string] => ['measure', r.id]),
      ...placements.map((r): [string, string] => ['placement', r.id]),
      ...hourLogs.map((r): [string, string] => ['hourLog', r.id]),
      ...incidents.map((r): [string, string] => ['incident', r.id]),
    ];
    const history = (await ctx.db.changes.where('[entity+recordId]').anyOf(keys).toArray())
      .map(({ seq: _, ...row }) => row)
      .sort((a, b) => (a.clock < b.clock ? -1 : 1));
    const posts = await w.table('post').bulkGet([...new Set(placements.map((p) => p.postId))]);
    const organisations = await w.table('organisation').bulkGet(posts.flatMap((p) => (p ? [p.organisationId] : [])));
    const offerClock = records.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), '');
    const { identity } = w;
    const from = { siteId: identity.siteId, code: identity.code, name: identity.name };
    const to = { siteId: destination.siteId, code: destination.code, name: destination.name };
    const transferId = uuidv7();
    const content: DossierContent = {
      kind: 'dossier',
      transferId,
      from: { ...from, departement: identity.departement },
      to,
      on: input.on,
      offerClock,
      pseudonymKey: input.personKey,
      person,
      measures: transferred,
      placements,
      hourLogs,
      incidents,
      posts: posts.flatMap((p) =>
        p ? [{ id: p.id, title: p.title, organisationName: organisations.find((o) => o?.id === p.organisationId)?.name ?? '' }] : [],
      ),
      history,
      by: identity.userName,
    };
    const entry: TransferEntry = {
      transferId,
      direction: 'sortant',
      from,
      to,
      on: input.on,
      status: 'envoye',
      personId: person.id,
      personName: personName(person),
      measureIds: [...input.measureIds],
      at: new Date(w.now()).toISOString(),
      before,
      contents: content,
    };
    await ctx.db.meta.put({ key: entryKey(transferId), value: entry });
    return content;
  });
}

/**
 * Keep a file opened here (transfer.ts checked it) among the received ones, to be accepted or refused. A file
 * already received, answered or not, is not kept twice: the message says what became of it.
 */
export async function receiveTransfer(ctx: RepoContext, opened: { header: TransferHeader; content: DossierContent }): Promise<TransferEntry> {
  const { content } = opened;
  return ctx.db.transaction('rw', ctx.db.meta, async () => {
    const known = await entryIn(ctx, content.transferId);
    if (known) {
      const answered =
        known.status === 'accepte'
          ? `accepté le ${formatDate(known.answeredOn)}`
          : known.status === 'refuse'
            ? `refusé le ${formatDate(known.answeredOn)}`
            : 'en attente de réponse';
      refuse(`Ce dossier (${known.personName}, envoyé par ${known.from.code}) a déjà été reçu : il est ${answered}.`);
    }
    const entry: TransferEntry = {
      transferId: content.transferId,
      direction: 'entrant',
      from: { siteId: content.from.siteId, code: content.from.code, name: content.from.name },
      to: content.to,
      on: content.on,
      status: 'recu',
      personId: content.person.id,
      personName: personName(content.person),
      measureIds: content.measures.map((m) => m.id),
      at: new Date(ctx.clock.now()).toISOString(),
      contents: content,
    };
    await ctx.db.meta.put({ key: entryKey(entry.transferId), value: entry });
    return entry;
  });
}

/** Persons here who may be the one a received file names (see `matchingPersons`). */
export async function matchesOf(ctx: RepoContext, transferId: string): Promise<Person[]> {
  const entry = await entryIn(ctx, transferId);
  if (!entry?.contents) return [];
  const { person } = entry.contents;
  return matchingPersons(person, await ctx.db.persons.toArray());
}

async function pendingIncoming(ctx: RepoContext, transferId: string): Promise<TransferEntry & { contents: DossierContent }> {
  const entry = await entryIn(ctx, transferId);
  if (!entry || entry.direction !== 'entrant' || !entry.contents) refuse('Dossier reçu introuvable.');
  if (entry.status !== 'recu') refuse(`Ce dossier a déjà été ${entry.status === 'accepte' ? 'accepté' : 'refusé'} le ${formatDate(entry.answeredOn)}.`);
  return entry as TransferEntry & { contents: DossierContent };
}

function answerTo(entry: TransferEntry, w: Writer, decision: AnswerContent['decision'], reason?: string): AnswerContent {
  return {
    kind: 'reponse',
    transferId: entry.transferId,
    from: entry.to,
    to: entry.from,
    decision,
    answeredOn: today(w),
    ...(reason === undefined ? {} : { reason }),
    by: w.identity.userName,
  };
}

/**
 * Accept a received file: the person (new, or `attachTo`, one of this site's persons) and every record arrive
 * with their ids, so headquarters counts each measure and its hours once, each logged as a creation so the
 * office's other workstations receive them too. The measures reopen where they stopped. Returns the answer to
 * seal for the sender.
 */
export async function acceptTransfer(ctx: RepoContext, transferId: string, options: { attachTo?: string } = {}): Promise<AnswerContent> {
  return writeTransaction(ctx, async (w) => {
    const entry = await pendingIncoming(ctx, transferId);
    const { contents } = entry;
    // The measures reopen after the sender closed them, whatever the two PCs' clocks say.
    w.observe(contents.offerClock);
    const siteId = w.identity.siteId;
    let personId = contents.person.id;
    if (options.attachTo !== undefined) {
      const existing = await w.get('person', options.attachTo);
      if (!existing || !isLive(existing)) refuse('La personne à laquelle rattacher le dossier est introuvable.');
      personId = existing.id;
    } else {
      const existing = await w.get('person', personId);
      if (existing && !isLive(existing)) refuse('Cette personne a été supprimée de votre site : le dossier ne peut pas la recréer.');
      if (!existing) {
        await w.putReceived('person', [{ ...contents.person, siteId }]);
        await ctx.db.meta.put({ key: `${PERSON_KEY}${personId}`, value: contents.pseudonymKey });
      }
    }
    // Every record becomes this site's, as the office's other workstations create it from the change rows;
    // headquarters keeps the site each was first sent by, so hours stay attributed where they were done.
    const mine = <T extends { personId: string; siteId: string }>(r: T): T => ({ ...r, personId, siteId });
    const knownLogs = new Set((await w.table('hourLog').bulkGet(contents.hourLogs.map((l) => l.id))).flatMap((l) => (l ? [l.id] : [])));
    await w.putReceived('measure', contents.measures.map(mine));
    await w.putReceived('placement', contents.placements.map(mine));
    await w.putReceived('hourLog', contents.hourLogs.map(mine));
    await w.putReceived('incident', contents.incidents.map(mine));
    await countNewInTotals(
      w,
      contents.hourLogs.filter((l) => !knownLogs.has(l.id)),
    );
    for (const measure of contents.measures) {
      const started = contents.hourLogs.some((l) => l.measureId === measure.id) || contents.placements.some((p) => p.measureId === measure.id);
      const reopened: Partial<Measure> = { status: started ? 'en_cours' : 'a_affecter', endedOn: undefined };
      if (options.attachTo !== undefined) reopened.personId = personId;
      await w.update('measure', measure.id, reopened);
    }
    const answer = answerTo(entry, w, 'accepte');
    const accepted: TransferEntry = { ...entry, status: 'accepte', personId, answeredOn: today(w), answer };
    await ctx.db.meta.put({ key: entryKey(transferId), value: accepted });
    return answer;
  });
}

/** Refuse a received file with a reason; nothing of it enters the site's records. Returns the answer to seal. */
export async function refuseTransfer(ctx: RepoContext, transferId: string, reason: string): Promise<AnswerContent> {
  const text = reason.trim();
  if (text === '') refuse('Motif du refus : champ obligatoire', 'reason');
  if (text.length > 1000) refuse('Motif du refus : 1000 caractères au plus', 'reason');
  return writeTransaction(ctx, async (w) => {
    const entry = await pendingIncoming(ctx, transferId);
    const answer = answerTo(entry, w, 'refuse', text);
    await ctx.db.meta.put({
      key: entryKey(transferId),
      value: { ...entry, status: 'refuse', answeredOn: today(w), reason: text, answer } satisfies TransferEntry,
    });
    return answer;
  });
}

/**
 * Record the receiving site's answer to a file this site sent. Accepted: the closed measures stay « transférée ».
 * Refused: the follow-up stays here, so the measures reopen as they were (their placements stay interrupted).
 */
export async function applyTransferAnswer(ctx: RepoContext, answer: AnswerContent): Promise<TransferEntry> {
  return writeTransaction(ctx, async (w) => {
    const entry = await entryIn(ctx, answer.transferId);
    if (!entry || entry.direction !== 'sortant' || entry.to.siteId !== answer.from.siteId)
      refuse('Cette réponse concerne un transfert que ce site n’a pas envoyé.');
    if (entry.status !== 'envoye')
      refuse(`La réponse à ce transfert a déjà été enregistrée (${entry.status === 'accepte' ? 'accepté' : 'refusé'} le ${formatDate(entry.answeredOn)}).`);
    if (answer.decision === 'refuse') {
      for (const [id, was] of Object.entries(entry.before ?? {})) {
        const measure = await w.get('measure', id);
        if (measure && isLive(measure) && !isTransferable(measure))
          await w.update('measure', id, { status: was.status, endedOn: undefined, suspensions: was.suspensions });
      }
    }
    const answered: TransferEntry = {
      ...entry,
      status: answer.decision === 'accepte' ? 'accepte' : 'refuse',
      answeredOn: answer.answeredOn,
      ...(answer.reason === undefined ? {} : { reason: answer.reason }),
    };
    await ctx.db.meta.put({ key: entryKey(entry.transferId), value: answered });
    return answered;
  });
}

export interface TakenFiles {
  /** Files newly kept among the received ones. */
  received: TransferEntry[];
  /** Answers newly recorded on files this site sent. */
  answered: TransferEntry[];
  /** Files or answers that could not be taken, each with why, in French. */
  problems: string[];
}

/**
 * Take the files and answers opened from the share or chosen by the person: a new file is kept among the
 * received ones, a new answer recorded on the file it answers. What was taken before (the share keeps its
 * files until someone removes them) is passed over without a word; anything else refused says why.
 */
export async function takeTransferFiles(
  ctx: RepoContext,
  files: readonly ({ fileName: string } & ({ ok: true; header: TransferHeader; content: DossierContent | AnswerContent } | { ok: false; reason: string }))[],
): Promise<TakenFiles> {
  const taken: TakenFiles = { received: [], answered: [], problems: [] };
  for (const file of files) {
    if (!file.ok) {
      taken.problems.push(`${file.fileName} : ${file.reason}`);
      continue;
    }
    const { content } = file;
    const known = await entryIn(ctx, content.transferId);
    try {
      if (content.kind === 'dossier') {
        if (known) continue;
        taken.received.push(await receiveTransfer(ctx, { header: file.header, content }));
      } else {
        if (known?.direction === 'sortant' && known.status !== 'envoye') continue;
        taken.answered.push(await applyTransferAnswer(ctx, content));
      }
    } catch (error) {
      taken.problems.push(`${file.fileName} : ${(error as Error).message}`);
    }
  }
  return taken;
}
