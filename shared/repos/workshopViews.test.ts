import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { seedPlacement } from '../../test/support/tig.ts';
import { addMeasure, addPerson, fiveDays, tigProgrammeInput, tigSessionInput } from '../../test/support/workshopFixtures.ts';
import { saveAttendanceGrid } from './attendance.ts';
import { enrol, updateEnrolment } from './enrolments.ts';
import { addHourLog } from './hourLogs.ts';
import { updatePerson } from './persons.ts';
import { createPartner } from './partners.ts';
import { createProgramme, removeProgramme } from './programmes.ts';
import { createSession, removeSession } from './sessions.ts';
import { enrolmentCandidates, listProgrammeRows, listSessionRows, participantName, programmeView, sessionView } from './workshopViews.ts';

describe('workshop views', () => {
  it('lists programmes by title with their partner and live session count', async () => {
    const ctx = await testContext();
    const ecti = await createPartner(ctx, { name: 'ECTI', kind: 'association', scope: 'local' });
    const tig = await createProgramme(ctx, { ...tigProgrammeInput, partnerId: ecti.id });
    const menuiserie = await createProgramme(ctx, {
      kind: 'apprentissage',
      title: 'Apprentissage menuiserie',
      domain: 'menuiserie',
      milieu: 'ferme',
      places: 6,
    });
    const gone = await createProgramme(ctx, { kind: 'autre', title: 'Ancien atelier', domain: 'autre', milieu: 'ferme', places: 4 });
    await removeProgramme(ctx, gone.id);
    await createSession(ctx, tigSessionInput(tig.id));
    const removed = await createSession(ctx, tigSessionInput(tig.id, ['2026-11-02', '2026-11-03', '2026-11-04']));
    await removeSession(ctx, removed.id);
    const rows = await listProgrammeRows(ctx);
    expect(rows.map((r) => [r.title, r.partnerName, r.sessionCount])).toEqual([
      ['Apprentissage menuiserie', undefined, 0],
      ['TIG pédagogique avec ECTI', 'ECTI', 1],
    ]);
    expect(menuiserie.id).toBe(rows[0]!.id);
    expect((await programmeView(ctx, tig.id))?.partner?.name).toBe('ECTI');
    expect(await programmeView(ctx, gone.id)).toBeUndefined();
  });

  it('lists sessions latest first with the places held (inscrit and présent, not abandon)', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const early = await createSession(ctx, tigSessionInput(programme.id, ['2026-11-02', '2026-11-03', '2026-11-04']));
    const late = await createSession(ctx, tigSessionInput(programme.id));
    for (let i = 0; i < 3; i++) {
      const person = await addPerson(ctx);
      const measure = await addMeasure(ctx, person.id);
      const enrolment = await enrol(ctx, { sessionId: late.id, personId: person.id, measureId: measure.id });
      if (i === 2) await updateEnrolment(ctx, enrolment.id, { status: 'abandon' });
    }
    const rows = await listSessionRows(ctx);
    expect(rows.map((r) => [r.id, r.enrolled, r.places, r.programmeTitle])).toEqual([
      [late.id, 2, 3, 'TIG pédagogique avec ECTI'],
      [early.id, 0, 3, 'TIG pédagogique avec ECTI'],
    ]);
    expect((await listSessionRows(ctx, { programmeId: programme.id })).length).toBe(2);
    const other = await createProgramme(ctx, { kind: 'autre', title: 'Autre', domain: 'autre', milieu: 'ouvert', places: 2 });
    expect(await listSessionRows(ctx, { programmeId: other.id })).toEqual([]);
  });

  it('gives the session page its participants by name, hours attended and the hours on each measure from every source', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const session = await createSession(ctx, tigSessionInput(programme.id));
    // Zoé also works on a TIG placement: those hours count on the same measure.
    const { person: zoe, measure: zoeMeasure, placement } = await seedPlacement(ctx, {}, { hoursOrdered: 100 });
    await updatePerson(ctx, zoe.id, { lastName: 'Zidane', firstName: 'Zoé' });
    await addHourLog(ctx, { measureId: zoeMeasure.id, personId: zoe.id, placementId: placement.id, date: '2026-11-10', hours: 4, confirmedByTutor: true });
    const adam = await addPerson(ctx, { lastName: 'Abel', firstName: 'Adam' });
    const adamMeasure = await addMeasure(ctx, adam.id, { hoursOrdered: 40 });
    const ez = await enrol(ctx, { sessionId: session.id, personId: zoe.id, measureId: zoeMeasure.id });
    const ea = await enrol(ctx, { sessionId: session.id, personId: adam.id, measureId: adamMeasure.id });
    await saveAttendanceGrid(ctx, session.id, [
      { enrolmentId: ez.id, date: fiveDays[0]!, present: true },
      { enrolmentId: ez.id, date: fiveDays[1]!, present: true, hours: 3.5 },
      { enrolmentId: ez.id, date: fiveDays[2]!, present: false },
      { enrolmentId: ea.id, date: fiveDays[0]!, present: true, hours: 2 },
    ]);
    const view = await sessionView(ctx, session.id);
    expect(view?.programme.id).toBe(programme.id);
    expect(view?.attendance).toHaveLength(4);
    expect(
      view?.participants.map((p) => [
        participantName(p.person),
        p.daysPresent,
        p.hoursAttended,
        p.measureHoursDone,
        p.measure?.hoursOrdered,
        p.enrolment.status,
      ]),
    ).toEqual([
      ['ABEL Adam', 1, 2, 2, 40, 'present'],
      ['ZIDANE Zoé', 2, 9.5, 13.5, 100, 'present'],
    ]);
    expect(await sessionView(ctx, 'missing')).toBeUndefined();
  });

  it('offers persons not yet enrolled, each with their open TIG measures and hours done', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const session = await createSession(ctx, tigSessionInput(programme.id));
    const enrolled = await addPerson(ctx, { lastName: 'Martin' });
    const tig = await addPerson(ctx, { lastName: 'Durand' });
    const none = await addPerson(ctx, { lastName: 'Bernard' });
    const enrolledMeasure = await addMeasure(ctx, enrolled.id);
    await addMeasure(ctx, tig.id, { status: 'terminee', endedOn: '2026-10-01' });
    await addMeasure(ctx, tig.id, { kind: 'tnr', offenceCategory: 'delit', hoursOrdered: 30, periodMonths: 6 });
    const other = await createProgramme(ctx, { ...tigProgrammeInput, title: 'Autre module' });
    const earlier = await createSession(ctx, tigSessionInput(other.id, ['2026-11-02', '2026-11-03', '2026-11-04']));
    const open = await addMeasure(ctx, tig.id, { hoursOrdered: 120 });
    const first = await enrol(ctx, { sessionId: earlier.id, personId: tig.id, measureId: open.id });
    await saveAttendanceGrid(ctx, earlier.id, [{ enrolmentId: first.id, date: '2026-11-02', present: true, hours: 5 }]);
    await enrol(ctx, { sessionId: session.id, personId: enrolled.id, measureId: enrolledMeasure.id });
    const candidates = await enrolmentCandidates(ctx, session.id);
    expect(candidates.map((c) => [c.person.lastName, c.openTigMeasures.map((m) => [m.id, m.hoursOrdered, m.hoursDone])])).toEqual([
      [none.lastName, []],
      [tig.lastName, [[open.id, 120, 5]]],
    ]);
  });
});
