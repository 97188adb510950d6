import { todayIso } from '../format/fr.ts';
import { departementLabel } from '../reference/geo.ts';
import { partnerKindLabels, partnerScopeLabels } from '../schemas/partner.ts';
import { programmeKindLabels, programmeKinds, type ProgrammeKind } from '../schemas/programme.ts';
import type { AnnualReview, ReviewColumn, ReviewData, ReviewRow, ReviewScope, ReviewTable, SiteDirectoryEntry, TerritoryLevel } from './types.ts';

/**
 * The annual national review (bilan annuel) of partnerships, TIG and programmes, for one year compared with
 * the year before. Pure: the same code runs on a site over its Dexie records and at headquarters over the
 * consolidated bundles.
 *
 * What counts in a year:
 * - a TIG post is offered in a year when it was open during it: a placement there ran during the year
 *   (started on or before 31 December, not planned, not ended before 1 January), or the post was recorded on
 *   or before 31 December (the creation time carried by its UUID v7 id) and is still active, or was closed
 *   (deactivated or deleted, dated by its last change) on or after 1 January. The placements come first
 *   because posts are often recorded after the fact (a CSV import, the demo data): their record is younger
 *   than the placements they took;
 * - a placement counts in the year it started (planned placements do not count);
 * - TIG hours on placements count on the day they were done;
 * - a session counts in the year it starts, with its participants (persons present at least once) and the
 *   hours they attended, even on days of the next year; TIG pédagogique hours come from this attendance,
 *   which is also what their hour logs on the measures copy, so they are counted once;
 * - a production workshop counts when it reported at least one month of the year: its workers as the mean
 *   over the months reported, its hours as their sum.
 * A post, placement or hour belongs to the partner of the agreement its host organisation names; a session
 * to the partner of its programme. It belongs to the territory of the site that recorded it: nationally both
 * its region and its DISP (each with its own tables), within a region its département, otherwise its site.
 */

const NO_PARTNER = '';

interface Tally {
  posts: number;
  places: number;
  placements: number;
  placementHours: number;
  tigpSessions: number;
  tigpPersons: Set<string>;
  tigpHours: number;
  sessions: number;
  participants: Set<string>;
  programmeHours: number;
  workshops: number;
  workers: number;
  workedHours: number;
}

function emptyTally(): Tally {
  return {
    posts: 0,
    places: 0,
    placements: 0,
    placementHours: 0,
    tigpSessions: 0,
    tigpPersons: new Set(),
    tigpHours: 0,
    sessions: 0,
    participants: new Set(),
    programmeHours: 0,
    workshops: 0,
    workers: 0,
    workedHours: 0,
  };
}

const metrics = {
  posts: { label: 'Postes de TIG offerts', kind: 'count', of: (t: Tally) => t.posts },
  places: { label: 'Places sur ces postes', kind: 'count', of: (t: Tally) => t.places },
  placements: { label: 'Mises en situation commencées', kind: 'count', of: (t: Tally) => t.placements },
  placementHours: { label: 'Heures de TIG en mise en situation', kind: 'hours', of: (t: Tally) => t.placementHours },
  tigpSessions: { label: 'Séances de TIG pédagogique', kind: 'count', of: (t: Tally) => t.tigpSessions },
  tigpPersons: { label: 'Personnes en TIG pédagogique', kind: 'count', of: (t: Tally) => t.tigpPersons.size },
  tigpHours: { label: 'Heures de TIG pédagogique', kind: 'hours', of: (t: Tally) => t.tigpHours },
  tigHours: { label: 'Heures de TIG réalisées (total)', kind: 'hours', of: (t: Tally) => t.placementHours + t.tigpHours },
  sessions: { label: 'Séances', kind: 'count', of: (t: Tally) => t.sessions },
  participants: { label: 'Participants', kind: 'count', of: (t: Tally) => t.participants.size },
  programmeHours: { label: 'Heures de présence', kind: 'hours', of: (t: Tally) => t.programmeHours },
  workshops: { label: 'Ateliers de production actifs', kind: 'count', of: (t: Tally) => t.workshops },
  workers: { label: 'Travailleurs en atelier (moyenne mensuelle)', kind: 'count', of: (t: Tally) => round2(t.workers) },
  workedHours: { label: 'Heures travaillées en atelier', kind: 'hours', of: (t: Tally) => t.workedHours },
} as const satisfies Record<string, { label: string; kind: 'count' | 'hours'; of: (t: Tally) => number }>;
type Metric = keyof typeof metrics;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Year-on-year change as a ratio rounded to 0.01 %, or null when the previous year is zero. */
export function yearOnYear(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 10_000) / 10_000;
}

