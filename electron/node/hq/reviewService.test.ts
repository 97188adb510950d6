import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../shared/bridge/envelope.ts';
import { createAgreement } from '../../../shared/repos/agreements.ts';
import { saveAttendanceGrid } from '../../../shared/repos/attendance.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { enrol } from '../../../shared/repos/enrolments.ts';
import { saveEstablishmentProfile } from '../../../shared/repos/establishmentProfiles.ts';
import { createPartner } from '../../../shared/repos/partners.ts';
import { createProgramme } from '../../../shared/repos/programmes.ts';
import { createSession } from '../../../shared/repos/sessions.ts';
import { saveWorkshopFigures } from '../../../shared/repos/workshopFigures.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { computeAnnualReview } from '../../../shared/review/annualReview.ts';
import { loadReviewData, localSiteEntry, siteAnnualReview } from '../../../shared/review/fromDexie.ts';
import type { ReviewData } from '../../../shared/review/types.ts';
import type { Enrolment } from '../../../shared/schemas/enrolment.ts';
import type { EstablishmentProfileInput } from '../../../shared/schemas/establishmentProfile.ts';
import { importBundle } from '../../../shared/sync/hqImport.ts';
import { addMeasure, addPerson, fiveDays, tigProgrammeInput, tigSessionInput } from '../../../test/support/workshopFixtures.ts';
import { testServices } from '../../../test/support/services.ts';
import { siteFixture } from '../../../test/support/sync.ts';
import { initHqDir, loadKeyring, openHqStore, readHqPublic } from './hqDir.ts';
import { reviewHandlers } from './reviewService.ts';

type Site = Awaited<ReturnType<typeof siteFixture>>;

/** A convention, a host under it, a post, placements in both years with hours, and a TIG pédagogique session. */
async function spipActivity(ctx: RepoContext, partnerName: string) {
  const partner = await createPartner(ctx, { name: partnerName, kind: 'association', scope: 'local' });
  const convention = await createAgreement(ctx, {
    partnerId: partner.id,
    kind: 'convention_locale',
    signedOn: '2025-01-15',
    validFrom: '2025-01-15',
    scope: ['tig'],
  });
  const person = await addPerson(ctx);
  const measure = await addMeasure(ctx, person.id, { periodStart: '2025-03-01' });
  await writeTransaction(ctx, async (w) => {
    const host = await w.insert('organisation', {
      name: 'Ressourcerie',
      kind: 'association',
      communeName: 'Nancy',
      departement: '54',
      agreementId: convention.id,
    });
    const post = await w.insert('post', {
      organisationId: host.id,
      tutorIds: [],
      title: 'Tri',
      domain: 'environnement_recyclage',
      communeName: 'Nancy',
      departement: '54',
      capacity: 3,
      openToMinors: false,
      accessiblePmr: true,
      active: true,
    });
    const before = await w.insert('placement', {
      measureId: measure.id,
      postId: post.id,
      personId: person.id,
      startDate: '2025-09-01',
      plannedEnd: '2025-12-18',
      status: 'terminee',
      endedOn: '2025-12-18',
    });
    await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: before.id, date: '2025-09-02', hours: 4, confirmedByTutor: true });
    const now = await w.insert('placement', {
      measureId: measure.id,
      postId: post.id,
      personId: person.id,
      startDate: '2026-09-07',
      plannedEnd: '2026-12-18',
      status: 'en_cours',
    });
    await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: now.id, date: '2026-09-07', hours: 5.5, confirmedByTutor: true });
    await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: before.id, date: '2026-01-05', hours: 3, confirmedByTutor: true });
  });
  const programme = await createProgramme(ctx, { ...tigProgrammeInput, partnerId: partner.id });
  const session = await createSession(ctx, tigSessionInput(programme.id));
  const enrolments: Enrolment[] = [];
  for (const name of ['Martin', 'Bernard']) {
    const p = await addPerson(ctx, { lastName: name });
    enrolments.push(await enrol(ctx, { sessionId: session.id, personId: p.id, measureId: (await addMeasure(ctx, p.id)).id }));
  }
  await saveAttendanceGrid(ctx, session.id, [
    ...fiveDays.map((date) => ({ enrolmentId: enrolments[0]!.id, date, present: true })),
    ...fiveDays.map((date, i) => ({ enrolmentId: enrolments[1]!.id, date, present: i % 2 === 0, hours: 4 })),
  ]);
}

