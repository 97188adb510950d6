import type { Agreement } from '../schemas/agreement.ts';
import type { Attendance } from '../schemas/attendance.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import type { Organisation } from '../schemas/organisation.ts';
import type { Partner } from '../schemas/partner.ts';
import type { Placement } from '../schemas/placement.ts';
import type { Post } from '../schemas/post.ts';
import type { Programme } from '../schemas/programme.ts';
import type { Session } from '../schemas/session.ts';
import type { SiteKind } from '../schemas/site.ts';
import type { WorkshopFigure } from '../schemas/workshopFigure.ts';

/**
 * What the review reads of each record: identifiers, dates, kinds and figures only. A site passes its own
 * records; headquarters passes the pseudonymised records of the bundles, where `personId` is an opaque key
 * and free text is absent, which is why nothing else is read. Tombstones may be included: the review uses
 * them to date a closed post and otherwise leaves them out.
 */
export interface ReviewData {
  partners: readonly Pick<Partner, 'id' | 'siteId' | 'name' | 'kind' | 'scope' | 'deleted'>[];
  agreements: readonly Pick<Agreement, 'id' | 'partnerId' | 'deleted'>[];
  organisations: readonly Pick<Organisation, 'id' | 'agreementId' | 'deleted'>[];
  posts: readonly Pick<Post, 'id' | 'siteId' | 'organisationId' | 'capacity' | 'active' | 'updatedAt' | 'deleted'>[];
  placements: readonly Pick<Placement, 'id' | 'siteId' | 'postId' | 'startDate' | 'status' | 'endedOn' | 'deleted'>[];
  hourLogs: readonly Pick<HourLog, 'id' | 'siteId' | 'placementId' | 'date' | 'hours' | 'deleted'>[];
  programmes: readonly Pick<Programme, 'id' | 'siteId' | 'kind' | 'partnerId' | 'deleted'>[];
  sessions: readonly Pick<Session, 'id' | 'siteId' | 'programmeId' | 'startDate' | 'deleted'>[];
  attendance: readonly Pick<Attendance, 'id' | 'siteId' | 'sessionId' | 'personId' | 'present' | 'hours' | 'deleted'>[];
  workshopFigures: readonly Pick<WorkshopFigure, 'id' | 'siteId' | 'programmeId' | 'month' | 'workers' | 'hoursWorked' | 'deleted'>[];
}

/** One site as headquarters knows it; `region` and `disp` are names as they are to be displayed. */
export interface SiteDirectoryEntry {
  siteId: string;
  code: string;
  name: string;
  kind: SiteKind;
  departement: string;
  region: string;
  disp: string;
}

export type ReviewScope = { kind: 'site'; siteId: string } | { kind: 'disp'; disp: string } | { kind: 'region'; region: string } | { kind: 'all' };

/** How the territory table groups sites. */
export type TerritoryLevel = 'site' | 'departement' | 'disp' | 'region';

export type ReviewValue = string | number | null;
export type ReviewRow = Record<string, ReviewValue>;

/** `ratio` is a year-on-year change (0.25 for +25 %), null when the previous year had nothing to compare with. */
export type ReviewColumnKind = 'text' | 'count' | 'hours' | 'ratio';

export interface ReviewColumn {
  key: string;
  label: string;
  kind: ReviewColumnKind;
}

/** A table ready for a screen, a chart (rows keyed by column), a CSV file or an XLSX sheet. */
export interface ReviewTable {
  id: string;
  /** Short enough for an XLSX sheet name (31 characters). */
  sheet: string;
  title: string;
  columns: ReviewColumn[];
  rows: ReviewRow[];
  /** The whole scope; persons are counted once however many rows they appear in. */
  total?: ReviewRow;
}

export interface AnnualReview {
  year: number;
  scope: ReviewScope;
  scopeLabel: string;
  territoryLevel: TerritoryLevel;
  title: string;
  sites: SiteDirectoryEntry[];
  tables: ReviewTable[];
}
