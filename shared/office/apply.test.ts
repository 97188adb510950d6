import { describe, expect, it } from 'vitest';
import { officeOf, siteState } from '../../test/support/office.ts';
import { adultInput, measureInput, seedHost } from '../../test/support/tig.ts';
import { historyOf, pendingChangeCount } from '../repos/changes.ts';
import { addHourLog } from '../repos/hourLogs.ts';
import { createMeasure, revokeMeasure } from '../repos/measures.ts';
import { appliedVector, applyOfficeBatch, collectOwnBatch, recordOwnBatch } from './apply.ts';
import { openOfficeChecks } from './checks.ts';
import { createOrganisation, removeOrganisation, updateOrganisation } from '../repos/organisations.ts';
import { createPerson } from '../repos/persons.ts';
import { createPlacement } from '../repos/placements.ts';
import { unacknowledgedChanges } from '../repos/syncState.ts';
import { checkOfficeBatch, type OfficeBatch } from '../sync/officeBatch.ts';

const org = { name: 'Mairie de Nancy', kind: 'collectivite_territoriale' as const, communeName: 'Nancy', departement: '54' };

/** Every table of a workstation, to show that something changed nothing. */
async function everything(ctx: { db: { tables: { toArray(): Promise<unknown[]> }[] } }) {
  return Promise.all(ctx.db.tables.map((t) => t.toArray()));
}

async function exchange(office: Awaited<ReturnType<typeof officeOf>>) {
  for (let round = 0; round < 3; round++) {
    for (const s of office.stations) await office.publish(s);
    for (const s of office.stations) await office.receive(s);
  }
}

