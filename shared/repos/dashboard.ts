import type { RepoContext } from './context.ts';
import { groupBy, isLive, today } from '../util.ts';
import { lastHoursOfPlacements, monthTotals, totalsOfMeasures } from './hourTotals.ts';
import { measureDeadline } from './measures.ts';
import { daysBetween, lastMonths } from '../rules/calendar.ts';
import { holdsPlace } from '../rules/capacity.ts';
import { DEADLINE_WARNING_DAYS } from '../rules/deadline.ts';
import { habilitationEndsBefore, habilitationState } from '../rules/habilitation.ts';
import { isEnded } from '../rules/measureStatus.ts';
import type { Incident } from '../schemas/incident.ts';
import type { MeasureKind } from '../schemas/measureKinds.ts';
import { measureStatuses, type MeasureStatus } from '../schemas/measure.ts';
import type { Person } from '../schemas/person.ts';
import { activityDomains, type ActivityDomain } from '../schemas/post.ts';
import { orderedOf, progressOf, type Progress } from '../rules/ordered.ts';

/** Product choice: a running placement with no hours for this many days needs a call to the tutor. */
export const IDLE_PLACEMENT_DAYS = 14;

export interface DeadlineItem {
  measureId: string;
  personId: string;
  personName: string;
  kind: MeasureKind;
  status: MeasureStatus;
  deadline: string;
  daysRemaining: number;
  /** Hours (or days, for a measure ordered in days) done against ordered. */
  progress: Progress;
}

export interface HabilitationItem {
  organisationId: string;
  organisationName: string;
  until: string;
  daysRemaining: number;
}

export interface IdlePlacementItem {
  placementId: string;
  measureId: string;
  personId: string;
  personName: string;
  postTitle: string;
  /** Date of the last hours, absent when none were ever logged. */
  lastHoursOn?: string;
  daysWithoutHours: number;
}

/** A placement holding its place whose planned end falls after the last day its host is habilitated. */
export interface HabilitationEndItem {
  placementId: string;
  measureId: string;
  personId: string;
  personName: string;
  postTitle: string;
  organisationName: string;
  plannedEnd: string;
  /** The host's last habilitated day (renewals followed from the placement's start). */
  habilitatedUntil: string;
  /** Negative once that day has passed. */
  daysRemaining: number;
}

export interface IncidentItem extends Incident {
  personName: string;
}

export interface Dashboard {
  on: string;
  measuresByStatus: Record<MeasureStatus, number>;
  /** The last 12 months, oldest first, the current month last. */
  hoursByMonth: { month: string; hours: number }[];
  /** Active posts. */
  postsByDomain: Record<ActivityDomain, number>;
  /** Open measures whose deadline is less than 60 days away or passed, soonest first. */
  deadlinesSoon: DeadlineItem[];
  habilitationsExpiring: HabilitationItem[];
  /** Soonest end first: listed before the habilitation ends, so it can be renewed or the placement moved. */
  placementsPastHabilitation: HabilitationEndItem[];
  idlePlacements: IdlePlacementItem[];
  /** Latest first. */
  unreportedIncidents: IncidentItem[];
}

const nameOf = (p: Person | undefined) => (p ? `${p.lastName.toUpperCase()} ${p.firstName}` : '');

/**
 * The tableau de bord. It reads every measure (counts by status need them: a tombstone keeps its status),
 * every post, organisation, habilitation and incident (small tables), the placements holding a place (status
 * index), and running sums: 12 months, the latest day with hours of those placements and the hours of the
 * measures listed; never the hour-log table.
 */
