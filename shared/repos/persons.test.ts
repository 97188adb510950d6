import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { adultInput, expectRefused, measureInput, seedHost, seedPlacement } from '../../test/support/tig.ts';
import { addHourLog } from './hourLogs.ts';
import { createIncident } from './incidents.ts';
import { createMeasure, removeMeasure } from './measures.ts';
import { createPerson, listPersons, personHistory, personPage, removePerson, updatePerson } from './persons.ts';
import { createPlacement } from './placements.ts';

describe('persons in the repository', () => {
  it('refuses a case number already used and a birth date in the future', async () => {
    const ctx = await testContext();
    await createPerson(ctx, adultInput);
    await expectRefused(
      ctx,
      () => createPerson(ctx, { ...adultInput, firstName: 'Paul' }),
      /Le numéro de dossier 2026\/00123 est déjà celui de LEFÈVRE Julien/,
    );
    await expectRefused(
      ctx,
      () => createPerson(ctx, { ...adultInput, caseNumber: 'X', birthDate: '2026-11-26' }),
      /date de naissance ne peut être dans le futur/,
    );
  });

  it('refuses a name with a line break, a control character or a direction mark, and a birth date before 1900', async () => {
    const ctx = await testContext();
    await expectRefused(
      ctx,
      () => createPerson(ctx, { ...adultInput, lastName: 'Lefèvre\nDupont' }),
      /^Personne invalide : Nom : retour à la ligne et caractères de contrôle interdits/,
    );
    await expectRefused(ctx, () => createPerson(ctx, { ...adultInput, firstName: 'Ju\u0007lien' }), /^Personne invalide : Prénom : retour à la ligne/);
    await expectRefused(ctx, () => createPerson(ctx, { ...adultInput, firstName: 'Julien\u202eesac' }), /^Personne invalide : Prénom : retour à la ligne/);
    await expectRefused(
      ctx,
      () => createPerson(ctx, { ...adultInput, birthDate: '1899-12-31' }),
      /^Personne invalide : Date de naissance : le 01\/01\/1900 au plus tôt/,
    );
    expect(await listPersons(ctx)).toEqual([]);
    await createPerson(ctx, { ...adultInput, lastName: ' Lefèvre-D’Arc ', birthDate: '1900-01-01' });
  });

  it('checks a corrected birth date against the measures and the current placements', async () => {
    const ctx = await testContext();
    const { person } = await seedPlacement(ctx);
    await expectRefused(ctx, () => updatePerson(ctx, person.id, { birthDate: '2010-03-01' }), /au moins 16 ans au moment des faits/);
    const closed = await seedHost(ctx, { name: 'Autre', siret: undefined }, { openToMinors: false, title: 'Magasin' });
    const young = await createPerson(ctx, { ...adultInput, caseNumber: 'J-2', birthDate: '2000-01-01' });
    const m = await createMeasure(ctx, measureInput(young.id));
    await createPlacement(ctx, { measureId: m.id, postId: closed.post.id, startDate: '2026-11-02', plannedEnd: '2026-12-31' });
    await expectRefused(
      ctx,
      () => updatePerson(ctx, young.id, { birthDate: '2009-01-01' }),
      /mineure le 02\/11\/2026 \(17 ans\) : ce poste n’est pas ouvert aux mineurs/,
    );
    await updatePerson(ctx, young.id, { birthDate: '2001-01-01', phone: '06 12 34 56 78' });
  });

  it('refuses to delete a person with measures', async () => {
    const ctx = await testContext();
    const { person, measure } = await seedPlacement(ctx);
    await expectRefused(ctx, () => removePerson(ctx, person.id), /LEFÈVRE Julien a 1 mesure : supprimez-les d’abord/);
    await removeMeasure(ctx, measure.id);
    await removePerson(ctx, person.id);
    expect(await listPersons(ctx)).toEqual([]);
  });

  it('lists persons with their measures’ status', async () => {
    const ctx = await testContext();
    const { person, measure } = await seedPlacement(ctx);
    const second = await createMeasure(ctx, measureInput(person.id, { kind: 'tnr', hoursOrdered: 15, periodMonths: 6 }));
    const [row] = await listPersons(ctx);
    expect(row).toMatchObject({ lastName: 'Lefèvre', age: 36 });
    expect(row?.measures).toEqual([
      { id: measure.id, kind: 'tig_peine', status: 'en_cours' },
      { id: second.id, kind: 'tnr', status: 'a_affecter' },
    ]);
  });

  it('gathers the person page and its history', async () => {
    const ctx = await testContext();
    const { person, measure, placement } = await seedPlacement(ctx, {}, { hoursOrdered: 20 });
    const day = (date: string, hours: number) => ({
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date,
      hours,
      confirmedByTutor: true,
    });
    await addHourLog(ctx, day('2026-11-03', 7));
    await addHourLog(ctx, day('2026-11-02', 3.5));
    const incident = await createIncident(ctx, {
      measureId: measure.id,
      placementId: placement.id,
      date: '2026-11-04',
      kind: 'retard',
      description: 'Une heure de retard',
    });
    const old = await createMeasure(ctx, measureInput(person.id, { kind: 'stage', hoursOrdered: 14 }));
    const page = await personPage(ctx, person.id);
    expect(page?.person.id).toBe(person.id);
    expect(page?.age).toBe(36);
    const view = page?.measures.find((v) => v.measure.id === measure.id);
    expect(view).toMatchObject({
      hoursDone: 10.5,
      progress: { unit: 'hours', ordered: 20, done: 10.5, remaining: 9.5 },
      deadline: { deadline: '2028-01-01', flagged: false },
    });
    expect(view?.hourLogs.map((l) => l.date)).toEqual(['2026-11-02', '2026-11-03']);
    expect(view?.placements).toEqual([
      expect.objectContaining({
        id: placement.id,
        postTitle: 'Entretien des espaces verts',
        organisationName: 'Association Les Jardins du Cœur',
        tutorNames: ['Claire Morel'],
      }),
    ]);
    expect(view?.incidents.map((i) => i.id)).toEqual([incident.id]);
    expect(page?.measures.find((v) => v.measure.id === old.id)).toMatchObject({ hoursDone: 0, placements: [], hourLogs: [] });
    const history = await personHistory(ctx, person.id);
    expect(history.map((c) => c.entity)).toEqual(['person', 'measure', 'placement', 'measure', 'hourLog', 'hourLog', 'incident', 'measure']);
    expect(await personPage(ctx, measure.id)).toBeUndefined();
  });
});
