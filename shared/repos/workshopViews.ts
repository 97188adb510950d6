import { Dexie } from 'dexie';
import { openMeasureStatuses, tigMeasureKinds } from '../rules/sessions.ts';
import type { Attendance } from '../schemas/attendance.ts';
import { placeHoldingStatuses, type Enrolment } from '../schemas/enrolment.ts';
import type { Measure } from '../schemas/measure.ts';
import type { Partner } from '../schemas/partner.ts';
import type { Person } from '../schemas/person.ts';
import type { Programme } from '../schemas/programme.ts';
import type { Session } from '../schemas/session.ts';
import type { RepoContext } from './context.ts';
import { isLive, sumHours } from '../util.ts';
import { measureTotals } from './hourTotals.ts';
import { orderedOf } from '../rules/ordered.ts';

/*
 * What the workshop screens read: lists with the figures they show (sessions per programme, enrolled per
 * session) and the session page with its participants, their attendance and the hours on their measures.
 * Read-only; every write goes through programmes.ts, sessions.ts, enrolments.ts and attendance.ts.
 */

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/** `DUPONT Jean`: how the grid, the lists and the documents name a participant. */
export function participantName(p: Pick<Person, 'lastName' | 'firstName'>): string {
  return `${p.lastName.toUpperCase()} ${p.firstName}`;
}

export interface ProgrammeRow extends Programme {
  partnerName?: string | undefined;
  sessionCount: number;
}

/** Every live programme with its partner's name and its number of sessions. */
export async function listProgrammeRows(ctx: RepoContext): Promise<ProgrammeRow[]> {
  const [programmes, sessions, partners] = await Promise.all([ctx.db.programmes.toArray(), ctx.db.sessions.toArray(), ctx.db.partners.toArray()]);
  const partnerName = new Map(partners.filter(isLive).map((p) => [p.id, p.name]));
  const counts = new Map<string, number>();
  for (const s of sessions) if (isLive(s)) counts.set(s.programmeId, (counts.get(s.programmeId) ?? 0) + 1);
  return programmes
    .filter(isLive)
    .map((p) => ({ ...p, partnerName: p.partnerId ? partnerName.get(p.partnerId) : undefined, sessionCount: counts.get(p.id) ?? 0 }))
    .sort((a, b) => collator.compare(a.title, b.title));
}

export interface SessionRow extends Session {
  programmeTitle: string;
  programmeKind: Programme['kind'];
  places: number;
  /** Enrolments that hold a place (inscrit or présent). */
  enrolled: number;
}

/** Live sessions, latest first, with their programme and the places taken; of one programme when given. */
export async function listSessionRows(ctx: RepoContext, filter: { programmeId?: string } = {}): Promise<SessionRow[]> {
  const sessions = (
    filter.programmeId ? await ctx.db.sessions.where('programmeId').equals(filter.programmeId).toArray() : await ctx.db.sessions.toArray()
  ).filter(isLive);
  const programmes = await ctx.db.programmes.bulkGet([...new Set(sessions.map((s) => s.programmeId))]);
  const programmeById = new Map(programmes.filter((p): p is Programme => p !== undefined && isLive(p)).map((p) => [p.id, p]));
  const enrolments = await ctx.db.enrolments
    .where('sessionId')
    .anyOf(sessions.map((s) => s.id))
    .toArray();
  const enrolled = new Map<string, number>();
  for (const e of enrolments) if (isLive(e) && placeHoldingStatuses.includes(e.status)) enrolled.set(e.sessionId, (enrolled.get(e.sessionId) ?? 0) + 1);
  const rows: SessionRow[] = [];
  for (const s of sessions) {
    const programme = programmeById.get(s.programmeId);
    if (!programme) continue;
    rows.push({ ...s, programmeTitle: programme.title, programmeKind: programme.kind, places: programme.places, enrolled: enrolled.get(s.id) ?? 0 });
  }
  return rows.sort((a, b) => b.startDate.localeCompare(a.startDate) || collator.compare(a.programmeTitle, b.programmeTitle));
}

export interface ProgrammeView {
  programme: Programme;
  partner?: Partner | undefined;
}

/** A programme and its partner; undefined when it does not exist or was deleted. */
export async function programmeView(ctx: RepoContext, id: string): Promise<ProgrammeView | undefined> {
  const programme = await ctx.db.programmes.get(id);
  if (!programme || !isLive(programme)) return undefined;
  const partner = programme.partnerId ? await ctx.db.partners.get(programme.partnerId) : undefined;
  return { programme, partner: partner && isLive(partner) ? partner : undefined };
}