const profile = (name: string, overrides: Partial<EstablishmentProfileInput> = {}): EstablishmentProfileInput => ({
  name,
  disp: 'strasbourg',
  communeName: 'Maxéville',
  departement: '54',
  capacity: 690,
  productionArea: 2400,
  storageArea: 600,
  domains: ['metallerie'],
  officerName: 'Karim Benali',
  officerPhone: '03 83 00 00 00',
  ...overrides,
});

let root: string;
let hqDir: string;

async function importSites(...sites: Site[]): Promise<void> {
  const keyring = await loadKeyring(hqDir);
  const pub = await readHqPublic(hqDir);
  const store = openHqStore(hqDir);
  try {
    for (const site of sites) {
      const bundle = await site.export(pub);
      expect(importBundle(store, keyring, bundle.bytes, { now: Date.now(), fileName: bundle.name }).status).toBe('accepted');
    }
  } finally {
    store.close();
  }
}

function merge(...all: ReviewData[]): ReviewData {
  const keys = Object.keys(all[0]!) as (keyof ReviewData)[];
  return Object.fromEntries(keys.map((k) => [k, all.flatMap((d) => [...d[k]])])) as unknown as ReviewData;
}

describe('headquarters review service', () => {
  // Ids are UUID v7 made from the wall clock: pin it to the sites' clock so posts are created in 2026.
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00.000Z'));
    root = await mkdtemp(join(tmpdir(), 'passerelle-review-'));
    hqDir = join(root, 'hq');
    await initHqDir(hqDir, new Date());
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(root, { recursive: true, force: true });
  });

  it('gives, for a site and for all sites, the figures annualReview computes on the sites’ own records', async () => {
    const nancy = await siteFixture();
    await spipActivity(nancy.ctx, 'Association Tremplin');
    const metz = await siteFixture({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' });
    await spipActivity(metz.ctx, 'Régie de quartier');
    const prison = await siteFixture({ kind: 'etablissement', code: 'CP-NANCY', name: 'CP de Nancy-Maxéville', departement: '54' });
    await saveEstablishmentProfile(prison.ctx, profile('CP de Nancy-Maxéville'));
    const workshop = await createProgramme(prison.ctx, { kind: 'atelier_production', title: 'Métallerie', domain: 'metallerie', milieu: 'ferme', places: 12 });
    await saveWorkshopFigures(prison.ctx, { programmeId: workshop.id, month: '2026-09', workers: 10, hoursWorked: 1200 });
    await saveWorkshopFigures(prison.ctx, { programmeId: workshop.id, month: '2025-09', workers: 8, hoursWorked: 900 });
    await importSites(nancy, metz, prison);

    const service = reviewHandlers(hqDir);
    const oneSite = await service.hqReview({ year: 2026, scope: { kind: 'site', siteId: nancy.identity.siteId } });
    expect(oneSite.review.tables).toEqual((await siteAnnualReview(nancy.ctx, 2026))!.tables);
    expect(oneSite.directory.map((s) => [s.code, s.region, s.disp])).toEqual([
      ['CP-NANCY', 'Grand Est', 'DISP de Strasbourg'],
      ['SPIP-54', 'Grand Est', 'DISP de Strasbourg'],
      ['SPIP-57', 'Grand Est', 'DISP de Strasbourg'],
    ]);

    const sites = [nancy, metz, prison];
    const directory = await Promise.all(sites.map(async (s) => (await localSiteEntry(s.ctx.db))!));
    const data = merge(...(await Promise.all(sites.map((s) => loadReviewData(s.ctx.db, 2026)))));
    const everywhere = await service.hqReview({ year: 2026, scope: { kind: 'all' } });
    expect(everywhere.review.tables).toEqual(computeAnnualReview(data, { year: 2026, scope: { kind: 'all' }, sites: directory }).tables);

    const summary = Object.fromEntries(everywhere.review.tables[0]!.rows.map((r) => [r.indicator, [r.value, r.previous, r.change]]));
    expect(summary).toMatchObject({
      'Postes de TIG offerts': [2, 2, 0], // recorded in 2026, open in 2025: a placement started there in September
      'Mises en situation commencées': [2, 2, 0],
      'Heures de TIG en mise en situation': [17, 8, 1.125], // (5,5 + 3) × 2 against 4 × 2
      'Personnes en TIG pédagogique': [4, 0, null],
      'Heures de TIG pédagogique': [84, 0, null], // (5 × 6 + 3 × 4) × 2
      'Ateliers de production actifs': [1, 1, 0],
      'Heures travaillées en atelier': [1200, 900, 0.3333],
    });
    expect(everywhere.review.scopeLabel).toBe('Tous les sites');
    expect(everywhere.review.tables.find((t) => t.id === 'territoires')!.rows.map((r) => r.territory)).toEqual(['Grand Est']);

    const disp = await service.hqReview({ year: 2026, scope: { kind: 'disp', disp: 'DISP de Strasbourg' } });
    expect(disp.review.sites.map((s) => s.code)).toEqual(['CP-NANCY', 'SPIP-54', 'SPIP-57']);
    expect(disp.review.tables[0]!.rows.find((r) => r.indicator === 'Postes de TIG offerts')!.value).toBe(2);
    const lille = await service.hqReview({ year: 2026, scope: { kind: 'disp', disp: 'DISP de Lille' } });
    expect(lille.review.sites).toEqual([]);
  });

  it('lists the establishments a company asks for, with their site’s code and without their notes', async () => {
    const nancy = await siteFixture({ kind: 'etablissement', code: 'CP-NANCY', name: 'CP de Nancy-Maxéville', departement: '54' });
    await saveEstablishmentProfile(nancy.ctx, profile('CP de Nancy-Maxéville', { notes: 'Accès par la rue des Ateliers, badge à demander' }));
    const lille = await siteFixture({ kind: 'etablissement', code: 'CP-LILLE', name: 'CP de Lille-Annœullin', departement: '59' });
    await saveEstablishmentProfile(
      lille.ctx,
      profile('CP de Lille-Annœullin', {
        disp: 'lille',
        communeName: 'Annœullin',
        departement: '59',
        productionArea: 800,
        storageArea: 1500,
        domains: ['dao', 'recyclage_informatique'],
      }),
    );
    await importSites(nancy, lille);

    const service = reviewHandlers(hqDir);
    const all = await service.hqEstablishments({});
    expect(all.establishments.map((e) => [e.name, e.siteCode, e.productionArea])).toEqual([
      ['CP de Nancy-Maxéville', 'CP-NANCY', 2400],
      ['CP de Lille-Annœullin', 'CP-LILLE', 800],
    ]);
    expect(JSON.stringify(all)).not.toContain('badge');
    expect(all.establishments[0]).toMatchObject({ officerName: 'Karim Benali', officerPhone: '03 83 00 00 00', disp: 'strasbourg', capacity: 690 });

    expect((await service.hqEstablishments({ disp: 'lille' })).establishments.map((e) => e.siteCode)).toEqual(['CP-LILLE']);
    expect((await service.hqEstablishments({ domain: 'metallerie' })).establishments.map((e) => e.siteCode)).toEqual(['CP-NANCY']);
    expect((await service.hqEstablishments({ minProductionArea: 1000 })).establishments.map((e) => e.siteCode)).toEqual(['CP-NANCY']);
    expect((await service.hqEstablishments({ minStorageArea: 1000 })).establishments.map((e) => e.siteCode)).toEqual(['CP-LILLE']);
    expect((await service.hqEstablishments({ domain: 'dao', minStorageArea: 2000 })).establishments).toEqual([]);
  });

  it('gives headquarters’ dashboard from the store: sites late first, live records by territory and kind, hours by month', async () => {
    const nancy = await siteFixture();
    await spipActivity(nancy.ctx, 'Association Tremplin');
    const lille = await siteFixture({ code: 'SPIP-59', name: 'SPIP du Nord', departement: '59' });
    await spipActivity(lille.ctx, 'Régie de quartier');
    await importSites(nancy);
    vi.setSystemTime(new Date('2026-12-05T10:00:00.000Z'));
    await importSites(lille);

    const clock = { now: () => Date.parse('2026-12-05T12:00:00.000Z') };
    const board = await reviewHandlers(hqDir, clock).hqDashboard({});
    expect(board.on).toBe('2026-12-05');
    expect(board.sites.map((s) => [s.code, s.lagDays, s.late, s.region, s.disp])).toEqual([
      ['SPIP-54', 10, true, 'Grand Est', 'DISP de Strasbourg'],
      ['SPIP-59', 0, false, 'Hauts-de-France', 'DISP de Lille'],
    ]);
    const placements = board.records.filter((r) => r.entity === 'placement').map((r) => [r.region, r.disp, r.count]);
    expect(placements).toEqual([
      ['Grand Est', 'DISP de Strasbourg', 2],
      ['Hauts-de-France', 'DISP de Lille', 2],
    ]);
    const persons = board.records.filter((r) => r.region === 'Grand Est' && r.entity === 'person');
    expect(persons).toEqual([{ region: 'Grand Est', disp: 'DISP de Strasbourg', entity: 'person', count: 3 }]);
    expect(board.hoursByMonth).toHaveLength(12);
    expect(board.hoursByMonth[0]!.month).toBe('2026-01');
    // 2025-09 is out of the last twelve months; each site logged 3 h in January, 5,5 h in September and 42 h of sessions in November.
    expect(Object.fromEntries(board.hoursByMonth.filter((m) => m.hours > 0).map((m) => [m.month, m.hours]))).toEqual({
      '2026-01': 6,
      '2026-09': 11,
      '2026-11': 84,
    });
  });

  it('answers through the bridge for both hosts, refusing bad requests and a missing store in French', async () => {
    const { handlers } = testServices({ dataDir: root });
    const empty = await dispatch(handlers, 'hqReview', { year: 2026, scope: { kind: 'all' } });
    expect(empty).toMatchObject({ ok: true, value: { directory: [], review: { scopeLabel: 'Tous les sites' } } });

    expect(await dispatch(handlers, 'hqReview', { year: 1990, scope: { kind: 'all' } })).toEqual({
      ok: false,
      error: 'Appel refusé, arguments invalides (year : Année : 2000 au plus tôt)',
    });
    expect(await dispatch(handlers, 'hqEstablishments', { minProductionArea: -5 })).toEqual({
      ok: false,
      error: 'Appel refusé, arguments invalides (minProductionArea : Surface de production minimale : nombre positif attendu)',
    });
    expect(await dispatch(handlers, 'hqReview', { year: 2026, scope: { kind: 'site', siteId: '0190b0a0-0000-7000-8000-000000000000' } })).toEqual({
      ok: false,
      error: 'Ce site est inconnu du siège : aucun de ses lots n’a été importé.',
    });

    const { handlers: elsewhere } = testServices({ dataDir: join(root, 'site') });
    const missing = await dispatch(elsewhere, 'hqEstablishments', {});
    expect(missing).toEqual({ ok: false, error: expect.stringMatching(/^Aucune base consolidée du siège sur ce poste/) });
  });
});
