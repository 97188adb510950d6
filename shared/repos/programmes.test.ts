import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { addPerson, fiveDays, receiveFromElsewhere, tigProgrammeInput, tigSessionInput } from '../../test/support/workshopFixtures.ts';
import { weekdaysBetween } from '../rules/sessions.ts';
import { recordAttendance } from './attendance.ts';
import { enrol, listEnrolments } from './enrolments.ts';
import { RepoError } from '../errors.ts';
import { createPartner } from './partners.ts';
import { createProgramme, listProgrammes, removeProgramme, updateProgramme } from './programmes.ts';
import { createSession, listSessions, removeSession, updateSession } from './sessions.ts';

describe('programmes', () => {
  it('keeps a TIG pédagogique in the community and a production workshop in detention', async () => {
    const ctx = await testContext();
    await expect(createProgramme(ctx, { ...tigProgrammeInput, milieu: 'ferme' })).rejects.toThrow(/TIG pédagogique se déroule en milieu ouvert/);
    await expect(createProgramme(ctx, { kind: 'atelier_production', title: 'Métallerie', domain: 'metallerie', milieu: 'ouvert', places: 12 })).rejects.toThrow(
      /atelier de production se situe en détention/,
    );
    await createProgramme(ctx, { kind: 'atelier_production', title: 'Métallerie', domain: 'metallerie', milieu: 'ferme', places: 12 });
    expect((await listProgrammes(ctx, { kind: 'atelier_production' })).map((p) => p.title)).toEqual(['Métallerie']);
  });

  it('names only a known partner', async () => {
    const ctx = await testContext();
    await expect(createProgramme(ctx, { ...tigProgrammeInput, partnerId: '0190b7a0-0000-7000-8000-000000000000' })).rejects.toThrow(/Partenaire introuvable/);
    const partner = await createPartner(ctx, { name: 'ECTI Lorraine', kind: 'association', scope: 'local' });
    expect(await createProgramme(ctx, { ...tigProgrammeInput, partnerId: partner.id })).toMatchObject({ partnerId: partner.id });
  });

  it('freezes its kind while it has sessions', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const session = await createSession(ctx, tigSessionInput(programme.id));
    await expect(updateProgramme(ctx, programme.id, { kind: 'module_insertion' })).rejects.toThrow(/son type ne peut plus changer/);
    await expect(removeProgramme(ctx, programme.id)).rejects.toThrow(/a 1 séance et 0 relevé mensuel/);
    await removeSession(ctx, session.id);
    expect(await updateProgramme(ctx, programme.id, { kind: 'module_insertion' })).toMatchObject({ kind: 'module_insertion' });
  });

  it('refuses fewer places than a session has enrolled', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'module_insertion' });
    const session = await createSession(ctx, tigSessionInput(programme.id));
    for (let i = 0; i < 3; i++) await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx)).id });
    await expect(updateProgramme(ctx, programme.id, { places: 2 })).rejects.toThrow(/compte déjà 3 inscrits/);
    expect(await updateProgramme(ctx, programme.id, { places: 4 })).toMatchObject({ places: 4 });
  });

  it('is read only on a site when it came from elsewhere', async () => {
    const ctx = await testContext();
    const foreign = await receiveFromElsewhere(ctx, 'programmes', { ...tigProgrammeInput });
    await expect(updateProgramme(ctx, foreign.id, { title: 'Autre' })).rejects.toThrow(/Programme : donnée de référence/);
    await expect(createSession(ctx, tigSessionInput(foreign.id))).rejects.toThrow(/lecture seule/);
  });
});