/**
 * Where a contribution goes: every table groups by one or two of these. `territories` holds the site's
 * territory at each level the review groups by (region and DISP at national scope).
 */
interface Target {
  partner: string;
  territories: readonly string[];
  kind?: ProgrammeKind;
}

class Groups {
  readonly total = emptyTally();
  readonly byPartner = new Map<string, Tally>();
  readonly byKind = new Map<string, Tally>();
  readonly byPartnerKind = new Map<string, Tally>();
  /** One map per territory level. */
  readonly byTerritory: Map<string, Tally>[];
  /** Per territory level, keyed `territory|kind`. */
  readonly byTerritoryKind: Map<string, Tally>[];

  constructor(levels: number) {
    this.byTerritory = Array.from({ length: levels }, () => new Map());
    this.byTerritoryKind = Array.from({ length: levels }, () => new Map());
  }

  add(target: Target, apply: (t: Tally) => void): void {
    apply(this.total);
    apply(tallyIn(this.byPartner, target.partner));
    target.territories.forEach((territory, level) => apply(tallyIn(this.byTerritory[level]!, territory)));
    if (target.kind) {
      apply(tallyIn(this.byKind, target.kind));
      apply(tallyIn(this.byPartnerKind, `${target.partner}|${target.kind}`));
      target.territories.forEach((territory, level) => apply(tallyIn(this.byTerritoryKind[level]!, `${territory}|${target.kind}`)));
    }
  }
}

function tallyIn(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key);
  if (!tally) {
    tally = emptyTally();
    map.set(key, tally);
  }
  return tally;
}

/** Calendar date (Paris) at which a UUID v7 was made, or undefined for another kind of id. */
export function creationDateOf(id: string): string | undefined {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{12}7[0-9a-f]{19}$/i.test(hex)) return undefined;
  return todayIso(parseInt(hex.slice(0, 12), 16));
}

/** Calendar date (Paris) of a hybrid logical clock value. */
function clockDate(clock: string): string | undefined {
  const ms = Date.parse(clock.slice(0, 24));
  return Number.isNaN(ms) ? undefined : todayIso(ms);
}

function offeredDuring(post: ReviewData['posts'][number], from: string, to: string): boolean {
  const created = creationDateOf(post.id);
  if (created !== undefined && created > to) return false;
  if (!post.deleted && post.active) return true;
  const closed = clockDate(post.updatedAt);
  return closed !== undefined && closed >= from;
}

/** Nationally, territories are both regions and DISPs; within a region, départements; within a DISP, sites. */
function defaultLevels(scope: ReviewScope): TerritoryLevel[] {
  if (scope.kind === 'all') return ['region', 'disp'];
  if (scope.kind === 'region') return ['departement'];
  return ['site'];
}

function territoryLabel(site: SiteDirectoryEntry, level: TerritoryLevel): string {
  if (level === 'site') return `${site.name} (${site.code})`;
  if (level === 'departement') return departementLabel(site.departement);
  if (level === 'disp') return site.disp || 'Hors DISP';
  return site.region || 'Région non renseignée';
}

function inScope(site: SiteDirectoryEntry, scope: ReviewScope): boolean {
  if (scope.kind === 'site') return site.siteId === scope.siteId;
  if (scope.kind === 'disp') return site.disp === scope.disp;
  if (scope.kind === 'region') return site.region === scope.region;
  return true;
}

