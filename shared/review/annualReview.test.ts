import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { computeAnnualReview, creationDateOf, yearOnYear } from './annualReview.ts';
import { tableToMatrix } from './tables.ts';
import type { AnnualReview, ReviewData, ReviewRow, SiteDirectoryEntry } from './types.ts';

/**
 * A known data set, counted by hand below. Review of 2025, compared with 2024.
 * Sites: S1 SPIP 54 and S2 CP Nancy (Grand Est, DISP de Strasbourg), S3 SPIP 69 (Auvergne-Rhône-Alpes,
 * DISP de Lyon), HQ (headquarters, holds the national partners). Records of S9, a site missing from the
 * directory, are left out everywhere.
 */
const sites: SiteDirectoryEntry[] = [
  { siteId: 'S1', code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle', kind: 'spip', departement: '54', region: 'Grand Est', disp: 'DISP de Strasbourg' },
  { siteId: 'S2', code: 'CP-NANCY', name: 'CP de Nancy-Maxéville', kind: 'etablissement', departement: '54', region: 'Grand Est', disp: 'DISP de Strasbourg' },
  { siteId: 'S3', code: 'SPIP-69', name: 'SPIP du Rhône', kind: 'spip', departement: '69', region: 'Auvergne-Rhône-Alpes', disp: 'DISP de Lyon' },
  { siteId: 'HQ', code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip', departement: '75', region: 'Île-de-France', disp: '' },
];

const createdOn = (iso: string) => uuidv7({ msecs: Date.parse(`${iso}T12:00:00Z`) });
const clock = (iso: string) => `${iso}T12:00:00.000Z-0000-device`;

function knownData(): ReviewData {
  const posts: ReviewData['posts'] = [
    // P1 RATP, S1, 2 places: offered in 2024 and 2025.
    { id: createdOn('2023-03-01'), siteId: 'S1', organisationId: 'O1', capacity: 2, active: true, updatedAt: clock('2023-03-01') },
    // P2 RATP, S1, closed during 2025: offered in 2024 and 2025.
    { id: createdOn('2024-05-01'), siteId: 'S1', organisationId: 'O1', capacity: 1, active: false, updatedAt: clock('2025-06-30') },
    // P3 Mairie, S1, 3 places, created in 2025.
    { id: createdOn('2025-02-01'), siteId: 'S1', organisationId: 'O2', capacity: 3, active: true, updatedAt: clock('2025-02-01') },
    // P4 no agreement, S1, deleted in August 2024: offered in 2024 only.
    { id: createdOn('2023-01-10'), siteId: 'S1', organisationId: 'O3', capacity: 1, active: true, updatedAt: clock('2024-08-01'), deleted: true },
    // P5 RATP, S3, 4 places.
    { id: createdOn('2024-09-01'), siteId: 'S3', organisationId: 'O4', capacity: 4, active: true, updatedAt: clock('2024-09-01') },
    // P6 created in 2026, P7 closed in 2023: offered in neither year. P8 belongs to S9.
    { id: createdOn('2026-01-15'), siteId: 'S1', organisationId: 'O1', capacity: 5, active: true, updatedAt: clock('2026-01-15') },
    { id: createdOn('2023-01-01'), siteId: 'S1', organisationId: 'O2', capacity: 1, active: false, updatedAt: clock('2023-12-20') },
    { id: createdOn('2024-01-01'), siteId: 'S9', organisationId: 'O1', capacity: 9, active: true, updatedAt: clock('2024-01-01') },
  ];
  const [P1, , P3, P4, P5] = posts.map((p) => p.id) as [string, string, string, string, string];
  return {
    partners: [
      { id: 'RATP', siteId: 'HQ', name: 'RATP', kind: 'entreprise', scope: 'national' },
      { id: 'ECTI', siteId: 'HQ', name: 'ECTI', kind: 'association', scope: 'national' },
      { id: 'POSTE', siteId: 'HQ', name: 'Groupe La Poste', kind: 'entreprise', scope: 'national' },
      { id: 'MAIRIE', siteId: 'S1', name: 'Mairie de Nancy', kind: 'collectivite', scope: 'local' },
      { id: 'OLD', siteId: 'S1', name: 'Ancien partenaire', kind: 'association', scope: 'local', deleted: true },
    ],
    agreements: [
      { id: 'A-RATP', partnerId: 'RATP' },
      { id: 'A-ECTI', partnerId: 'ECTI' },
      { id: 'A-MAIRIE', partnerId: 'MAIRIE' },
    ],
    organisations: [{ id: 'O1', agreementId: 'A-RATP' }, { id: 'O2', agreementId: 'A-MAIRIE' }, { id: 'O3' }, { id: 'O4', agreementId: 'A-RATP' }],
    posts,
    placements: [
      { id: 'PL1', siteId: 'S1', postId: P1, startDate: '2025-03-10', status: 'en_cours' },
      { id: 'PL2', siteId: 'S1', postId: P3, startDate: '2025-11-02', status: 'terminee', endedOn: '2025-12-15' },
      { id: 'PL3', siteId: 'S1', postId: P1, startDate: '2024-10-01', status: 'terminee', endedOn: '2025-01-10' },
      { id: 'PL4', siteId: 'S3', postId: P5, startDate: '2025-01-05', status: 'interrompue', endedOn: '2025-01-20' },
      { id: 'PL5', siteId: 'S1', postId: P3, startDate: '2025-12-01', status: 'prevue' },
      { id: 'PL6', siteId: 'S1', postId: P4, startDate: '2024-02-01', status: 'terminee', endedOn: '2024-03-01' },
      { id: 'PL7', siteId: 'S1', postId: P1, startDate: '2025-04-01', status: 'en_cours', deleted: true },
      { id: 'PL9', siteId: 'S9', postId: P1, startDate: '2025-04-01', status: 'en_cours' },
    ],
    hourLogs: [
      { id: 'H1', siteId: 'S1', placementId: 'PL1', date: '2025-03-10', hours: 4 },
      { id: 'H2', siteId: 'S1', placementId: 'PL1', date: '2025-03-11', hours: 3.5 },
      { id: 'H3', siteId: 'S1', placementId: 'PL1', date: '2025-12-31', hours: 2 },
      { id: 'H4', siteId: 'S1', placementId: 'PL2', date: '2025-11-02', hours: 7 },
      { id: 'H5', siteId: 'S1', placementId: 'PL3', date: '2024-10-01', hours: 5 },
      { id: 'H6', siteId: 'S1', placementId: 'PL3', date: '2024-12-31', hours: 6 },
      { id: 'H7', siteId: 'S1', placementId: 'PL3', date: '2025-01-02', hours: 3 },
      { id: 'H8', siteId: 'S3', placementId: 'PL4', date: '2025-01-05', hours: 2.25 },
      { id: 'H9', siteId: 'S3', placementId: 'PL4', date: '2025-01-06', hours: 8, deleted: true },
      { id: 'H10', siteId: 'S1', placementId: 'PL6', date: '2024-02-01', hours: 10 },
      // The copy on the measure of a TIG pédagogique attendance: counted from the attendance, not here.
      { id: 'H11', siteId: 'S1', date: '2025-03-03', hours: 6 },
      { id: 'H12', siteId: 'S9', placementId: 'PL9', date: '2025-04-01', hours: 5 },
    ],
    programmes: [
      { id: 'PR1', siteId: 'S1', kind: 'tig_pedagogique', partnerId: 'ECTI' },
      { id: 'PR2', siteId: 'S2', kind: 'atelier_production' },
      { id: 'PR3', siteId: 'S2', kind: 'formation_professionnelle' },
      { id: 'PR4', siteId: 'S3', kind: 'tig_pedagogique', partnerId: 'ECTI' },
      { id: 'PR9', siteId: 'S9', kind: 'tig_pedagogique', partnerId: 'ECTI' },
    ],
    sessions: [
      { id: 'SE1', siteId: 'S1', programmeId: 'PR1', startDate: '2025-03-03' },
      { id: 'SE2', siteId: 'S1', programmeId: 'PR1', startDate: '2025-12-29' },
      { id: 'SE3', siteId: 'S1', programmeId: 'PR1', startDate: '2024-06-03' },
      { id: 'SE4', siteId: 'S3', programmeId: 'PR4', startDate: '2025-05-05' },
      { id: 'SE5', siteId: 'S2', programmeId: 'PR3', startDate: '2025-09-01' },
      { id: 'SE6', siteId: 'S1', programmeId: 'PR1', startDate: '2025-04-01', deleted: true },
      { id: 'SE9', siteId: 'S9', programmeId: 'PR9', startDate: '2025-04-01' },
    ],
    attendance: [
      ...[6, 6, 6].map((hours, i) => ({ id: `SE1-k1-${i}`, siteId: 'S1', sessionId: 'SE1', personId: 'k1', present: true, hours })),
      { id: 'SE1-k2-0', siteId: 'S1', sessionId: 'SE1', personId: 'k2', present: true, hours: 6 },
      { id: 'SE1-k2-1', siteId: 'S1', sessionId: 'SE1', personId: 'k2', present: false, hours: 0 },
      { id: 'SE1-k2-2', siteId: 'S1', sessionId: 'SE1', personId: 'k2', present: true, hours: 6 },
      ...[0, 1, 2].map((i) => ({ id: `SE1-k3-${i}`, siteId: 'S1', sessionId: 'SE1', personId: 'k3', present: false, hours: 0 })),
      { id: 'SE2-k1-0', siteId: 'S1', sessionId: 'SE2', personId: 'k1', present: true, hours: 5 },
      { id: 'SE2-k1-1', siteId: 'S1', sessionId: 'SE2', personId: 'k1', present: true, hours: 5 },
      { id: 'SE2-k4-0', siteId: 'S1', sessionId: 'SE2', personId: 'k4', present: true, hours: 5 },
      ...[6, 6, 6].map((hours, i) => ({ id: `SE3-k5-${i}`, siteId: 'S1', sessionId: 'SE3', personId: 'k5', present: true, hours })),
      { id: 'SE3-k6-0', siteId: 'S1', sessionId: 'SE3', personId: 'k6', present: true, hours: 4 },
      ...[6, 6, 6].map((hours, i) => ({ id: `SE4-k7-${i}`, siteId: 'S3', sessionId: 'SE4', personId: 'k7', present: true, hours })),
      { id: 'SE4-k8-0', siteId: 'S3', sessionId: 'SE4', personId: 'k8', present: true, hours: 6, deleted: true },
      { id: 'SE5-k9-0', siteId: 'S2', sessionId: 'SE5', personId: 'k9', present: true, hours: 3.5 },
      { id: 'SE5-k9-1', siteId: 'S2', sessionId: 'SE5', personId: 'k9', present: true, hours: 3.5 },
      { id: 'SE5-k10-0', siteId: 'S2', sessionId: 'SE5', personId: 'k10', present: true, hours: 3.5 },
      { id: 'SE6-k1-0', siteId: 'S1', sessionId: 'SE6', personId: 'k1', present: true, hours: 6, deleted: true },
      { id: 'SE9-k1-0', siteId: 'S9', sessionId: 'SE9', personId: 'k99', present: true, hours: 6 },
    ],
    workshopFigures: [
      { id: 'F1', siteId: 'S2', programmeId: 'PR2', month: '2025-01', workers: 10, hoursWorked: 1200 },
      { id: 'F2', siteId: 'S2', programmeId: 'PR2', month: '2025-02', workers: 12, hoursWorked: 1300 },
      { id: 'F3', siteId: 'S2', programmeId: 'PR2', month: '2025-03', workers: 11, hoursWorked: 1250 },
      { id: 'F4', siteId: 'S2', programmeId: 'PR2', month: '2025-04', workers: 20, hoursWorked: 3000, deleted: true },
      { id: 'F5', siteId: 'S2', programmeId: 'PR2', month: '2024-12', workers: 8, hoursWorked: 900 },
      { id: 'F6', siteId: 'S2', programmeId: 'PR3', month: '2025-01', workers: 5, hoursWorked: 100 },
    ],
  };
}

function table(review: AnnualReview, id: string) {
  const found = review.tables.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

function rowOf(rows: ReviewRow[], key: string, value: string): ReviewRow {
  const found = rows.find((r) => r[key] === value);
  if (!found) throw new Error(`no row ${value}`);
  return found;
}

/** value 2025, value 2024, change, for the metrics of a row. */
function triples(row: ReviewRow, metrics: string[]) {
  return Object.fromEntries(metrics.map((m) => [m, [row[m], row[`${m}Prev`], row[`${m}Change`]]]));
}

describe('posts offered in a year', () => {
  it('counts a post recorded after the fact in the years a placement ran there, not the years of a planned or ended one', () => {
    const recordedLater = (n: number) => ({
      id: createdOn('2026-01-15').replace(/.$/, String(n)),
      siteId: 'S1',
      organisationId: 'O1',
      capacity: 1,
      active: true,
      updatedAt: clock('2026-01-15'),
    });
    const [A, B, C] = [recordedLater(1), recordedLater(2), recordedLater(3)];
    const data: ReviewData = {
      ...knownData(),
      posts: [A, B, C],
      placements: [
        { id: 'PA', siteId: 'S1', postId: A.id, startDate: '2025-03-01', status: 'en_cours' },
        { id: 'PB', siteId: 'S1', postId: B.id, startDate: '2024-05-01', status: 'terminee', endedOn: '2024-12-20' },
        { id: 'PC', siteId: 'S1', postId: C.id, startDate: '2025-05-01', status: 'prevue' },
      ],
    };
    const offered = (year: number) => table(computeAnnualReview(data, { year, scope: { kind: 'all' }, sites }), 'synthese').rows[0]!;
    expect([offered(2025).indicator, offered(2025).value, offered(2025).previous]).toEqual(['Postes de TIG offerts', 1, 1]);
    expect(offered(2024).previous).toBe(0);
  });
});

describe('annual review, every figure against a hand count', () => {
  const review = computeAnnualReview(knownData(), { year: 2025, scope: { kind: 'all' }, sites });

  it('sums up the year against the year before', () => {
    expect(review.title).toBe('Bilan annuel 2025 – Tous les sites');
    expect(table(review, 'synthese').rows.map((r) => [r.indicator, r.value, r.previous, r.change])).toEqual([
      ['Postes de TIG offerts', 4, 4, 0], // 2025: P1 P2 P3 P5; 2024: P1 P2 P4 P5
      ['Places sur ces postes', 10, 8, 0.25], // 2 + 1 + 3 + 4; 2 + 1 + 1 + 4
      ['Mises en situation commencées', 3, 2, 0.5], // PL1 PL2 PL4; PL3 PL6
      ['Heures de TIG en mise en situation', 21.75, 21, 0.0357], // 9.5 + 7 + 3 + 2.25; 11 + 10
      ['Séances de TIG pédagogique', 3, 1, 2], // SE1 SE2 SE4; SE3
      ['Personnes en TIG pédagogique', 4, 2, 1], // k1 k2 k4 k7; k5 k6
      ['Heures de TIG pédagogique', 63, 22, 1.8636], // 18 + 12 + 10 + 5 + 18; 18 + 4
      ['Heures de TIG réalisées (total)', 84.75, 43, 0.9709],
      ['Séances', 4, 1, 3], // + SE5
      ['Participants', 6, 2, 2], // + k9 k10
      ['Heures de présence', 73.5, 22, 2.3409], // 63 + 10.5
      ['Ateliers de production actifs', 1, 1, 0], // PR2
      ['Travailleurs en atelier (moyenne mensuelle)', 11, 8, 0.375], // (10 + 12 + 11) / 3; 8
      ['Heures travaillées en atelier', 3750, 900, 3.1667],
    ]);
  });

  it('counts per partner, national partners listed even without activity, no partner last', () => {
    const t = table(review, 'partenaires');
    expect(t.rows.map((r) => r.partner)).toEqual(['ECTI', 'Groupe La Poste', 'Mairie de Nancy', 'RATP', 'Sans partenaire']);
    const m = ['posts', 'placements', 'placementHours', 'tigpSessions', 'tigpPersons', 'tigpHours', 'tigHours'];
    expect(triples(rowOf(t.rows, 'partner', 'RATP'), m)).toEqual({
      posts: [3, 3, 0], // P1 P2 P5 both years
      placements: [2, 1, 1], // PL1 PL4; PL3
      placementHours: [14.75, 11, 0.3409], // 9.5 + 3 + 2.25; 5 + 6
      tigpSessions: [0, 0, null],
      tigpPersons: [0, 0, null],
      tigpHours: [0, 0, null],
      tigHours: [14.75, 11, 0.3409],
    });
    expect(triples(rowOf(t.rows, 'partner', 'ECTI'), m)).toEqual({
      posts: [0, 0, null],
      placements: [0, 0, null],
      placementHours: [0, 0, null],
      tigpSessions: [3, 1, 2],
      tigpPersons: [4, 2, 1],
      tigpHours: [63, 22, 1.8636],
      tigHours: [63, 22, 1.8636],
    });
    expect(triples(rowOf(t.rows, 'partner', 'Mairie de Nancy'), ['tigHours'])).toEqual({ tigHours: [7, 0, null] });
    expect(triples(rowOf(t.rows, 'partner', 'Mairie de Nancy'), m)).toMatchObject({
      posts: [1, 0, null],
      placements: [1, 0, null],
      placementHours: [7, 0, null],
    });
    expect(rowOf(t.rows, 'partner', 'Mairie de Nancy')).toMatchObject({ partnerKind: 'Collectivité', partnerScope: 'Local' });
    expect(triples(rowOf(t.rows, 'partner', 'Sans partenaire'), m)).toMatchObject({ posts: [0, 1, -1], placements: [0, 1, -1], placementHours: [0, 10, -1] });
    expect(triples(rowOf(t.rows, 'partner', 'Groupe La Poste'), ['posts'])).toEqual({ posts: [0, 0, null] });
    expect(triples(t.total!, m)).toEqual({
      posts: [4, 4, 0],
      placements: [3, 2, 0.5],
      placementHours: [21.75, 21, 0.0357],
      tigpSessions: [3, 1, 2],
      tigpPersons: [4, 2, 1],
      tigpHours: [63, 22, 1.8636],
      tigHours: [84.75, 43, 0.9709],
    });
  });

  it('counts per territory, by region for all sites', () => {
    const t = table(review, 'territoires');
    expect(t.rows.map((r) => r.territory)).toEqual(['Auvergne-Rhône-Alpes', 'Grand Est', 'Île-de-France']);
    expect(t.title).toBe('Par territoire (région), 2025');
    const m = ['posts', 'placements', 'placementHours', 'tigpPersons', 'tigpHours', 'tigHours', 'sessions', 'participants', 'programmeHours'];
    expect(triples(rowOf(t.rows, 'territory', 'Grand Est'), m)).toEqual({
      posts: [3, 3, 0], // P1 P2 P3; P1 P2 P4
      placements: [2, 2, 0], // PL1 PL2; PL3 PL6
      placementHours: [19.5, 21, -0.0714], // 9.5 + 7 + 3
      tigpPersons: [3, 2, 0.5], // k1 k2 k4; k5 k6
      tigpHours: [45, 22, 1.0455], // 18 + 12 + 10 + 5
      tigHours: [64.5, 43, 0.5], // 19.5 + 45; 21 + 22
      sessions: [3, 1, 2], // SE1 SE2 SE5
      participants: [5, 2, 1.5], // k1 k2 k4 k9 k10
      programmeHours: [55.5, 22, 1.5227], // 45 + 10.5
    });
    expect(triples(rowOf(t.rows, 'territory', 'Auvergne-Rhône-Alpes'), m)).toEqual({
      posts: [1, 1, 0],
      placements: [1, 0, null],
      placementHours: [2.25, 0, null],
      tigpPersons: [1, 0, null],
      tigpHours: [18, 0, null],
      tigHours: [20.25, 0, null],
      sessions: [1, 0, null],
      participants: [1, 0, null],
      programmeHours: [18, 0, null],
    });
    expect(triples(rowOf(t.rows, 'territory', 'Île-de-France'), ['posts', 'sessions'])).toEqual({ posts: [0, 0, null], sessions: [0, 0, null] });
  });

  it('counts per territory by DISP as well for all sites, headquarters outside any DISP', () => {
    const t = table(review, 'territoires-disp');
    expect([t.title, t.sheet, t.columns[0]!.label]).toEqual(['Par territoire (DISP), 2025', 'Territoires (DISP)', 'DISP']);
    expect(t.rows.map((r) => [r.territory, r.posts, r.placements, r.placementHours, r.tigpHours, r.tigHours, r.tigHoursPrev, r.tigHoursChange])).toEqual([
      ['DISP de Lyon', 1, 1, 2.25, 18, 20.25, 0, null], // S3
      ['DISP de Strasbourg', 3, 2, 19.5, 45, 64.5, 43, 0.5], // S1 and S2, as Grand Est
      ['Hors DISP', 0, 0, 0, 0, 0, 0, null], // headquarters
    ]);
    expect(t.total).toMatchObject({ tigHours: 84.75, tigHoursPrev: 43 });
    const workshops = table(review, 'ateliers-disp');
    expect(workshops.rows.map((r) => [r.territory, r.workshops, r.workedHours, r.workedHoursPrev])).toEqual([
      ['DISP de Lyon', 0, 0, 0],
      ['DISP de Strasbourg', 1, 3750, 900], // PR2 at S2
      ['Hors DISP', 0, 0, 0],
    ]);
    expect(review.tables.map((x) => x.id)).toEqual([
      'synthese',
      'partenaires',
      'territoires',
      'territoires-disp',
      'programmes',
      'programmes-partenaires',
      'programmes-territoires',
      'programmes-territoires-disp',
      'ateliers',
      'ateliers-disp',
    ]);
  });

  it('counts sessions, participants and hours per territory and programme kind, the kinds that ran', () => {
    const byRegion = table(review, 'programmes-territoires');
    expect(byRegion.columns.slice(0, 3).map((c) => c.label)).toEqual(['Région', 'Type de programme', 'Séances 2025']);
    expect(
      byRegion.rows.map((r) => [
        r.territory,
        r.programmeKind,
        r.sessions,
        r.sessionsPrev,
        r.participants,
        r.participantsPrev,
        r.programmeHours,
        r.programmeHoursPrev,
      ]),
    ).toEqual([
      ['Auvergne-Rhône-Alpes', 'TIG pédagogique', 1, 0, 1, 0, 18, 0], // SE4: k7
      ['Grand Est', 'Formation professionnelle', 1, 0, 2, 0, 10.5, 0], // SE5: k9 k10
      ['Grand Est', 'TIG pédagogique', 2, 1, 3, 2, 45, 22], // SE1 SE2: k1 k2 k4; SE3: k5 k6
    ]);
    const byDisp = table(review, 'programmes-territoires-disp');
    expect(byDisp.sheet).toBe('Programmes par DISP');
    expect(byDisp.rows.map((r) => [r.territory, r.programmeKind, r.sessions, r.participants, r.programmeHours])).toEqual([
      ['DISP de Lyon', 'TIG pédagogique', 1, 1, 18],
      ['DISP de Strasbourg', 'Formation professionnelle', 1, 2, 10.5],
      ['DISP de Strasbourg', 'TIG pédagogique', 2, 3, 45],
    ]);
  });

  it('counts sessions, participants and hours per programme kind, every kind listed', () => {
    const t = table(review, 'programmes');
    expect(t.rows).toHaveLength(7);
    const m = ['sessions', 'participants', 'programmeHours'];
    expect(triples(rowOf(t.rows, 'programmeKind', 'TIG pédagogique'), m)).toEqual({
      sessions: [3, 1, 2],
      participants: [4, 2, 1],
      programmeHours: [63, 22, 1.8636],
    });
    expect(triples(rowOf(t.rows, 'programmeKind', 'Formation professionnelle'), m)).toEqual({
      sessions: [1, 0, null],
      participants: [2, 0, null],
      programmeHours: [10.5, 0, null],
    });
    expect(triples(rowOf(t.rows, 'programmeKind', 'Apprentissage'), m)).toEqual({
      sessions: [0, 0, null],
      participants: [0, 0, null],
      programmeHours: [0, 0, null],
    });
    expect(triples(t.total!, m)).toEqual({ sessions: [4, 1, 3], participants: [6, 2, 2], programmeHours: [73.5, 22, 2.3409] });
    const pairs = table(review, 'programmes-partenaires').rows.map((r) => [r.partner, r.programmeKind, r.sessions, r.participants, r.programmeHours]);
    expect(pairs).toEqual([
      ['ECTI', 'TIG pédagogique', 3, 4, 63],
      ['Sans partenaire', 'Formation professionnelle', 1, 2, 10.5],
    ]);
  });

  it('counts production workshops per territory', () => {
    const t = table(review, 'ateliers');
    expect(triples(rowOf(t.rows, 'territory', 'Grand Est'), ['workshops', 'workers', 'workedHours'])).toEqual({
      workshops: [1, 1, 0],
      workers: [11, 8, 0.375],
      workedHours: [3750, 900, 3.1667],
    });
  });

  it('narrows to one site, a DISP or a region, grouping by site or département', () => {
    const one = computeAnnualReview(knownData(), { year: 2025, scope: { kind: 'site', siteId: 'S3' }, sites });
    expect(one.title).toBe('Bilan annuel 2025 – SPIP du Rhône (SPIP-69)');
    expect(
      table(one, 'synthese')
        .rows.slice(0, 7)
        .map((r) => [r.value, r.previous]),
    ).toEqual([
      [1, 1], // P5
      [4, 4],
      [1, 0], // PL4
      [2.25, 0],
      [1, 0], // SE4
      [1, 0], // k7
      [18, 0],
    ]);
    expect(table(one, 'territoires').rows.map((r) => r.territory)).toEqual(['SPIP du Rhône (SPIP-69)']);
    expect(one.tables.some((t) => t.id.endsWith('-disp'))).toBe(false);

    const disp = computeAnnualReview(knownData(), { year: 2025, scope: { kind: 'disp', disp: 'DISP de Strasbourg' }, sites });
    const dispRows = table(disp, 'territoires').rows;
    expect(dispRows.map((r) => [r.territory, r.posts, r.sessions, r.participants, r.programmeHours])).toEqual([
      ['CP de Nancy-Maxéville (CP-NANCY)', 0, 1, 2, 10.5],
      ['SPIP de Meurthe-et-Moselle (SPIP-54)', 3, 2, 3, 45],
    ]);
    expect(table(disp, 'partenaires').rows.find((r) => r.partner === 'RATP')).toMatchObject({ posts: 2, placements: 1, placementHours: 12.5 });

    const region = computeAnnualReview(knownData(), { year: 2025, scope: { kind: 'region', region: 'Grand Est' }, sites });
    expect(table(region, 'territoires').rows.map((r) => [r.territory, r.posts, r.tigpHours])).toEqual([['54 – Meurthe-et-Moselle', 3, 45]]);

    const byDisp = computeAnnualReview(knownData(), { year: 2025, scope: { kind: 'all' }, sites, territoryLevel: 'disp' });
    expect(table(byDisp, 'territoires').rows.map((r) => [r.territory, r.posts])).toEqual([
      ['DISP de Lyon', 1],
      ['DISP de Strasbourg', 3],
      ['Hors DISP', 0],
    ]);
  });

  it('gives every table as a grid ready for CSV or XLSX', () => {
    const grid = tableToMatrix(table(review, 'synthese'));
    expect(grid[0]).toEqual(['Indicateur', '2025', '2024', 'Évolution']);
    expect(grid[2]).toEqual(['Places sur ces postes', 10, 8, 0.25]);
    const text = tableToMatrix(table(review, 'partenaires'), { formatted: true });
    const ratp = text.find((line) => line[0] === 'RATP')!;
    expect(ratp.slice(3, 9)).toEqual(['3', '3', '0 %', '2', '1', '+100 %']);
    expect(text[text.length - 1]![0]).toBe('Total');
    expect(text.find((line) => line[0] === 'Groupe La Poste')![5]).toBe('—');
    for (const t of review.tables) expect(t.sheet.length).toBeLessThanOrEqual(31);
  });
});

describe('ECTI-like case: 20 sessions, 119 persons, 2,578 hours', () => {
  /**
   * 12 delegations (sites): 8 with two sessions, 4 with one. Sessions of 4 days × 6 h; 19 sessions of 6
   * persons and one of 5 (119). Hours: 119 × 24 = 2,856, less 46 full days of absence (276 h) and one
   * person who left 2 hours early: 2,578.
   */
  function ectiData(): { data: ReviewData; sites: SiteDirectoryEntry[] } {
    const delegations: SiteDirectoryEntry[] = Array.from({ length: 12 }, (_, i) => ({
      siteId: `D${i + 1}`,
      code: `SPIP-D${i + 1}`,
      name: `SPIP délégation ${i + 1}`,
      kind: 'spip',
      departement: i < 6 ? '54' : '69',
      region: i < 6 ? 'Grand Est' : 'Auvergne-Rhône-Alpes',
      disp: i < 6 ? 'DISP de Strasbourg' : 'DISP de Lyon',
    }));
    const data: ReviewData = {
      partners: [{ id: 'ECTI', siteId: 'HQ', name: 'ECTI', kind: 'association', scope: 'national' }],
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
    const programmes = data.programmes as ReviewData['programmes'][number][];
    const sessions = data.sessions as ReviewData['sessions'][number][];
    const attendance = data.attendance as ReviewData['attendance'][number][];
    let sessionCount = 0;
    let person = 0;
    delegations.forEach((site, i) => {
      programmes.push({ id: `PR-${site.siteId}`, siteId: site.siteId, kind: 'tig_pedagogique', partnerId: 'ECTI' });
      for (let s = 0; s < (i < 8 ? 2 : 1); s++) {
        sessionCount += 1;
        const sessionId = `SE-${sessionCount}`;
        sessions.push({ id: sessionId, siteId: site.siteId, programmeId: `PR-${site.siteId}`, startDate: `2024-0${(s % 9) + 3}-0${(i % 5) + 1}` });
        for (let p = 0; p < (sessionCount === 20 ? 5 : 6); p++) {
          person += 1;
          for (let day = 0; day < 4; day++) {
            const absent = day === 3 && person <= 46;
            const hours = absent ? 0 : day === 3 && person === 47 ? 4 : 6;
            attendance.push({
              id: `${sessionId}-${person}-${day}`,
              siteId: site.siteId,
              sessionId,
              personId: `${site.siteId}-key-${person}`,
              present: !absent,
              hours,
            });
          }
        }
      }
    });
    return { data, sites: delegations };
  }

  it('finds the figures ECTI reported for 2024', () => {
    const { data, sites: delegations } = ectiData();
    const review = computeAnnualReview(data, { year: 2024, scope: { kind: 'all' }, sites: delegations });
    const ecti = table(review, 'partenaires').rows.find((r) => r.partner === 'ECTI')!;
    expect([ecti.tigpSessions, ecti.tigpPersons, ecti.tigpHours]).toEqual([20, 119, 2578]);
    expect([ecti.tigpSessionsPrev, ecti.tigpSessionsChange]).toEqual([0, null]);
    const kind = table(review, 'programmes').rows.find((r) => r.programmeKind === 'TIG pédagogique')!;
    expect([kind.sessions, kind.participants, kind.programmeHours]).toEqual([20, 119, 2578]);
    const regions = table(review, 'territoires').rows.map((r) => [r.territory, r.tigpPersons, r.tigpHours]);
    // Grand Est: delegations 1–6, all with two sessions: 12 sessions × 6 persons = 72, persons 1–72;
    // 72 × 24 − 46 × 6 − 2 = 1,450. Auvergne-Rhône-Alpes: the other 47 persons, 47 × 24 = 1,128.
    expect(regions).toEqual([
      ['Auvergne-Rhône-Alpes', 47, 1128],
      ['Grand Est', 72, 1450],
    ]);
    expect(table(review, 'territoires-disp').rows.map((r) => [r.territory, r.tigpPersons, r.tigHours])).toEqual([
      ['DISP de Lyon', 47, 1128],
      ['DISP de Strasbourg', 72, 1450],
    ]);
    expect(ecti.tigHours).toBe(2578);
  });
});

describe('review helpers', () => {
  it('reads the creation date of a UUID v7 id, in Paris time', () => {
    expect(creationDateOf(uuidv7({ msecs: Date.parse('2024-12-31T23:30:00Z') }))).toBe('2025-01-01');
    expect(creationDateOf('0e5b8e1c-3f40-4c8e-9a43-5c1f0c9a1b2d')).toBeUndefined();
  });

  it('gives no change when the previous year is zero', () => {
    expect([yearOnYear(5, 0), yearOnYear(0, 4), yearOnYear(3, 2)]).toEqual([null, -1, 0.5]);
  });
});
