import { Dexie } from 'dexie';
import type { RepoContext } from './context.ts';
import { groupBy, isLive, sumHours, today } from '../util.ts';
import { liveRecord, parseFields, refuse } from './guards.ts';
import { measureDeadline } from './measures.ts';
import { tutorName } from './tutors.ts';
import { writeTransaction, type Writer } from './writer.ts';
import type { ChangeEntry } from '../db/rows.ts';
import { ageOn, minorPostError, tigAgeError } from '../rules/age.ts';
import { holdsPlace } from '../rules/capacity.ts';
import type { DeadlineInfo } from '../rules/deadline.ts';
import type { EntityName } from '../schemas/entities.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import type { Incident } from '../schemas/incident.ts';
import type { MeasureKind } from '../schemas/measureKinds.ts';
import type { Measure, MeasureStatus } from '../schemas/measure.ts';
import type { Person, PersonInput } from '../schemas/person.ts';
import type { Placement } from '../schemas/placement.ts';
import { progressOfLogs, type Progress } from '../rules/ordered.ts';
import { counted } from '../format/agreement.ts';

async function checkCaseNumberFree(w: Writer, caseNumber: string, exceptId?: string): Promise<void> {
  const same = (await w.table('person').where('caseNumber').equals(caseNumber).toArray()).find((p) => isLive(p) && p.id !== exceptId);
  if (same) refuse(`Le numéro de dossier ${caseNumber} est déjà celui de ${same.lastName.toUpperCase()} ${same.firstName}`, 'caseNumber');
}

function checkBirthDate(w: Writer, birthDate: string): void {
  if (birthDate > today(w)) refuse('La date de naissance ne peut être dans le futur', 'birthDate');
}

export async function createPersonIn(w: Writer, input: PersonInput): Promise<Person> {
  const fields = parseFields('person', input);
  checkBirthDate(w, fields.birthDate);
  await checkCaseNumberFree(w, fields.caseNumber);
  return w.insert('person', input);
}

/** A corrected birth date must still satisfy the age rules of the person's measures and current placements. */
export async function updatePersonIn(w: Writer, id: string, patch: Partial<PersonInput>): Promise<Person> {
  const existing = await liveRecord(w, 'person', id);
  const fields = parseFields('person', { ...existing, ...patch });
  if (fields.caseNumber !== existing.caseNumber) await checkCaseNumberFree(w, fields.caseNumber, id);
  if (fields.birthDate !== existing.birthDate) {
    checkBirthDate(w, fields.birthDate);
    for (const m of await w.table('measure').where('personId').equals(id).toArray()) {
      const error = isLive(m) ? tigAgeError(m.kind, fields.birthDate, m.offenceDate) : undefined;
      if (error) refuse(error, 'birthDate');
    }
    for (const p of await w.table('placement').where('personId').equals(id).toArray()) {
      if (!isLive(p) || !holdsPlace(p.status)) continue;
      const post = await liveRecord(w, 'post', p.postId);
      const error = minorPostError(fields.birthDate, p.startDate, post.openToMinors);
      if (error) refuse(error, 'birthDate');
    }
  }
  return w.update('person', id, patch);
}

/** Refused while the person has measures: deleting a measure deletes its hours and incidents, so it is done one by one. */
export async function removePersonIn(w: Writer, id: string): Promise<void> {
  const person = await liveRecord(w, 'person', id);
  const measures = (await w.table('measure').where('personId').equals(id).toArray()).filter(isLive);
  if (measures.length > 0) {
    refuse(`${person.lastName.toUpperCase()} ${person.firstName} a ${counted(measures.length, 'mesure')} : supprimez-les d’abord.`);
  }
  await w.remove('person', id);
}

export const createPerson = (ctx: RepoContext, input: PersonInput) => writeTransaction(ctx, (w) => createPersonIn(w, input));
export const updatePerson = (ctx: RepoContext, id: string, patch: Partial<PersonInput>) => writeTransaction(ctx, (w) => updatePersonIn(w, id, patch));
export const removePerson = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removePersonIn(w, id));

export interface PersonRow extends Person {
  age: number;
  measures: { id: string; kind: MeasureKind; status: MeasureStatus }[];
}

/** Every person with the kind and status of each of their measures. Reads all persons and measures. */
export async function listPersons(ctx: RepoContext): Promise<PersonRow[]> {
  const on = today(ctx);
  const [persons, measures] = await Promise.all([ctx.db.persons.toArray(), ctx.db.measures.toArray()]);
  const byPerson = groupBy(measures.filter(isLive), (m) => m.personId);
  return persons.filter(isLive).map((p) => ({
    ...p,
    age: ageOn(p.birthDate, on),
    measures: (byPerson.get(p.id) ?? []).map((m) => ({ id: m.id, kind: m.kind, status: m.status })),
  }));
}

export interface PlacementView extends Placement {
  postTitle: string;
  organisationName: string;
  tutorNames: string[];
}