function scopeLabel(scope: ReviewScope, directory: readonly SiteDirectoryEntry[]): string {
  if (scope.kind === 'site') {
    const site = directory.find((s) => s.siteId === scope.siteId);
    return site ? `${site.name} (${site.code})` : 'Site inconnu';
  }
  if (scope.kind === 'disp') return scope.disp;
  if (scope.kind === 'region') return scope.region;
  return 'Tous les sites';
}

/** Lookups shared by both years. */
function prepare(data: ReviewData, territoryOfSite: Map<string, readonly string[]>) {
  const inScopeSite = (siteId: string) => territoryOfSite.has(siteId);
  const partnerOfAgreement = new Map(data.agreements.map((a) => [a.id, a.partnerId]));
  const partnerOfOrganisation = new Map(data.organisations.map((o) => [o.id, (o.agreementId && partnerOfAgreement.get(o.agreementId)) || NO_PARTNER]));
  const posts = new Map(data.posts.map((p) => [p.id, p]));
  const partnerOfPost = (postId: string) => {
    const post = posts.get(postId);
    return post ? (partnerOfOrganisation.get(post.organisationId) ?? NO_PARTNER) : NO_PARTNER;
  };
  const partnerOfPlacement = new Map(data.placements.map((p) => [p.id, partnerOfPost(p.postId)]));
  const programmes = new Map(data.programmes.map((p) => [p.id, p]));
  return { inScopeSite, territory: (siteId: string) => territoryOfSite.get(siteId)!, partnerOfOrganisation, partnerOfPost, partnerOfPlacement, programmes };
}
type Prepared = ReturnType<typeof prepare>;

function tallyYear(data: ReviewData, p: Prepared, year: number, levels: number): Groups {
  const groups = new Groups(levels);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const within = (date: string) => date >= from && date <= to;

  const placed = new Set<string>();
  for (const placement of data.placements) {
    if (!placement.deleted && placement.status !== 'prevue' && placement.startDate <= to && (placement.endedOn ?? to) >= from) placed.add(placement.postId);
  }
  for (const post of data.posts) {
    if (!p.inScopeSite(post.siteId) || !(placed.has(post.id) || offeredDuring(post, from, to))) continue;
    groups.add({ partner: p.partnerOfOrganisation.get(post.organisationId) ?? NO_PARTNER, territories: p.territory(post.siteId) }, (t) => {
      t.posts += 1;
      t.places += post.capacity;
    });
  }
  for (const placement of data.placements) {
    if (placement.deleted || !p.inScopeSite(placement.siteId) || placement.status === 'prevue' || !within(placement.startDate)) continue;
    groups.add({ partner: p.partnerOfPost(placement.postId), territories: p.territory(placement.siteId) }, (t) => {
      t.placements += 1;
    });
  }
  for (const log of data.hourLogs) {
    if (log.deleted || !log.placementId || !p.inScopeSite(log.siteId) || !within(log.date)) continue;
    groups.add({ partner: p.partnerOfPlacement.get(log.placementId) ?? NO_PARTNER, territories: p.territory(log.siteId) }, (t) => {
      t.placementHours += log.hours;
    });
  }
  const sessionTargets = new Map<string, Target>();
  for (const session of data.sessions) {
    const programme = p.programmes.get(session.programmeId);
    if (session.deleted || !programme || !p.inScopeSite(session.siteId) || !within(session.startDate)) continue;
    const target: Target = { partner: programme.partnerId ?? NO_PARTNER, territories: p.territory(session.siteId), kind: programme.kind };
    sessionTargets.set(session.id, target);
    groups.add(target, (t) => {
      t.sessions += 1;
      if (programme.kind === 'tig_pedagogique') t.tigpSessions += 1;
    });
  }
  for (const attendance of data.attendance) {
    const target = sessionTargets.get(attendance.sessionId);
    if (attendance.deleted || !attendance.present || !target) continue;
    groups.add(target, (t) => {
      t.participants.add(attendance.personId);
      t.programmeHours += attendance.hours;
      if (target.kind === 'tig_pedagogique') {
        t.tigpPersons.add(attendance.personId);
        t.tigpHours += attendance.hours;
      }
    });
  }
  const months = new Map<string, { workers: number; hours: number; count: number; siteId: string }>();
  for (const figure of data.workshopFigures) {
    const programme = p.programmes.get(figure.programmeId);
    if (figure.deleted || programme?.kind !== 'atelier_production' || !p.inScopeSite(figure.siteId) || !figure.month.startsWith(`${year}-`)) continue;
    const sum = months.get(figure.programmeId) ?? { workers: 0, hours: 0, count: 0, siteId: figure.siteId };
    sum.workers += figure.workers;
    sum.hours += figure.hoursWorked;
    sum.count += 1;
    months.set(figure.programmeId, sum);
  }
  for (const [programmeId, sum] of months) {
    const programme = p.programmes.get(programmeId)!;
    groups.add({ partner: programme.partnerId ?? NO_PARTNER, territories: p.territory(sum.siteId) }, (t) => {
      t.workshops += 1;
      t.workers += sum.workers / sum.count;
      t.workedHours += sum.hours;
    });
  }
  return groups;
}

