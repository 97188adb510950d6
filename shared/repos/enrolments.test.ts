import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { addMeasure, addPerson, tigProgrammeInput, tigSessionInput } from '../../test/support/workshopFixtures.ts';
import { recordAttendance } from './attendance.ts';
import { enrol, enrolmentsOfPerson, listEnrolments, removeEnrolment, updateEnrolment } from './enrolments.ts';
import { createProgramme } from './programmes.ts';
import { createSession } from './sessions.ts';

async function tigSession() {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, tigProgrammeInput);
  const session = await createSession(ctx, tigSessionInput(programme.id));
  return { ctx, session };
}

async function moduleSession(places = 2) {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'module_insertion', places });
  const session = await createSession(ctx, tigSessionInput(programme.id));
  return { ctx, session };
}

describe('enrolments', () => {
  it('enrols a person as inscrit, once per session', async () => {
    const { ctx, session } = await moduleSession();
    const person = await addPerson(ctx);
    const enrolment = await enrol(ctx, { sessionId: session.id, personId: person.id });
    expect(enrolment.status).toBe('inscrit');
    await expect(enrol(ctx, { sessionId: session.id, personId: person.id })).rejects.toThrow(/déjà inscrite/);
    expect(await enrolmentsOfPerson(ctx, person.id)).toEqual([enrolment]);
  });

  it('refuses an enrolment beyond the places, counting only those who hold one', async () => {
    const { ctx, session } = await moduleSession(2);
    const first = await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx)).id });
    await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx)).id, status: 'present' });
    const third = await addPerson(ctx);
    await expect(enrol(ctx, { sessionId: session.id, personId: third.id })).rejects.toThrow('La séance est complète : 2 places, toutes prises.');
    expect(await enrol(ctx, { sessionId: session.id, personId: third.id, status: 'abandon' })).toMatchObject({ status: 'abandon' });
    await updateEnrolment(ctx, first.id, { status: 'exclu' });
    const waiting = (await listEnrolments(ctx, session.id)).find((e) => e.personId === third.id)!;
    expect(await updateEnrolment(ctx, waiting.id, { status: 'inscrit' })).toMatchObject({ status: 'inscrit' });
    await expect(updateEnrolment(ctx, first.id, { status: 'inscrit' })).rejects.toThrow(/complète/);
  });

  it('refuses an unknown person', async () => {
    const { ctx, session } = await moduleSession();
    await expect(enrol(ctx, { sessionId: session.id, personId: '0190b7a0-0000-7000-8000-000000000001' })).rejects.toThrow(/Personne introuvable/);
  });

  it('links a TIG pédagogique enrolment to an open TIG measure of the same person', async () => {
    const { ctx, session } = await tigSession();
    const person = await addPerson(ctx);
    const other = await addPerson(ctx);
    await expect(enrol(ctx, { sessionId: session.id, personId: person.id })).rejects.toThrow(/se rattache à la mesure de TIG/);
    const othersMeasure = await addMeasure(ctx, other.id);
    await expect(enrol(ctx, { sessionId: session.id, personId: person.id, measureId: othersMeasure.id })).rejects.toThrow(/concerne une autre personne/);
    const tnr = await addMeasure(ctx, person.id, { kind: 'tnr', periodMonths: 6 });
    await expect(enrol(ctx, { sessionId: session.id, personId: person.id, measureId: tnr.id })).rejects.toThrow(/sur une mesure de TIG/);
    const ended = await addMeasure(ctx, person.id, { status: 'terminee', endedOn: '2026-10-01' });
    await expect(enrol(ctx, { sessionId: session.id, personId: person.id, measureId: ended.id })).rejects.toThrow(/« Terminée » : aucune heure/);
    const measure = await addMeasure(ctx, person.id, { kind: 'sursis_probatoire_tig' });
    expect(await enrol(ctx, { sessionId: session.id, personId: person.id, measureId: measure.id })).toMatchObject({ measureId: measure.id });
  });

  it('links no measure outside TIG pédagogique', async () => {
    const { ctx, session } = await moduleSession();
    const person = await addPerson(ctx);
    const measure = await addMeasure(ctx, person.id);
    await expect(enrol(ctx, { sessionId: session.id, personId: person.id, measureId: measure.id })).rejects.toThrow(/Seules les séances de TIG pédagogique/);
  });

  it('keeps session, person and, once hours are recorded, measure', async () => {
    const { ctx, session } = await moduleSession();
    const person = await addPerson(ctx);
    const enrolment = await enrol(ctx, { sessionId: session.id, personId: person.id });
    await expect(updateEnrolment(ctx, enrolment.id, { personId: (await addPerson(ctx)).id })).rejects.toThrow(/ni de séance ni de personne/);
    await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-16', present: false });
    await expect(removeEnrolment(ctx, enrolment.id)).rejects.toThrow(/indiquez plutôt un abandon/);
    expect(await updateEnrolment(ctx, enrolment.id, { status: 'abandon' })).toMatchObject({ status: 'abandon' });
  });

  it('unenrols a person with no attendance', async () => {
    const { ctx, session } = await moduleSession();
    const enrolment = await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx)).id });
    await removeEnrolment(ctx, enrolment.id);
    expect(await listEnrolments(ctx, session.id)).toEqual([]);
  });
});