export interface MeasureView {
  measure: Measure;
  deadline: DeadlineInfo;
  hoursDone: number;
  /** Done and left in the measure's unit (hours, or days for a measure ordered in days). */
  progress: Progress;
  placements: PlacementView[];
  /** By date. */
  hourLogs: HourLog[];
  /** Latest first. */
  incidents: Incident[];
}

export interface PersonPage {
  person: Person;
  age: number;
  /** Open measures first, then by decision date, latest first. */
  measures: MeasureView[];
}

/** Everything the person page shows, through the personId indexes: a few hundred rows at most. */
export async function personPage(ctx: RepoContext, personId: string, options: { on?: string } = {}): Promise<PersonPage | undefined> {
  const on = options.on ?? today(ctx);
  const person = await ctx.db.persons.get(personId);
  if (!person || person.deleted) return undefined;
  const measures = await ctx.db.measures.where('personId').equals(personId).toArray();
  const [placements, hourLogs, incidents] = await Promise.all([
    ctx.db.placements.where('personId').equals(personId).toArray(),
    ctx.db.hourLogs.where('[personId+date]').between([personId, Dexie.minKey], [personId, Dexie.maxKey]).toArray(),
    ctx.db.incidents
      .where('measureId')
      .anyOf(measures.map((m) => m.id))
      .toArray(),
  ]);
  const livePlacements = placements.filter(isLive);
  const posts = await ctx.db.posts.bulkGet([...new Set(livePlacements.map((p) => p.postId))]);
  const postById = new Map(posts.filter((p) => p !== undefined).map((p) => [p.id, p]));
  const organisations = await ctx.db.organisations.bulkGet([...new Set([...postById.values()].map((p) => p.organisationId))]);
  const orgById = new Map(organisations.filter((o) => o !== undefined).map((o) => [o.id, o]));
  const tutors = await ctx.db.tutors.bulkGet([...new Set([...postById.values()].flatMap((p) => p.tutorIds))]);
  const tutorById = new Map(tutors.filter((t) => t !== undefined && isLive(t)).map((t) => [t!.id, t!]));
  const logsByMeasure = groupBy(hourLogs.filter(isLive), (l) => l.measureId);
  const placementsByMeasure = groupBy(livePlacements, (p) => p.measureId);
  const incidentsByMeasure = groupBy(incidents.filter(isLive), (i) => i.measureId);
  const views = measures.filter(isLive).map((measure): MeasureView => {
    const logs = logsByMeasure.get(measure.id) ?? [];
    const hoursDone = sumHours(logs);
    return {
      measure,
      deadline: measureDeadline(measure, on),
      hoursDone,
      progress: progressOfLogs(measure, logs),
      placements: (placementsByMeasure.get(measure.id) ?? [])
        .sort((a, b) => (a.startDate < b.startDate ? -1 : 1))
        .map((p) => {
          const post = postById.get(p.postId);
          return {
            ...p,
            postTitle: post?.title ?? '',
            organisationName: (post && orgById.get(post.organisationId)?.name) ?? '',
            tutorNames: (post?.tutorIds ?? []).flatMap((id) => {
              const t = tutorById.get(id);
              return t ? [tutorName(t)] : [];
            }),
          };
        }),
      hourLogs: logs,
      incidents: (incidentsByMeasure.get(measure.id) ?? []).sort((a, b) => (a.date < b.date ? 1 : -1)),
    };
  });
  views.sort(
    (a, b) => Number(a.measure.endedOn !== undefined) - Number(b.measure.endedOn !== undefined) || (a.measure.decisionDate < b.measure.decisionDate ? 1 : -1),
  );
  return { person, age: ageOn(person.birthDate, on), measures: views };
}

/**
 * The audit trail of a person's file: the person, their measures, placements, hour logs and incidents
 * (deleted ones included), oldest first.
 */
export async function personHistory(ctx: RepoContext, personId: string): Promise<ChangeEntry[]> {
  const [measures, placements, hourLogs] = await Promise.all([
    ctx.db.measures.where('personId').equals(personId).primaryKeys(),
    ctx.db.placements.where('personId').equals(personId).primaryKeys(),
    ctx.db.hourLogs.where('[personId+date]').between([personId, Dexie.minKey], [personId, Dexie.maxKey]).primaryKeys(),
  ]);
  const incidents = await ctx.db.incidents.where('measureId').anyOf(measures).primaryKeys();
  const keys: [EntityName, string][] = [
    ['person', personId],
    ...measures.map((id): [EntityName, string] => ['measure', id]),
    ...placements.map((id): [EntityName, string] => ['placement', id]),
    ...hourLogs.map((id): [EntityName, string] => ['hourLog', id]),
    ...incidents.map((id): [EntityName, string] => ['incident', id]),
  ];
  const changes = await ctx.db.changes.where('[entity+recordId]').anyOf(keys).toArray();
  return changes.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}
