import type { PasserelleDb } from '../db/database.ts';
import { dispLabelOfSite } from '../reference/disp.ts';
import { regionOfDepartement } from '../reference/geo.ts';
import type { RepoContext } from '../repos/context.ts';
import { readIdentity } from '../repos/identity.ts';
import { computeAnnualReview } from './annualReview.ts';
import type { AnnualReview, ReviewData, SiteDirectoryEntry, TerritoryLevel } from './types.ts';

/**
 * What the review of `year` needs from a site's database: the year and the one before. Large tables (hour
 * logs, placements, sessions, attendance) are read through their date indexes, never whole.
 */
export async function loadReviewData(db: PasserelleDb, year: number): Promise<ReviewData> {
  const from = `${year - 1}-01-01`;
  const to = `${year}-12-31`;
  return db.transaction(
    'r',
    [db.partners, db.agreements, db.organisations, db.posts, db.placements, db.hourLogs, db.programmes, db.sessions, db.attendance, db.workshopFigures],
    async () => {
      const sessions = await db.sessions.where('startDate').between(from, to, true, true).toArray();
      const [partners, agreements, organisations, posts, placements, hourLogs, programmes, attendance, workshopFigures] = await Promise.all([
        db.partners.toArray(),
        db.agreements.toArray(),
        db.organisations.toArray(),
        db.posts.toArray(),
        db.placements.where('startDate').between(from, to, true, true).toArray(),
        db.hourLogs
          .where('date')
          .between(from, to, true, true)
          .filter((h) => h.placementId !== undefined)
          .toArray(),
        db.programmes.toArray(),
        db.attendance
          .where('sessionId')
          .anyOf(sessions.map((s) => s.id))
          .toArray(),
        db.workshopFigures
          .where('month')
          .between(`${year - 1}-01`, `${year}-12`, true, true)
          .toArray(),
      ]);
      // Placements started before the window still carry hours logged in it.
      const known = new Set(placements.map((p) => p.id));
      const missing = [...new Set(hourLogs.map((h) => h.placementId!).filter((id) => !known.has(id)))];
      const older = (await db.placements.bulkGet(missing)).filter((p) => p !== undefined);
      const counted = {
        partners,
        agreements,
        organisations,
        posts,
        placements: [...placements, ...older],
        hourLogs,
        programmes,
        sessions,
        attendance,
        workshopFigures,
      };
      // What is in the recycle bin counts for nothing in the review, as a deleted record.
      return Object.fromEntries(
        Object.entries(counted).map(([key, rows]) => [
          key,
          (rows as { binned?: unknown }[]).map((r) => (r.binned === undefined ? r : { ...r, deleted: true })),
        ]),
      ) as unknown as ReviewData;
    },
  );
}

/** This site as the review's directory lists it: region and DISP from its département. */
export async function localSiteEntry(db: PasserelleDb): Promise<SiteDirectoryEntry | undefined> {
  const identity = await readIdentity(db);
  if (!identity) return undefined;
  return {
    siteId: identity.siteId,
    code: identity.code,
    name: identity.name,
    kind: identity.kind,
    departement: identity.departement,
    region: regionOfDepartement(identity.departement)?.nom ?? '',
    disp: dispLabelOfSite(identity),
  };
}

/** The annual review of this site, fed by its own database. */
export async function siteAnnualReview(ctx: RepoContext, year: number, territoryLevel?: TerritoryLevel): Promise<AnnualReview | undefined> {
  const site = await localSiteEntry(ctx.db);
  if (!site) return undefined;
  const data = await loadReviewData(ctx.db, year);
  return computeAnnualReview(data, { year, scope: { kind: 'site', siteId: site.siteId }, sites: [site], ...(territoryLevel ? { territoryLevel } : {}) });
}