describe('sessions', () => {
  it('accepts a TIG pédagogique session of three days or more covering the five themes', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const session = await createSession(ctx, tigSessionInput(programme.id, fiveDays.slice(0, 3)));
    expect(session.days).toHaveLength(3);
    expect(await listSessions(ctx, { programmeId: programme.id })).toEqual([session]);
  });

  it('refuses a TIG pédagogique session shorter than three days, in French', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const attempt = createSession(ctx, tigSessionInput(programme.id, fiveDays.slice(0, 2)));
    await expect(attempt).rejects.toThrow('Séance de TIG pédagogique refusée : Un TIG pédagogique dure au moins 3 jours (cette séance en compte 2).');
    expect(await ctx.db.sessions.count()).toBe(0);
  });

  it('refuses a TIG pédagogique session that leaves out a required theme, naming it', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const input = { ...tigSessionInput(programme.id), themes: ['attentes_employeurs', 'projet_professionnel', 'recherche_emploi', 'visite_site'] as const };
    const error = (await createSession(ctx, { ...input, themes: [...input.themes] }).catch((e: unknown) => e)) as RepoError;
    expect(error).toBeInstanceOf(RepoError);
    expect(error.message).toMatch(/doit aborder : curriculum vitae \(cv\), entretien d’embauche/);
    expect(error.issues.map((i) => i.path)).toEqual(['themes']);
  });

  it('holds other kinds of programme to no theme and no length', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'formation_professionnelle', milieu: 'ferme' });
    expect(await createSession(ctx, { ...tigSessionInput(programme.id, ['2026-11-16']), themes: [] })).toMatchObject({ days: ['2026-11-16'] });
  });

  it('checks that the days run from the start date to the end date, each once, in order', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const base = tigSessionInput(programme.id);
    await expect(createSession(ctx, { ...base, endDate: '2026-11-13' })).rejects.toThrow(/date de fin doit suivre/);
    await expect(createSession(ctx, { ...base, days: ['2026-11-16', '2026-11-18', '2026-11-17', '2026-11-20'] })).rejects.toThrow(
      /une seule fois, dans l’ordre/,
    );
    await expect(createSession(ctx, { ...base, days: ['2026-11-16', '2026-11-17', '2026-11-18'] })).rejects.toThrow(/le dernier la date de fin/);
    await expect(createSession(ctx, { ...base, hoursPerDay: 13 })).rejects.toThrow(/Heures par jour : 12 au plus/);
    await expect(createSession(ctx, { ...base, hoursPerDay: 0 })).rejects.toThrow(/Heures par jour : nombre positif attendu/);
  });

  it('keeps the days and hours that attendance already uses', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'module_insertion' });
    const session = await createSession(ctx, tigSessionInput(programme.id));
    const enrolment = await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx)).id });
    await recordAttendance(ctx, { enrolmentId: enrolment.id, date: '2026-11-17', present: true, hours: 5 });
    const withoutTuesday = fiveDays.filter((d) => d !== '2026-11-17');
    await expect(updateSession(ctx, session.id, { days: withoutTuesday })).rejects.toThrow(/Des présences sont saisies le 17\/11\/2026/);
    await expect(updateSession(ctx, session.id, { hoursPerDay: 4.5 })).rejects.toThrow(/Des présences de 5 h/);
    expect(await updateSession(ctx, session.id, { hoursPerDay: 5, days: fiveDays.filter((d) => d !== '2026-11-18') })).toMatchObject({ hoursPerDay: 5 });
    await expect(removeSession(ctx, session.id)).rejects.toThrow(/a 1 présence saisie :/);
  });

  it('applies the TIG pédagogique rules to a change as well', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const session = await createSession(ctx, tigSessionInput(programme.id));
    await expect(updateSession(ctx, session.id, { days: fiveDays.slice(0, 2), endDate: fiveDays[1] })).rejects.toThrow(/au moins 3 jours/);
    await expect(updateSession(ctx, session.id, { themes: ['cv'] })).rejects.toThrow(/doit aborder/);
  });

  it('removes its enrolments with it when no attendance is recorded', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, kind: 'module_insertion' });
    const session = await createSession(ctx, tigSessionInput(programme.id));
    await enrol(ctx, { sessionId: session.id, personId: (await addPerson(ctx)).id });
    await removeSession(ctx, session.id);
    expect(await listEnrolments(ctx, session.id)).toEqual([]);
    expect(await listSessions(ctx)).toEqual([]);
  });

  it('proposes the weekdays between two dates', () => {
    expect(weekdaysBetween('2026-11-13', '2026-11-17')).toEqual(['2026-11-13', '2026-11-16', '2026-11-17']);
  });
});
