import { dispLabelOfSite } from '../reference/disp.ts';
import { regionOfDepartement } from '../reference/geo.ts';
import type { EntityName } from '../schemas/entities.ts';
import type { EstablishmentProfile } from '../schemas/establishmentProfile.ts';
import { inTheBin, type ConsolidatedRecord, type EnrolledSite, type HqStore } from '../sync/hqStore.ts';
import { computeAnnualReview, type ReviewOptions } from './annualReview.ts';
import type { AnnualReview, ReviewData, SiteDirectoryEntry } from './types.ts';

const sources = {
  partner: 'partners',
  agreement: 'agreements',
  organisation: 'organisations',
  post: 'posts',
  placement: 'placements',
  hourLog: 'hourLogs',
  programme: 'programmes',
  session: 'sessions',
  attendance: 'attendance',
  workshopFigure: 'workshopFigures',
} as const satisfies Partial<Record<EntityName, keyof ReviewData>>;

/**
 * A consolidated record as a plain record: its wire fields (cleared ones left out), its last change as
 * `updatedAt` and its tombstone as `deleted`. Persons are keys here already; nothing identifying is read.
 */
function plain(record: ConsolidatedRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: record.id, siteId: record.siteId };
  let updatedAt = record.deleted?.clock ?? '';
  for (const [name, field] of Object.entries(record.fields)) {
    if (field.value !== null && field.value !== undefined) out[name] = field.value;
    if (field.clock > updatedAt) updatedAt = field.clock;
  }
  out.updatedAt = updatedAt;
  // A record in a site's recycle bin counts for nothing in the review, as a deleted one.
  if (record.deleted || inTheBin(record)) out.deleted = true;
  return out;
}

/**
 * The review's input from headquarters' consolidated records (checked against the wire schemas on import).
 * With a year, only what the review of that year reads is kept (that year and the one before): the hour logs
 * of the whole country do not all stay in memory.
 */
export function reviewDataFromConsolidated(store: Pick<HqStore, 'consolidated'>, year?: number): ReviewData {
  const from = year === undefined ? '' : `${year - 1}-01-01`;
  const to = year === undefined ? '\uffff' : `${year}-12-31`;
  const within = (date: unknown) => typeof date === 'string' && date >= from && date <= to;
  const keep: Partial<Record<EntityName, (r: Record<string, unknown>) => boolean>> = {
    hourLog: (r) => r.placementId !== undefined && within(r.date),
    session: (r) => within(r.startDate),
    workshopFigure: (r) => within(`${String(r.month)}-01`),
  };
  const data: Record<string, Record<string, unknown>[]> = {};
  for (const [entity, key] of Object.entries(sources) as [EntityName, keyof ReviewData][]) {
    const rows: Record<string, unknown>[] = [];
    for (const record of store.consolidated(entity)) {
      const row = plain(record);
      if (keep[entity]?.(row) ?? true) rows.push(row);
    }
    data[key] = rows;
  }
  const sessions = new Set(data.sessions!.map((s) => s.id));
  data.attendance = data.attendance!.filter((a) => sessions.has(a.sessionId as string));
  return data as unknown as ReviewData;
}

/**
 * Every enrolled site, with its region and its DISP (both from its département).
 * A retired site stays: its records are part of the history, under the same code as its successor.
 */
export function headquartersSiteDirectory(store: Pick<HqStore, 'sites'>): SiteDirectoryEntry[] {
  const sites = [...store.sites()].sort((a, b) => a.code.localeCompare(b.code));
  return sites.map((s: EnrolledSite) => ({
    siteId: s.siteId,
    code: s.code,
    name: s.name,
    kind: s.kind,
    departement: s.departement,
    region: regionOfDepartement(s.departement)?.nom ?? '',
    disp: dispLabelOfSite(s),
  }));
}

/** The annual review at headquarters, over every site's bundles: the same computation as on a site. */
export function headquartersAnnualReview(store: Pick<HqStore, 'sites' | 'consolidated'>, options: Omit<ReviewOptions, 'sites'>): AnnualReview {
  return computeAnnualReview(reviewDataFromConsolidated(store, options.year), { ...options, sites: headquartersSiteDirectory(store) });
}

/** An establishment's profile as headquarters holds it: its notes and its author's name stay on the site. */
export type ConsolidatedEstablishment = Omit<EstablishmentProfile, 'notes' | 'updatedBy'>;

/** Every live establishment profile that reached headquarters. */
export function consolidatedEstablishmentProfiles(store: Pick<HqStore, 'consolidated'>): ConsolidatedEstablishment[] {
  const rows: ConsolidatedEstablishment[] = [];
  for (const record of store.consolidated('establishmentProfile')) {
    if (!record.deleted) rows.push(plain(record) as unknown as ConsolidatedEstablishment);
  }
  return rows;
}