describe('applying a colleague’s changes', () => {
  it('gives the record, its field clocks and its history, under its author, without making it this workstation’s to send', async () => {
    const { stations, publish, receive } = await officeOf(2);
    const [a, b] = stations as [NonNullable<(typeof stations)[0]>, NonNullable<(typeof stations)[0]>];
    const created = await createOrganisation(a, org);
    await publish(a);
    const outcomes = await receive(b);
    expect(outcomes).toEqual([{ status: 'applied', rows: 1, conflicts: 0, checks: 0 }]);
    expect(await b.db.organisations.get(created.id)).toEqual(created);
    expect(await b.db.fieldClocks.toArray()).toEqual(await a.db.fieldClocks.toArray());
    const history = await historyOf(b, 'organisation', created.id);
    expect(history).toMatchObject([{ op: 'create', deviceId: a.deviceId, by: 'Agent 0', clock: created.updatedAt }]);
    expect(await pendingChangeCount(b)).toBe(0);
    expect((await unacknowledgedChanges(b)).changes).toEqual([]);
    expect((await collectOwnBatch(b, 100)).rows).toEqual([]);
    expect((await unacknowledgedChanges(a)).changes).toHaveLength(1);
  });

  it('applies a batch once: delivered again, it changes nothing', async () => {
    const { stations, share, publish, receive } = await officeOf(2);
    const [a, b] = stations as [(typeof stations)[0] & object, (typeof stations)[0] & object];
    await createOrganisation(a, org);
    await publish(a);
    await receive(b);
    const before = await everything(b);
    expect(await applyOfficeBatch(b, structuredClone(share[0]!))).toEqual({ status: 'known' });
    expect(await everything(b)).toEqual(before);
  });

  it('waits for the batches a batch follows: the author’s earlier ones, and those the author had applied', async () => {
    const { stations, share, publish, receive } = await officeOf(3);
    const [a, b, c] = stations as [(typeof stations)[0] & object, (typeof stations)[0] & object, (typeof stations)[0] & object];
    const created = await createOrganisation(a, org);
    await publish(a);
    await updateOrganisation(a, created.id, { street: '1 place Stanislas' });
    await publish(a);
    expect(await applyOfficeBatch(c, structuredClone(share[1]!))).toMatchObject({ status: 'waiting' });
    await receive(b, [share[0]!]);
    await updateOrganisation(b, created.id, { notes: 'Accueil le matin' });
    const fromB = (await publish(b))!;
    expect(fromB.after).toEqual({ [a.deviceId]: 1 });
    expect(await applyOfficeBatch(c, structuredClone(fromB))).toMatchObject({ status: 'waiting' });
    expect(await c.db.organisations.count()).toBe(0);
    await receive(c);
    expect(await appliedVector(c.db)).toEqual({ [a.deviceId]: 2, [b.deviceId]: 1 });
    expect(await c.db.organisations.get(created.id)).toMatchObject({ street: '1 place Stanislas', notes: 'Accueil le matin' });
  });

  it('keeps one value of a field edited on two workstations, and the other in the conflicts of both, with who, which workstation and when', async () => {
    const office = await officeOf(2);
    const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
    const created = await createOrganisation(a, org);
    await exchange(office);
    a.clock.advance(60_000);
    b.clock.advance(120_000);
    await updateOrganisation(a, created.id, { name: 'Mairie de Nancy (services techniques)' });
    await updateOrganisation(b, created.id, { name: 'Ville de Nancy' });
    await exchange(office);
    expect((await a.db.organisations.get(created.id))?.name).toBe('Ville de Nancy');
    expect(await siteState(a)).toEqual(await siteState(b));
    for (const station of [a, b]) {
      const conflicts = await station.db.conflicts.toArray();
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        entity: 'organisation',
        recordId: created.id,
        field: 'name',
        kept: { value: 'Ville de Nancy', by: 'Agent 1' },
        lost: { value: 'Mairie de Nancy (services techniques)', by: 'Agent 0' },
      });
      expect(conflicts[0]!.kept.clock.endsWith(b.deviceId)).toBe(true);
      expect(conflicts[0]!.lost.clock.startsWith('2026-11-25T10:01:00.000Z')).toBe(true);
    }
  });

  it('keeps a deletion final and lists the edit it made void on both workstations', async () => {
    const office = await officeOf(2);
    const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
    const created = await createOrganisation(a, org);
    await exchange(office);
    a.clock.advance(60_000);
    b.clock.advance(120_000);
    await removeOrganisation(a, created.id);
    await updateOrganisation(b, created.id, { notes: 'Nouveau contact' });
    await exchange(office);
    for (const station of [a, b]) {
      expect((await station.db.organisations.get(created.id))?.deleted).toBe(true);
      const checks = await openOfficeChecks(station);
      expect(checks.map((c) => c.rule)).toEqual(['editedDeleted']);
      expect(checks[0]!.detail).toMatch(/la suppression l’emporte/);
    }
    expect(await siteState(a)).toEqual(await siteState(b));
  });

  it('lists the last place of a post taken on two workstations, on both, until one placement is gone', async () => {
    const office = await officeOf(2);
    const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
    const host = await seedHost(a, {}, { capacity: 1 });
    const p1 = await createPerson(a, adultInput);
    const m1 = await createMeasure(a, measureInput(p1.id));
    const p2 = await createPerson(a, { ...adultInput, firstName: 'Paul', caseNumber: '2026/00124' });
    const m2 = await createMeasure(a, measureInput(p2.id));
    await exchange(office);
    await createPlacement(a, { measureId: m1.id, postId: host.post.id, startDate: '2026-12-01', plannedEnd: '2027-01-31' });
    await createPlacement(b, { measureId: m2.id, postId: host.post.id, startDate: '2026-12-15', plannedEnd: '2027-02-28' });
    await exchange(office);
    for (const station of [a, b]) {
      const checks = await openOfficeChecks(station);
      expect(checks.map((c) => [c.rule, c.detail])).toEqual([
        ['lastPlace', 'Poste « Entretien des espaces verts » : 2 personnes placées le 15/12/2026 pour 1 place.'],
      ]);
      expect(checks[0]!.devices).toEqual([a.deviceId, b.deviceId].sort());
    }
  });

  it('lists hours beyond those ordered, with the running sums recounted', async () => {
    const office = await officeOf(2);
    const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
    const host = await seedHost(a);
    const person = await createPerson(a, adultInput);
    const measure = await createMeasure(a, measureInput(person.id, { hoursOrdered: 20 }));
    const placement = await createPlacement(a, { measureId: measure.id, postId: host.post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
    await exchange(office);
    const log = { measureId: measure.id, personId: person.id, placementId: placement.id, confirmedByTutor: true };
    await addHourLog(a, { ...log, date: '2026-11-02', hours: 12 });
    await addHourLog(b, { ...log, date: '2026-11-03', hours: 12 });
    await exchange(office);
    for (const station of [a, b]) {
      expect((await openOfficeChecks(station)).map((c) => c.rule)).toEqual(['hoursBeyondOrdered']);
      expect(await station.db.hourTotals.get(`measure:${measure.id}`)).toEqual({ key: `measure:${measure.id}`, hours: 24, days: 2 });
    }
    expect(await siteState(a)).toEqual(await siteState(b));
  });

  it('lists hours logged on one workstation after the measure was ended on another', async () => {
    const office = await officeOf(2);
    const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
    const host = await seedHost(a);
    const person = await createPerson(a, adultInput);
    const measure = await createMeasure(a, measureInput(person.id));
    const placement = await createPlacement(a, { measureId: measure.id, postId: host.post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
    await exchange(office);
    await revokeMeasure(a, measure.id, '2026-11-10');
    await addHourLog(b, { measureId: measure.id, personId: person.id, placementId: placement.id, confirmedByTutor: true, date: '2026-11-20', hours: 4 });
    await exchange(office);
    for (const station of [a, b]) {
      const rules = (await openOfficeChecks(station)).map((c) => c.rule).sort();
      expect(rules).toEqual(['hoursAfterEnd', 'hoursAfterEnd']);
    }
  });

  it('flags the same person created on two workstations as a possible duplicate', async () => {
    const office = await officeOf(2);
    const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
    await createPerson(a, adultInput);
    await createPerson(b, { ...adultInput, lastName: 'LEFEVRE', caseNumber: '2026/00999' });
    await exchange(office);
    for (const station of [a, b]) {
      const checks = await openOfficeChecks(station);
      expect(checks.map((c) => c.rule)).toEqual(['duplicatePerson']);
      expect(checks[0]!.detail).toMatch(/mêmes nom, prénom et date de naissance \(12\/04\/1990\)/);
    }
  });

  it('refuses a batch with one invalid row as a whole, and a batch dated more than a day ahead', async () => {
    const office = await officeOf(2);
    const [a, b] = office.stations as [(typeof office.stations)[0] & object, (typeof office.stations)[0] & object];
    await createOrganisation(a, org);
    await createOrganisation(a, { ...org, name: 'Hôpital' });
    const batch = (await office.publish(a))!;
    const damaged = structuredClone(batch);
    damaged.rows[1]!.fields.departement = '999';
    expect(checkOfficeBatch(damaged)).toEqual({ ok: false, reason: expect.stringMatching(/Département inconnu/) as string });
    const otherAuthor: OfficeBatch = { ...structuredClone(batch), deviceId: b.deviceId };
    expect(checkOfficeBatch(otherAuthor)).toMatchObject({ ok: false, reason: expect.stringMatching(/autre poste que l’auteur/) as string });
    b.clock.set('2026-11-24T09:00:00.000Z');
    const before = await everything(b);
    expect(await applyOfficeBatch(b, structuredClone(batch))).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/en avance de plus de 24 heures/) as string,
    });
    expect(await everything(b)).toEqual(before);
  });

  it('puts a workstation’s own batches back from the share after its data was restored, and continues its numbering', async () => {
    const office = await officeOf(2);
    const [a] = office.stations as [(typeof office.stations)[0] & object];
    await createOrganisation(a, org);
    await office.publish(a);
    await createOrganisation(a, { ...org, name: 'Hôpital' });
    await office.publish(a);
    // A fresh database with a's identity stands for a's data put back from a backup taken before both batches.
    const restored = (await officeOf(1)).stations[0]!;
    await restored.db.meta.put({ key: 'identity', value: { ...((await a.db.meta.get('identity'))!.value as object) } });
    restored.deviceId = a.deviceId;
    await office.receive(restored);
    expect(await restored.db.organisations.count()).toBe(2);
    expect(await pendingChangeCount(restored)).toBe(2);
    expect((await collectOwnBatch(restored, 100)).rows).toEqual([]);
    await expect(recordOwnBatch(restored, 2, '2026-11-25T11:00:00.000Z-0000-x')).rejects.toThrow(/inattendu/);
    await createOrganisation(restored, { ...org, name: 'Collège' });
    expect((await office.publish(restored))?.sequence).toBe(3);
  });
});
