import { describe, expect, it } from 'vitest';
import { officeOf, siteState } from '../../test/support/office.ts';
import { adultInput, measureInput, seedHost } from '../../test/support/tig.ts';
import { mergePersons } from '../repos/duplicates.ts';
import { addHourLog } from '../repos/hourLogs.ts';
import { createMeasure } from '../repos/measures.ts';
import { openOfficeChecks, recheckOfficeChecks } from './checks.ts';
import { keepLostValue, keepWinningValue, officeCheckRows, openOfficeConflicts } from './review.ts';
import { createOrganisation, updateOrganisation } from '../repos/organisations.ts';
import { createPerson, updatePerson } from '../repos/persons.ts';
import { createPlacement } from '../repos/placements.ts';

async function exchange(office: Awaited<ReturnType<typeof officeOf>>) {
  for (let round = 0; round < 3; round++) {
    for (const s of office.stations) await office.publish(s);
    for (const s of office.stations) await office.receive(s);
  }
}

async function twoStations() {
  const office = await officeOf(2);
  const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
  return { office, a, b };
}

describe('settling conflicts', () => {
  it('puts the value that lost back everywhere with « Garder cette valeur », without making the mirror conflict on the other workstation', async () => {
    const { office, a, b } = await twoStations();
    const created = await createOrganisation(a, { name: 'Mairie', kind: 'association', communeName: 'Nancy', departement: '54' });
    await exchange(office);
    a.clock.advance(60_000);
    b.clock.advance(120_000);
    await updateOrganisation(a, created.id, { name: 'Mairie de Nancy' });
    await updateOrganisation(b, created.id, { name: 'Ville de Nancy' });
    await exchange(office);
    const [row] = await openOfficeConflicts(a);
    expect(row).toMatchObject({ fieldLabel: 'Nom de la structure', record: { label: 'Structure d’accueil Ville de Nancy', opens: { kind: 'organisation' } } });
    a.clock.advance(600_000);
    await keepLostValue(a, row!.key);
    await exchange(office);
    for (const station of [a, b]) {
      expect((await station.db.organisations.get(created.id))?.name).toBe('Mairie de Nancy');
      expect(await openOfficeConflicts(station)).toEqual([]);
    }
    expect(await siteState(a)).toEqual(await siteState(b));
  });

  it('leaves the kept value alone when it is the right one', async () => {
    const { office, a, b } = await twoStations();
    const person = await createPerson(a, adultInput);
    await exchange(office);
    b.clock.advance(60_000);
    await updatePerson(a, person.id, { counsellor: 'Mme Roux' });
    await updatePerson(b, person.id, { counsellor: 'M. Blanc' });
    await exchange(office);
    const [row] = await openOfficeConflicts(b);
    expect(row).toMatchObject({
      record: { opens: { kind: 'person', id: person.id } },
      kept: { value: 'M. Blanc' },
      lost: { value: 'Mme Roux', by: 'Agent 0' },
    });
    await keepWinningValue(b, row!.key);
    expect(await openOfficeConflicts(b)).toEqual([]);
    expect((await b.db.persons.get(person.id))?.counsellor).toBe('M. Blanc');
  });
});

describe('merging a person recorded on two workstations', () => {
  it('moves measures, placements, hours and incidents onto the kept person on every workstation, and the duplicate leaves « À vérifier »', async () => {
    const { office, a, b } = await twoStations();
    const host = await seedHost(a);
    await exchange(office);
    const onA = await createPerson(a, { ...adultInput, phone: undefined });
    const onB = await createPerson(b, { ...adultInput, caseNumber: '2026/00777', phone: '01 23 45 67 89' });
    const measure = await createMeasure(b, measureInput(onB.id));
    const placement = await createPlacement(b, { measureId: measure.id, postId: host.post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
    await addHourLog(b, { measureId: measure.id, personId: onB.id, placementId: placement.id, date: '2026-11-02', hours: 4, confirmedByTutor: true });
    await exchange(office);
    const [check] = await officeCheckRows(a);
    expect(check).toMatchObject({ rule: 'duplicatePerson', deviceNames: expect.any(Array) as unknown });
    expect(check!.mentions.map((m) => m.opens?.id).sort()).toEqual([onA.id, onB.id].sort());

    const outcome = await mergePersons(a, onA.id, onB.id);
    expect(outcome.moved).toEqual({ measure: 1, placement: 1, hourLog: 1 });
    await recheckOfficeChecks(a);
    expect(await openOfficeChecks(a)).toEqual([]);
    await exchange(office);
    await recheckOfficeChecks(b);
    for (const station of [a, b]) {
      expect((await station.db.persons.get(onB.id))?.deleted).toBe(true);
      expect(await station.db.persons.get(onA.id)).toMatchObject({ phone: '01 23 45 67 89' });
      expect((await station.db.measures.get(measure.id))?.personId).toBe(onA.id);
      expect((await station.db.placements.get(placement.id))?.personId).toBe(onA.id);
      expect((await station.db.hourLogs.toArray()).every((l) => l.personId === onA.id)).toBe(true);
      expect(await openOfficeChecks(station)).toEqual([]);
    }
    expect(await siteState(a)).toEqual(await siteState(b));
  });

  it('refuses to merge a person with itself, or one already deleted', async () => {
    const { a } = await twoStations();
    const person = await createPerson(a, adultInput);
    await expect(mergePersons(a, person.id, person.id)).rejects.toThrow(/deux personnes différentes/);
    await expect(mergePersons(a, person.id, '019b0000-0000-7000-8000-000000000099')).rejects.toThrow(/introuvable/);
  });
});