export interface ParticipantView {
  enrolment: Enrolment;
  person: Person;
  /** The TIG measure the hours count on (TIG pédagogique). */
  measure?: Measure | undefined;
  /** Hours done on that measure, every source together (placements and sessions). */
  measureHoursDone?: number | undefined;
  daysPresent: number;
  hoursAttended: number;
}

export interface SessionView {
  session: Session;
  programme: Programme;
  partner?: Partner | undefined;
  /** By name. */
  participants: ParticipantView[];
  attendance: Attendance[];
}

/** Everything the session page and its documents show, through the session's indexes. */
export async function sessionView(ctx: RepoContext, sessionId: string): Promise<SessionView | undefined> {
  const session = await ctx.db.sessions.get(sessionId);
  if (!session || !isLive(session)) return undefined;
  const view = await programmeView(ctx, session.programmeId);
  if (!view) return undefined;
  const [enrolments, attendance] = await Promise.all([
    ctx.db.enrolments.where('sessionId').equals(sessionId).toArray(),
    ctx.db.attendance.where('sessionId').equals(sessionId).toArray(),
  ]);
  const live = enrolments.filter(isLive);
  const liveAttendance = attendance.filter(isLive);
  const [persons, measures] = await Promise.all([
    ctx.db.persons.bulkGet(live.map((e) => e.personId)),
    ctx.db.measures.bulkGet(live.map((e) => e.measureId).filter((id): id is string => id !== undefined)),
  ]);
  const personById = new Map(persons.filter((p): p is Person => p !== undefined).map((p) => [p.id, p]));
  const measureById = new Map(measures.filter((m): m is Measure => m !== undefined && isLive(m)).map((m) => [m.id, m]));
  const hoursDone = new Map<string, number>();
  for (const measureId of measureById.keys()) {
    const logs = await ctx.db.hourLogs.where('[measureId+date]').between([measureId, Dexie.minKey], [measureId, Dexie.maxKey]).toArray();
    hoursDone.set(measureId, sumHours(logs.filter(isLive)));
  }
  const participants: ParticipantView[] = [];
  for (const enrolment of live) {
    const person = personById.get(enrolment.personId);
    if (!person) continue;
    const own = liveAttendance.filter((a) => a.enrolmentId === enrolment.id && a.present);
    const measure = enrolment.measureId ? measureById.get(enrolment.measureId) : undefined;
    participants.push({
      enrolment,
      person,
      measure,
      measureHoursDone: measure ? hoursDone.get(measure.id) : undefined,
      daysPresent: own.length,
      hoursAttended: sumHours(own),
    });
  }
  participants.sort((a, b) => collator.compare(participantName(a.person), participantName(b.person)));
  return { session, programme: view.programme, partner: view.partner, participants, attendance: liveAttendance };
}

export interface OpenTigMeasure {
  id: string;
  kind: Measure['kind'];
  hoursOrdered: number;
  hoursDone: number;
  decisionDate: string;
}

export interface EnrolmentCandidate {
  person: Person;
  /** Open TIG measures (à affecter or en cours), whose hours a TIG pédagogique session may count. */
  openTigMeasures: OpenTigMeasure[];
}

/**
 * Persons of the site who may be enrolled in a session, by name, without those already enrolled; each with
 * the open TIG measures a TIG pédagogique enrolment must name.
 */
export async function enrolmentCandidates(ctx: RepoContext, sessionId: string): Promise<EnrolmentCandidate[]> {
  const [persons, measures, enrolments, totals] = await Promise.all([
    ctx.db.persons.toArray(),
    ctx.db.measures.toArray(),
    ctx.db.enrolments.where('sessionId').equals(sessionId).toArray(),
    measureTotals(ctx),
  ]);
  const enrolled = new Set(enrolments.filter(isLive).map((e) => e.personId));
  const open = new Map<string, OpenTigMeasure[]>();
  for (const m of measures) {
    if (!isLive(m) || !tigMeasureKinds.includes(m.kind) || !openMeasureStatuses.includes(m.status)) continue;
    const list = open.get(m.personId) ?? [];
    // A TIG is ordered in hours (the measure schema holds it), so hours are what a session adds to.
    list.push({ id: m.id, kind: m.kind, hoursOrdered: orderedOf(m).amount, hoursDone: totals.get(m.id)?.hours ?? 0, decisionDate: m.decisionDate });
    open.set(m.personId, list);
  }
  return persons
    .filter((p) => isLive(p) && !enrolled.has(p.id))
    .map((person) => ({ person, openTigMeasures: open.get(person.id) ?? [] }))
    .sort((a, b) => collator.compare(participantName(a.person), participantName(b.person)));
}
