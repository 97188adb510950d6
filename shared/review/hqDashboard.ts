import { todayIso } from '../format/fr.ts';
import { lastMonths } from '../rules/calendar.ts';
import { entityNames, type EntityName } from '../schemas/entities.ts';
import type { EnrolledSite } from '../sync/hqStore.ts';
import { headquartersSiteDirectory } from './fromConsolidated.ts';
import type { SiteDirectoryEntry } from './types.ts';

/** A site that sent nothing for longer than this is late: sites export at least weekly. */
export const LATE_AFTER_DAYS = 7;

/** Where records sit when their owner is not an enrolled site (cannot happen after a normal import). */
export const UNKNOWN_TERRITORY = 'Non renseigné';
/** Headquarters' own records (national partners and agreements) belong to no territory. */
export const NATIONAL_TERRITORY = 'National (ATIGIP)';

export interface HqDashboardSite extends SiteDirectoryEntry {
  lastBundleAt: string | null;
  /** Whole days since the last bundle arrived; null when none ever did. */
  lagDays: number | null;
  late: boolean;
  retired: boolean;
}

export interface TerritoryCount {
  region: string;
  disp: string;
  entity: EntityName;
  count: number;
}

export interface HqDashboard {
  /** The day the figures were read. */
  on: string;
  /** Active sites, late ones first (never heard of, then the longest silence), then retired ones. */
  sites: HqDashboardSite[];
  /** Live records by the territory of the site that owns them, and by kind. */
  records: TerritoryCount[];
  /** The last 12 months, oldest first: hours logged (placements and TIG pédagogique sessions). */
  hoursByMonth: { month: string; hours: number }[];
}

/** What the store answers in aggregate (electron/node/hq/sqliteStore.ts): nothing per record. */
export interface HqDashboardInput {
  sites: readonly EnrolledSite[];
  /** Live records counted by owning site and entity. */
  counts: readonly { owner: string; entity: EntityName; count: number }[];
  /** Hours logged by month (`YYYY-MM`), any months. */
  hours: readonly { month: string; hours: number }[];
  now: number;
}

function lagOf(site: EnrolledSite, now: number): number | null {
  if (!site.lastBundleAt) return null;
  return Math.max(0, Math.floor((now - Date.parse(site.lastBundleAt)) / 86_400_000));
}

/** Headquarters' home screen: which sites are late, what the country holds where, and the hours done. */
export function headquartersDashboard(input: HqDashboardInput): HqDashboard {
  const enrolled = new Map(input.sites.map((s) => [s.siteId, s]));
  const directory = headquartersSiteDirectory({ sites: () => [...input.sites] });
  const sites = directory.map((entry): HqDashboardSite => {
    const site = enrolled.get(entry.siteId)!;
    const lagDays = lagOf(site, input.now);
    const retired = site.retiredAt !== undefined;
    return { ...entry, lastBundleAt: site.lastBundleAt ?? null, lagDays, late: !retired && (lagDays === null || lagDays > LATE_AFTER_DAYS), retired };
  });
  const silence = (s: HqDashboardSite) => (s.lagDays === null ? Number.POSITIVE_INFINITY : s.lagDays);
  sites.sort((a, b) => Number(a.retired) - Number(b.retired) || silence(b) - silence(a) || a.code.localeCompare(b.code));

  const places = new Map(directory.map((s) => [s.siteId, s]));
  const totals = new Map<string, TerritoryCount>();
  for (const { owner, entity, count } of input.counts) {
    const place = places.get(owner);
    const national = place?.kind === 'atigip';
    const region = national ? NATIONAL_TERRITORY : place?.region || UNKNOWN_TERRITORY;
    const disp = national ? NATIONAL_TERRITORY : place?.disp || UNKNOWN_TERRITORY;
    const key = `${region}\u0000${disp}\u0000${entity}`;
    const row = totals.get(key) ?? { region, disp, entity, count: 0 };
    row.count += count;
    totals.set(key, row);
  }
  const order = (e: EntityName) => entityNames.indexOf(e);
  const records = [...totals.values()].sort(
    (a, b) => a.region.localeCompare(b.region, 'fr') || a.disp.localeCompare(b.disp, 'fr') || order(a.entity) - order(b.entity),
  );

  const on = todayIso(input.now);
  const logged = new Map(input.hours.map((h) => [h.month, h.hours]));
  const hoursByMonth = lastMonths(on, 12).map((month) => ({ month, hours: logged.get(month) ?? 0 }));
  return { on, sites, records, hoursByMonth };
}
