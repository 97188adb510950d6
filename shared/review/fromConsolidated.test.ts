import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hqFixture, siteFixture } from '../../test/support/sync.ts';
import { addMeasure, addPerson, fiveDays, tigProgrammeInput, tigSessionInput } from '../../test/support/workshopFixtures.ts';
import { createAgreement } from '../repos/agreements.ts';
import { saveAttendanceGrid } from '../repos/attendance.ts';
import type { RepoContext } from '../repos/context.ts';
import type { Enrolment } from '../schemas/enrolment.ts';
import { enrol } from '../repos/enrolments.ts';
import { saveEstablishmentProfile } from '../repos/establishmentProfiles.ts';
import { createPartner } from '../repos/partners.ts';
import { createProgramme } from '../repos/programmes.ts';
import { createSession } from '../repos/sessions.ts';
import { saveWorkshopFigures } from '../repos/workshopFigures.ts';
import { writeTransaction } from '../repos/writer.ts';
import { siteAnnualReview } from './fromDexie.ts';
import { headquartersAnnualReview, headquartersSiteDirectory, reviewDataFromConsolidated } from './fromConsolidated.ts';

/** A SPIP with a local partner, a host under its convention, a placement with hours, and a TIG pédagogique session. */
async function spipActivity(ctx: RepoContext) {
  const partner = await createPartner(ctx, { name: 'Association Tremplin', kind: 'association', scope: 'local', notes: 'Contact : M. Durand' });
  const convention = await createAgreement(ctx, {
    partnerId: partner.id,
    kind: 'convention_locale',
    signedOn: '2026-01-15',
    validFrom: '2026-01-15',
    scope: ['tig'],
  });
  const person = await addPerson(ctx, { lastName: 'Lefèvre', firstName: 'Julien' });
  const measure = await addMeasure(ctx, person.id);
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
    const placement = await w.insert('placement', {
      measureId: measure.id,
      postId: post.id,
      personId: person.id,
      startDate: '2026-09-07',
      plannedEnd: '2026-12-18',
      status: 'en_cours',
    });
    await w.insert('hourLog', {
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date: '2026-09-07',
      hours: 5.5,
      confirmedByTutor: true,
    });
  });
  const programme = await createProgramme(ctx, { ...tigProgrammeInput, partnerId: partner.id, description: 'Avec M. Durand' });
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

describe('annual review at headquarters, fed by the bundles', () => {
  // Ids are UUID v7 made from the wall clock: pin it to the sites' clock so posts are created in 2026.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the same figures as the site, from pseudonymised records without free text', async () => {
    const hq = await hqFixture();
    const spip = await siteFixture();
    await spipActivity(spip.ctx);
    const prison = await siteFixture({ kind: 'etablissement', code: 'CP-NANCY', name: 'CP de Nancy-Maxéville', departement: '54' });
    await saveEstablishmentProfile(prison.ctx, {
      name: 'CP de Nancy-Maxéville',
      disp: 'strasbourg',
      communeName: 'Maxéville',
      departement: '54',
      capacity: 690,
      productionArea: 2400,
      storageArea: 600,
      domains: ['metallerie'],
      officerName: 'Karim Benali',
    });
    const workshop = await createProgramme(prison.ctx, { kind: 'atelier_production', title: 'Métallerie', domain: 'metallerie', milieu: 'ferme', places: 12 });
    await saveWorkshopFigures(prison.ctx, { programmeId: workshop.id, month: '2026-09', workers: 10, hoursWorked: 1200 });
    await saveWorkshopFigures(prison.ctx, { programmeId: workshop.id, month: '2026-10', workers: 11, hoursWorked: 1300 });

    for (const site of [spip, prison]) expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');

    const data = reviewDataFromConsolidated(hq.store);
    const siteIds = new Set([spip.identity.siteId]);
    const localPersons = new Set((await spip.ctx.db.persons.toArray()).map((p) => p.id));
    expect(data.attendance.every((a) => !localPersons.has(a.personId))).toBe(true);
    expect(JSON.stringify(data)).not.toMatch(/Durand|Lefèvre|Martin|Bénévole ECTI/);
    expect(data.partners.filter((p) => siteIds.has(p.siteId)).map((p) => p.name)).toEqual(['Association Tremplin']);

    expect(headquartersSiteDirectory(hq.store).map((s) => [s.code, s.region, s.disp])).toEqual([
      ['CP-NANCY', 'Grand Est', 'DISP de Strasbourg'],
      ['SPIP-54', 'Grand Est', 'DISP de Strasbourg'],
    ]);

    // Hours on placements only (the 8 attended days count from the attendance), and for a year, that year and the one before.
    expect(await spip.ctx.db.hourLogs.count()).toBe(9);
    expect(data.hourLogs.map((l) => l.placementId !== undefined)).toEqual([true]);
    const window = reviewDataFromConsolidated(hq.store, 2026);
    expect([window.hourLogs.length, window.sessions.length, window.attendance.length]).toEqual([1, 1, 10]);
    const later = reviewDataFromConsolidated(hq.store, 2030);
    expect([later.hourLogs.length, later.sessions.length, later.attendance.length, later.workshopFigures.length]).toEqual([0, 0, 0, 0]);

    const atSite = (await siteAnnualReview(spip.ctx, 2026))!;
    const atHq = headquartersAnnualReview(hq.store, { year: 2026, scope: { kind: 'site', siteId: spip.identity.siteId } });
    expect(atHq.tables).toEqual(atSite.tables);
    const summary = Object.fromEntries(atHq.tables[0]!.rows.map((r) => [r.indicator, r.value]));
    expect(summary).toMatchObject({
      'Postes de TIG offerts': 1,
      'Mises en situation commencées': 1,
      'Heures de TIG en mise en situation': 5.5,
      'Personnes en TIG pédagogique': 2,
      'Heures de TIG pédagogique': 42, // 5 × 6 + 3 × 4
    });

    const national = headquartersAnnualReview(hq.store, { year: 2026, scope: { kind: 'disp', disp: 'DISP de Strasbourg' } });
    const workshops = national.tables.find((t) => t.id === 'ateliers')!;
    expect(workshops.rows.map((r) => [r.territory, r.workshops, r.workers, r.workedHours])).toEqual([
      ['CP de Nancy-Maxéville (CP-NANCY)', 1, 10.5, 2500],
      ['SPIP de Meurthe-et-Moselle (SPIP-54)', 0, 0, 0],
    ]);
  });
});