function metricColumns(list: readonly Metric[], year: number): ReviewColumn[] {
  return list.flatMap((m) => [
    { key: m, label: `${metrics[m].label} ${year}`, kind: metrics[m].kind },
    { key: `${m}Prev`, label: `${metrics[m].label} ${year - 1}`, kind: metrics[m].kind },
    { key: `${m}Change`, label: `${metrics[m].label} : évolution`, kind: 'ratio' as const },
  ]);
}

function metricCells(list: readonly Metric[], current: Tally | undefined, previous: Tally | undefined): ReviewRow {
  const row: ReviewRow = {};
  for (const m of list) {
    const now = metrics[m].of(current ?? emptyTally());
    const before = metrics[m].of(previous ?? emptyTally());
    row[m] = now;
    row[`${m}Prev`] = before;
    row[`${m}Change`] = yearOnYear(now, before);
  }
  return row;
}

function hasData(list: readonly Metric[], ...tallies: (Tally | undefined)[]): boolean {
  return tallies.some((t) => t !== undefined && list.some((m) => metrics[m].of(t) !== 0));
}

const partnerMetrics: readonly Metric[] = ['posts', 'placements', 'placementHours', 'tigpSessions', 'tigpPersons', 'tigpHours', 'tigHours'];
const territoryMetrics: readonly Metric[] = [
  'posts',
  'placements',
  'placementHours',
  'tigpPersons',
  'tigpHours',
  'tigHours',
  'sessions',
  'participants',
  'programmeHours',
];
const programmeMetrics: readonly Metric[] = ['sessions', 'participants', 'programmeHours'];
const workshopMetrics: readonly Metric[] = ['workshops', 'workers', 'workedHours'];
const summaryMetrics = Object.keys(metrics) as Metric[];

export interface ReviewOptions {
  year: number;
  scope: ReviewScope;
  /** Site directory: every site whose records may appear. Records of sites outside the scope are left out. */
  sites: readonly SiteDirectoryEntry[];
  /** Group the territory tables by this level only, instead of the scope's default levels. */
  territoryLevel?: TerritoryLevel;
}