export async function dashboard(ctx: RepoContext, options: { on?: string } = {}): Promise<Dashboard> {
  const on = options.on ?? today(ctx);
  const [measures, posts, organisations, habilitations, incidents, held, hoursByMonth] = await Promise.all([
    ctx.db.measures.toArray(),
    ctx.db.posts.toArray(),
    ctx.db.organisations.toArray(),
    ctx.db.habilitations.toArray(),
    ctx.db.incidents.toArray(),
    ctx.db.placements.where('status').anyOf(['prevue', 'en_cours']).toArray(),
    monthTotals(ctx, lastMonths(on, 12)),
  ]);
  const liveMeasures = measures.filter(isLive);
  const measureById = new Map(liveMeasures.map((m) => [m.id, m]));

  const measuresByStatus = Object.fromEntries(measureStatuses.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  for (const m of liveMeasures) measuresByStatus[m.status]++;

  const postsByDomain = Object.fromEntries(activityDomains.map((d) => [d, 0])) as Record<ActivityDomain, number>;
  for (const p of posts) if (isLive(p) && p.active) postsByDomain[p.domain]++;

  const soon = liveMeasures.flatMap((m) => {
    if (isEnded(m.status)) return [];
    const info = measureDeadline(m, on);
    return info.daysRemaining < DEADLINE_WARNING_DAYS ? [{ m, info }] : [];
  });

  const idleCandidates = held.filter((p) => {
    const measure = measureById.get(p.measureId);
    return isLive(p) && holdsPlace(p.status) && measure !== undefined && measure.status !== 'suspendue' && daysBetween(p.startDate, on) >= IDLE_PLACEMENT_DAYS;
  });
  const lastDays = await lastHoursOfPlacements(
    ctx,
    idleCandidates.map((p) => p.id),
  );
  const idle = idleCandidates.flatMap((p, i) => {
    const lastHoursOn = lastDays[i];
    const daysWithoutHours = daysBetween(lastHoursOn ?? p.startDate, on);
    return daysWithoutHours >= IDLE_PLACEMENT_DAYS ? [{ p, lastHoursOn, daysWithoutHours }] : [];
  });

  const soonTotals = await totalsOfMeasures(
    ctx,
    soon.map(({ m }) => m.id),
  );
  const unreported = incidents.filter((i) => isLive(i) && i.reportedToJapOn === undefined);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const organisationById = new Map(organisations.map((o) => [o.id, o]));
  const habsByOrg = groupBy(habilitations.filter(isLive), (h) => h.organisationId);
  const pastHabilitation = held.flatMap((p) => {
    const organisation = organisationById.get(postById.get(p.postId)?.organisationId ?? '');
    if (!isLive(p) || !organisation || !measureById.has(p.measureId)) return [];
    const until = habilitationEndsBefore(organisation.kind, habsByOrg.get(organisation.id) ?? [], p.startDate, p.plannedEnd);
    return until ? [{ p, organisation, until }] : [];
  });
  const personIds = [
    ...new Set([
      ...soon.map((s) => s.m.personId),
      ...idle.map((s) => s.p.personId),
      ...pastHabilitation.map((s) => s.p.personId),
      ...unreported.map((i) => i.personId),
    ]),
  ];
  const persons = await ctx.db.persons.bulkGet(personIds);
  const personById = new Map(persons.filter((p) => p !== undefined).map((p) => [p.id, p]));

  const habilitationsExpiring: HabilitationItem[] = [];
  for (const o of organisations) {
    if (!isLive(o)) continue;
    const state = habilitationState(o.kind, habsByOrg.get(o.id) ?? [], on);
    if (state.status === 'expire_bientot' && state.until) {
      habilitationsExpiring.push({ organisationId: o.id, organisationName: o.name, until: state.until, daysRemaining: daysBetween(on, state.until) });
    }
  }

  return {
    on,
    measuresByStatus,
    hoursByMonth,
    postsByDomain,
    deadlinesSoon: soon
      .map(({ m, info }, i) => ({
        measureId: m.id,
        personId: m.personId,
        personName: nameOf(personById.get(m.personId)),
        kind: m.kind,
        status: m.status,
        deadline: info.deadline,
        daysRemaining: info.daysRemaining,
        progress: progressOf(orderedOf(m), soonTotals[i]!),
      }))
      .sort((a, b) => a.daysRemaining - b.daysRemaining),
    habilitationsExpiring: habilitationsExpiring.sort((a, b) => a.daysRemaining - b.daysRemaining),
    placementsPastHabilitation: pastHabilitation
      .map(({ p, organisation, until }) => ({
        placementId: p.id,
        measureId: p.measureId,
        personId: p.personId,
        personName: nameOf(personById.get(p.personId)),
        postTitle: postById.get(p.postId)?.title ?? '',
        organisationName: organisation.name,
        plannedEnd: p.plannedEnd,
        habilitatedUntil: until,
        daysRemaining: daysBetween(on, until),
      }))
      .sort((a, b) => a.daysRemaining - b.daysRemaining),
    idlePlacements: idle
      .map(({ p, lastHoursOn, daysWithoutHours }) => ({
        placementId: p.id,
        measureId: p.measureId,
        personId: p.personId,
        personName: nameOf(personById.get(p.personId)),
        postTitle: postById.get(p.postId)?.title ?? '',
        ...(lastHoursOn ? { lastHoursOn } : {}),
        daysWithoutHours,
      }))
      .sort((a, b) => b.daysWithoutHours - a.daysWithoutHours),
    unreportedIncidents: unreported.map((i) => ({ ...i, personName: nameOf(personById.get(i.personId)) })).sort((a, b) => (a.date < b.date ? 1 : -1)),
  };
}
