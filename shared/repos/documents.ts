import type { RepoContext } from './context.ts';
import { isLive, sumHours, today } from '../util.ts';
import { hourLogsOfMeasure } from './hourLogs.ts';
import { measureDeadline } from './measures.ts';
import type { DeadlineInfo } from '../rules/deadline.ts';
import { habilitationState, type HabilitationState } from '../rules/habilitation.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import type { Incident } from '../schemas/incident.ts';
import type { Measure } from '../schemas/measure.ts';
import type { Organisation } from '../schemas/organisation.ts';
import type { Person } from '../schemas/person.ts';
import type { Placement } from '../schemas/placement.ts';
import type { Post } from '../schemas/post.ts';
import type { Tutor } from '../schemas/tutor.ts';
import { progressOfLogs, type Progress } from '../rules/ordered.ts';

/** A placement with the host details a printed document addresses: post, organisation, tutors. */
export interface PlacementDetail {
  placement: Placement;
  /** Absent only when the post or its organisation was purged; the placement still prints. */
  post: Post | undefined;
  organisation: Organisation | undefined;
  /** The post's tutors still on file. */
  tutors: Tutor[];
  /** The organisation's habilitation on the placement's start date. */
  habilitation: HabilitationState | undefined;
}

/** Everything the printed documents of one measure need. */
export interface MeasureFile {
  person: Person;
  measure: Measure;
  deadline: DeadlineInfo;
  hoursDone: number;
  /** Done against ordered, in the measure's unit. */
  progress: Progress;
  /** By start date. */
  placements: PlacementDetail[];
  /** By date. */
  hourLogs: HourLog[];
  /** By date. */
  incidents: Incident[];
}

/**
 * A measure with its person, its placements (with post, organisation and tutors), hour logs and incidents,
 * through the measure's indexes: what the placement sheet, the timesheet, the incident report, the
 * end-of-measure report and the attestation print.
 */
export async function measureFile(ctx: RepoContext, measureId: string, options: { on?: string } = {}): Promise<MeasureFile | undefined> {
  const measure = await ctx.db.measures.get(measureId);
  if (!measure || measure.deleted) return undefined;
  const person = await ctx.db.persons.get(measure.personId);
  if (!person || person.deleted) return undefined;
  const [placements, hourLogs, incidents] = await Promise.all([
    ctx.db.placements.where('measureId').equals(measureId).toArray(),
    hourLogsOfMeasure(ctx, measureId),
    ctx.db.incidents.where('measureId').equals(measureId).toArray(),
  ]);
  const livePlacements = placements.filter(isLive).sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const posts = await ctx.db.posts.bulkGet([...new Set(livePlacements.map((p) => p.postId))]);
  const postById = new Map(posts.filter((p) => p !== undefined).map((p) => [p.id, p]));
  const organisationIds = [...new Set([...postById.values()].map((p) => p.organisationId))];
  const [organisations, habilitations, tutors] = await Promise.all([
    ctx.db.organisations.bulkGet(organisationIds),
    ctx.db.habilitations.where('organisationId').anyOf(organisationIds).toArray(),
    ctx.db.tutors.bulkGet([...new Set([...postById.values()].flatMap((p) => p.tutorIds))]),
  ]);
  const orgById = new Map(organisations.filter((o) => o !== undefined && isLive(o)).map((o) => [o!.id, o!]));
  const tutorById = new Map(tutors.filter((t) => t !== undefined && isLive(t)).map((t) => [t!.id, t!]));
  const liveHabilitations = habilitations.filter(isLive);
  return {
    person,
    measure,
    deadline: measureDeadline(measure, options.on ?? today(ctx)),
    hoursDone: sumHours(hourLogs),
    progress: progressOfLogs(measure, hourLogs),
    placements: livePlacements.map((placement) => {
      const post = postById.get(placement.postId);
      const organisation = post ? orgById.get(post.organisationId) : undefined;
      return {
        placement,
        post,
        organisation,
        tutors: (post?.tutorIds ?? []).flatMap((id) => tutorById.get(id) ?? []),
        habilitation: organisation
          ? habilitationState(
              organisation.kind,
              liveHabilitations.filter((h) => h.organisationId === organisation.id),
              placement.startDate,
            )
          : undefined,
      };
    }),
    hourLogs,
    incidents: incidents.filter(isLive).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}