export function computeAnnualReview(data: ReviewData, options: ReviewOptions): AnnualReview {
  const { year, scope } = options;
  const levels = options.territoryLevel ? [options.territoryLevel] : defaultLevels(scope);
  const level = levels[0]!;
  const sites = options.sites.filter((s) => inScope(s, scope));
  const territoryOfSite = new Map(sites.map((s) => [s.siteId, levels.map((l) => territoryLabel(s, l))]));
  const prepared = prepare(data, territoryOfSite);
  const current = tallyYear(data, prepared, year, levels.length);
  const previous = tallyYear(data, prepared, year - 1, levels.length);
  const label = scopeLabel(scope, options.sites);
  const partners = new Map(data.partners.map((p) => [p.id, p]));
  const collator = new Intl.Collator('fr');

  const summary: ReviewTable = {
    id: 'synthese',
    sheet: 'Synthèse',
    title: `Synthèse ${year}`,
    columns: [
      { key: 'indicator', label: 'Indicateur', kind: 'text' },
      { key: 'value', label: String(year), kind: 'count' },
      { key: 'previous', label: String(year - 1), kind: 'count' },
      { key: 'change', label: 'Évolution', kind: 'ratio' },
    ],
    rows: summaryMetrics.map((m) => {
      const now = metrics[m].of(current.total);
      const before = metrics[m].of(previous.total);
      return { indicator: metrics[m].label, value: now, previous: before, change: yearOnYear(now, before) };
    }),
  };

  const partnerName = (id: string) => (id === NO_PARTNER ? 'Sans partenaire' : (partners.get(id)?.name ?? 'Partenaire inconnu'));
  const partnerIds = new Set<string>();
  for (const p of data.partners) if (!p.deleted && p.scope === 'national') partnerIds.add(p.id);
  for (const [id, t] of current.byPartner) if (hasData(partnerMetrics, t)) partnerIds.add(id);
  for (const [id, t] of previous.byPartner) if (hasData(partnerMetrics, t)) partnerIds.add(id);
  const partnerOrder = (ids: Iterable<string>) =>
    [...ids].sort((a, b) => (a === NO_PARTNER ? 1 : b === NO_PARTNER ? -1 : collator.compare(partnerName(a), partnerName(b))));
  const byPartner: ReviewTable = {
    id: 'partenaires',
    sheet: 'Partenaires',
    title: `Par partenaire, ${year}`,
    columns: [
      { key: 'partner', label: 'Partenaire', kind: 'text' },
      { key: 'partnerKind', label: 'Type', kind: 'text' },
      { key: 'partnerScope', label: 'Portée', kind: 'text' },
      ...metricColumns(partnerMetrics, year),
    ],
    rows: partnerOrder(partnerIds).map((id) => {
      const partner = partners.get(id);
      return {
        partner: partnerName(id),
        partnerKind: partner ? partnerKindLabels[partner.kind] : '',
        partnerScope: partner ? partnerScopeLabels[partner.scope] : '',
        ...metricCells(partnerMetrics, current.byPartner.get(id), previous.byPartner.get(id)),
      };
    }),
    total: { partner: 'Total', partnerKind: '', partnerScope: '', ...metricCells(partnerMetrics, current.total, previous.total) },
  };

  const levelLabels: Record<TerritoryLevel, string> = { site: 'Site', departement: 'Département', disp: 'DISP', region: 'Région' };
  const lower = (l: TerritoryLevel) => (l === 'disp' ? 'DISP' : levelLabels[l].toLowerCase());
  const territoriesAt = (index: number) => [...new Set([...territoryOfSite.values()].map((t) => t[index]!))].sort(collator.compare);
  const territoryTables = levels.map((l, index): [ReviewTable, ReviewTable] => {
    const suffix = index === 0 ? '' : `-${l}`;
    const territories = territoriesAt(index);
    const byTerritory: ReviewTable = {
      id: `territoires${suffix}`,
      sheet: `Territoires (${lower(l)})`,
      title: `Par territoire (${lower(l)}), ${year}`,
      columns: [{ key: 'territory', label: levelLabels[l], kind: 'text' }, ...metricColumns(territoryMetrics, year)],
      rows: territories.map((t) => ({
        territory: t,
        ...metricCells(territoryMetrics, current.byTerritory[index]!.get(t), previous.byTerritory[index]!.get(t)),
      })),
      total: { territory: 'Total', ...metricCells(territoryMetrics, current.total, previous.total) },
    };
    // Every programme kind that ran in a territory, this year or the one before, in the order of the kinds.
    const pairs = territories.flatMap((t) =>
      programmeKinds
        .filter((k) => hasData(programmeMetrics, current.byTerritoryKind[index]!.get(`${t}|${k}`), previous.byTerritoryKind[index]!.get(`${t}|${k}`)))
        .map((k) => ({ territory: t, kind: k })),
    );
    const byTerritoryKind: ReviewTable = {
      id: `programmes-territoires${suffix}`,
      sheet: `Programmes par ${lower(l)}`,
      title: `Programmes par territoire (${lower(l)}) et type de programme, ${year}`,
      columns: [
        { key: 'territory', label: levelLabels[l], kind: 'text' },
        { key: 'programmeKind', label: 'Type de programme', kind: 'text' },
        ...metricColumns(programmeMetrics, year),
      ],
      rows: pairs.map(({ territory, kind }) => ({
        territory,
        programmeKind: programmeKindLabels[kind],
        ...metricCells(
          programmeMetrics,
          current.byTerritoryKind[index]!.get(`${territory}|${kind}`),
          previous.byTerritoryKind[index]!.get(`${territory}|${kind}`),
        ),
      })),
    };
    return [byTerritory, byTerritoryKind];
  });
  const byTerritory = territoryTables.map(([t]) => t);
  const byTerritoryKind = territoryTables.map(([, t]) => t);

  const byKind: ReviewTable = {
    id: 'programmes',
    sheet: 'Programmes',
    title: `Par type de programme, ${year}`,
    columns: [{ key: 'programmeKind', label: 'Type de programme', kind: 'text' }, ...metricColumns(programmeMetrics, year)],
    rows: programmeKinds.map((k) => ({
      programmeKind: programmeKindLabels[k],
      ...metricCells(programmeMetrics, current.byKind.get(k), previous.byKind.get(k)),
    })),
    total: { programmeKind: 'Total', ...metricCells(programmeMetrics, current.total, previous.total) },
  };

  const pairKeys = new Set<string>();
  for (const [key, t] of current.byPartnerKind) if (hasData(programmeMetrics, t)) pairKeys.add(key);
  for (const [key, t] of previous.byPartnerKind) if (hasData(programmeMetrics, t)) pairKeys.add(key);
  const pairs = [...pairKeys].map((key) => {
    const [partner, kind] = key.split('|') as [string, ProgrammeKind];
    return { key, partner, kind };
  });
  const pairOrder = partnerOrder(new Set(pairs.map((x) => x.partner)));
  pairs.sort((a, b) => pairOrder.indexOf(a.partner) - pairOrder.indexOf(b.partner) || programmeKinds.indexOf(a.kind) - programmeKinds.indexOf(b.kind));
  const byPartnerKind: ReviewTable = {
    id: 'programmes-partenaires',
    sheet: 'Programmes par partenaire',
    title: `Programmes par partenaire, ${year}`,
    columns: [
      { key: 'partner', label: 'Partenaire', kind: 'text' },
      { key: 'programmeKind', label: 'Type de programme', kind: 'text' },
      ...metricColumns(programmeMetrics, year),
    ],
    rows: pairs.map(({ key, partner, kind }) => ({
      partner: partnerName(partner),
      programmeKind: programmeKindLabels[kind],
      ...metricCells(programmeMetrics, current.byPartnerKind.get(key), previous.byPartnerKind.get(key)),
    })),
  };

  // Production workshops report monthly figures rather than sessions: their own table per territory.
  const workshops = levels.map((l, index): ReviewTable => ({
    id: `ateliers${index === 0 ? '' : `-${l}`}`,
    sheet: index === 0 ? 'Ateliers de production' : `Ateliers (${lower(l)})`,
    title: `Ateliers de production par territoire (${lower(l)}), ${year}`,
    columns: [{ key: 'territory', label: levelLabels[l], kind: 'text' }, ...metricColumns(workshopMetrics, year)],
    rows: territoriesAt(index).map((t) => ({
      territory: t,
      ...metricCells(workshopMetrics, current.byTerritory[index]!.get(t), previous.byTerritory[index]!.get(t)),
    })),
    total: { territory: 'Total', ...metricCells(workshopMetrics, current.total, previous.total) },
  }));

  return {
    year,
    scope,
    scopeLabel: label,
    territoryLevel: level,
    title: `Bilan annuel ${year} – ${label}`,
    sites,
    tables: [summary, byPartner, ...byTerritory, byKind, byPartnerKind, ...byTerritoryKind, ...workshops],
  };
}
