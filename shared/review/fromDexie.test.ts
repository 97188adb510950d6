import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, memoryDb, testContext } from '../../test/support/memoryDb.ts';
import { addMeasure, addPerson, fiveDays, receiveFromElsewhere, tigProgrammeInput, tigSessionInput } from '../../test/support/workshopFixtures.ts';
import { saveAttendanceGrid } from '../repos/attendance.ts';
import { enrol } from '../repos/enrolments.ts';
import { createProgramme } from '../repos/programmes.ts';
import { createSession } from '../repos/sessions.ts';
import { writeTransaction } from '../repos/writer.ts';
import { localSiteEntry, siteAnnualReview } from './fromDexie.ts';

describe('annual review of a site, fed by its database', () => {
  // Ids are UUID v7 made from the wall clock: pin it to the test clock so posts are created in 2026.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts what the site recorded through its repositories', async () => {
    const ctx = await testContext();
    const hq = '0190b7a0-0000-7000-8000-00000000aaaa';
    const ratp = await receiveFromElsewhere(ctx, 'partners', { name: 'RATP', kind: 'entreprise', scope: 'national' }, hq);
    const ecti = await receiveFromElsewhere(ctx, 'partners', { name: 'ECTI', kind: 'association', scope: 'national' }, hq);
    const accord = await receiveFromElsewhere(
      ctx,
      'agreements',
      { partnerId: ratp.id, kind: 'accord_cadre_national', signedOn: '2024-11-20', validFrom: '2024-11-20', scope: ['tig'] },
      hq,
    );

    const person = await addPerson(ctx);
    const measure = await addMeasure(ctx, person.id, { periodStart: '2025-10-01' });
    await writeTransaction(ctx, async (w) => {
      const host = await w.insert('organisation', {
        name: 'RATP – dépôt de Nancy',
        kind: 'prive_mission_service_public',
        communeName: 'Nancy',
        departement: '54',
        agreementId: accord.id,
      });
      const post = await w.insert('post', {
        organisationId: host.id,
        tutorIds: [],
        title: 'Entretien des abris',
        domain: 'entretien_nettoyage',
        communeName: 'Nancy',
        departement: '54',
        capacity: 2,
        openToMinors: false,
        accessiblePmr: true,
        active: true,
      });
      const base = { measureId: measure.id, postId: post.id, personId: person.id };
      const older = await w.insert('placement', { ...base, startDate: '2025-11-03', plannedEnd: '2026-02-27', status: 'terminee', endedOn: '2026-02-27' });
      const recent = await w.insert('placement', { ...base, startDate: '2026-10-05', plannedEnd: '2026-12-18', status: 'en_cours' });
      await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: older.id, date: '2026-01-05', hours: 3, confirmedByTutor: true });
      await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: recent.id, date: '2026-10-05', hours: 4, confirmedByTutor: true });
    });

    const programme = await createProgramme(ctx, { ...tigProgrammeInput, partnerId: ecti.id });
    const session = await createSession(ctx, tigSessionInput(programme.id));
    const anna = await addPerson(ctx);
    const bilal = await addPerson(ctx);
    const annaIn = await enrol(ctx, { sessionId: session.id, personId: anna.id, measureId: (await addMeasure(ctx, anna.id)).id });
    const bilalIn = await enrol(ctx, { sessionId: session.id, personId: bilal.id, measureId: (await addMeasure(ctx, bilal.id)).id });
    await saveAttendanceGrid(ctx, session.id, [
      ...fiveDays.map((date) => ({ enrolmentId: annaIn.id, date, present: true })),
      ...fiveDays.map((date, i) => ({ enrolmentId: bilalIn.id, date, present: i < 3 })),
    ]);

    expect(await localSiteEntry(ctx.db)).toMatchObject({ code: 'SPIP-54', region: 'Grand Est', disp: 'DISP de Strasbourg' });
    const review = (await siteAnnualReview(ctx, 2026))!;
    expect(review.title).toBe('Bilan annuel 2026 – SPIP de Meurthe-et-Moselle (SPIP-54)');
    const summary = Object.fromEntries(review.tables.find((t) => t.id === 'synthese')!.rows.map((r) => [r.indicator, [r.value, r.previous]]));
    expect(summary).toMatchObject({
      // Recorded in 2026, but a placement started there in November 2025: the post was open then.
      'Postes de TIG offerts': [1, 1],
      'Places sur ces postes': [2, 2],
      'Mises en situation commencées': [1, 1], // the one of October 2026; the one of November 2025
      'Heures de TIG en mise en situation': [7, 0], // 3 h in January on the older placement, 4 h in October
      'Séances de TIG pédagogique': [1, 0],
      'Personnes en TIG pédagogique': [2, 0],
      'Heures de TIG pédagogique': [48, 0], // 5 × 6 + 3 × 6
    });
    const partners = review.tables.find((t) => t.id === 'partenaires')!.rows;
    expect(partners.map((r) => [r.partner, r.posts, r.placements, r.placementHours, r.tigpPersons, r.tigpHours])).toEqual([
      ['ECTI', 0, 0, 0, 2, 48],
      ['RATP', 1, 1, 7, 0, 0],
    ]);
  });

  it('gives no review before the site is configured', async () => {
    expect(await siteAnnualReview({ db: memoryDb(), clock: fixedClock() }, 2026)).toBeUndefined();
  });
});
