import { describe, expect, it } from 'vitest';
import { computeAnnualReview } from '../../../shared/review/annualReview.ts';
import type { ReviewData, SiteDirectoryEntry } from '../../../shared/review/types.ts';
import { hasActivity, reviewCharts } from './chartData.ts';
import { headerGroups } from './tableLayout.ts';
import { defaultReviewYear, reviewYears, scopeOf, scopeOptions, slug } from './scope.ts';

const sites: SiteDirectoryEntry[] = [
  { siteId: 's1', code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle', kind: 'spip', departement: '54', region: 'Grand Est', disp: '' },
  { siteId: 's2', code: 'CP-NANCY', name: 'CP de Nancy-Maxéville', kind: 'etablissement', departement: '54', region: 'Grand Est', disp: 'DISP de Strasbourg' },
  { siteId: 's3', code: 'SPIP-59', name: 'SPIP du Nord', kind: 'spip', departement: '59', region: 'Hauts-de-France', disp: 'DISP de Lille' },
];
const empty: ReviewData = {
  partners: [],
  agreements: [],
  organisations: [],
  posts: [],
  placements: [],
  hourLogs: [],
  programmes: [],
  sessions: [],
  attendance: [],
  workshopFigures: [],
};

/** ECTI's TIG pédagogique in two SPIPs: sessions in 2025 and one in 2024, with attendance. */
const data: ReviewData = {
  ...empty,
  partners: [
    { id: 'ecti', siteId: 'hq', name: 'ECTI', kind: 'association', scope: 'national' },
    { id: 'ratp', siteId: 'hq', name: 'RATP', kind: 'entreprise', scope: 'national' },
  ],
  programmes: [
    { id: 'p1', siteId: 's1', kind: 'tig_pedagogique', partnerId: 'ecti' },
    { id: 'p3', siteId: 's3', kind: 'tig_pedagogique', partnerId: 'ecti' },
  ],
  sessions: [
    { id: 'x1', siteId: 's1', programmeId: 'p1', startDate: '2025-03-03' },
    { id: 'x3', siteId: 's3', programmeId: 'p3', startDate: '2025-05-05' },
    { id: 'x0', siteId: 's1', programmeId: 'p1', startDate: '2024-10-07' },
  ],
  attendance: [
    { id: 'a1', siteId: 's1', sessionId: 'x1', personId: 'k1', present: true, hours: 6 },
    { id: 'a2', siteId: 's1', sessionId: 'x1', personId: 'k2', present: true, hours: 6 },
    { id: 'a3', siteId: 's3', sessionId: 'x3', personId: 'k3', present: true, hours: 5 },
    { id: 'a4', siteId: 's3', sessionId: 'x3', personId: 'k4', present: false, hours: 0 },
    { id: 'a0', siteId: 's1', sessionId: 'x0', personId: 'k1', present: true, hours: 4 },
  ],
};

describe('annual review screen model', () => {
  it('proposes the last full year first and every year back to 2019', () => {
    expect(defaultReviewYear('2026-01-02')).toBe(2025);
    expect(reviewYears('2026-01-02')).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019]);
  });

  it('offers the scopes the directory knows, leaving out sites without a DISP', () => {
    expect(scopeOptions('disp', sites).map((o) => o.label)).toEqual(['DISP de Lille', 'DISP de Strasbourg']);
    expect(scopeOptions('region', sites).map((o) => o.value)).toEqual(['Grand Est', 'Hauts-de-France']);
    expect(scopeOptions('site', sites).map((o) => o.label)).toEqual([
      'CP de Nancy-Maxéville (CP-NANCY)',
      'SPIP de Meurthe-et-Moselle (SPIP-54)',
      'SPIP du Nord (SPIP-59)',
    ]);
    expect(scopeOptions('all', sites)).toEqual([]);
    expect(scopeOf('disp', 'DISP de Lille')).toEqual({ kind: 'disp', disp: 'DISP de Lille' });
    expect(scopeOf('site', '')).toBeUndefined();
    expect(slug('CP de Nancy-Maxéville (CP-NANCY)')).toBe('cp-de-nancy-maxeville-cp-nancy');
  });

  it('groups each figure’s year, previous year and change under one heading', () => {
    const review = computeAnnualReview(data, { year: 2025, scope: { kind: 'all' }, sites });
    const partners = review.tables.find((t) => t.id === 'partenaires')!;
    const groups = headerGroups(partners.columns, 2025);
    expect(groups.map((g) => (g.kind === 'single' ? g.column.label : `${g.label} [${g.columns.map((c) => c.key).join(',')}]`))).toEqual([
      'Partenaire',
      'Type',
      'Portée',
      'Postes de TIG offerts [posts,postsPrev,postsChange]',
      'Mises en situation commencées [placements,placementsPrev,placementsChange]',
      'Heures de TIG en mise en situation [placementHours,placementHoursPrev,placementHoursChange]',
      'Séances de TIG pédagogique [tigpSessions,tigpSessionsPrev,tigpSessionsChange]',
      'Personnes en TIG pédagogique [tigpPersons,tigpPersonsPrev,tigpPersonsChange]',
      'Heures de TIG pédagogique [tigpHours,tigpHoursPrev,tigpHoursChange]',
      'Heures de TIG réalisées (total) [tigHours,tigHoursPrev,tigHoursChange]',
    ]);
    expect(headerGroups(review.tables[0]!.columns, 2025).every((g) => g.kind === 'single')).toBe(true);
  });

  it('draws this year against the previous one, with a sentence that says the same', () => {
    const review = computeAnnualReview(data, { year: 2025, scope: { kind: 'all' }, sites });
    const charts = Object.fromEntries(reviewCharts(review).map((c) => [c.id, c]));
    expect(Object.keys(charts)).toEqual(['activite', 'heures', 'partenaires', 'programmes', 'territoires']);
    expect(charts.activite!.points.find((p) => p.label === 'Personnes en TIG pédagogique')).toEqual({
      label: 'Personnes en TIG pédagogique',
      current: 3,
      previous: 1,
    });
    expect(charts.heures!.points.slice(0, 2)).toEqual([
      { label: 'TIG en mise en situation', current: 0, previous: 0 },
      { label: 'TIG pédagogique', current: 17, previous: 4 },
    ]);
    // RATP did nothing either year: it stays out of the chart (it is in the table).
    expect(charts.partenaires!.points).toEqual([{ label: 'ECTI', current: 17, previous: 4 }]);
    expect(charts.partenaires!.description).toBe('ECTI : 17 h en 2025 (4 h en 2024).');
    expect(charts.programmes!.points).toEqual([{ label: 'TIG pédagogique', current: 3, previous: 1 }]);
    expect(charts.territoires!.points).toEqual([
      { label: 'Grand Est', current: 12, previous: 4 },
      { label: 'Hauts-de-France', current: 5, previous: 0 },
    ]);
    expect(hasActivity(review)).toBe(true);
  });

  it('draws no territory chart for one territory, and knows an empty review', () => {
    const review = computeAnnualReview(empty, { year: 2025, scope: { kind: 'site', siteId: 's1' }, sites });
    expect(reviewCharts(review).map((c) => c.id)).toEqual(['activite', 'heures', 'partenaires', 'programmes']);
    expect(reviewCharts(review).find((c) => c.id === 'partenaires')!.description).toBe('Aucune donnée en 2025 ni en 2024.');
    expect(hasActivity(review)).toBe(false);
  });
});
