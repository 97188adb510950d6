import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officeOf, siteState, type Station } from '../../test/support/office.ts';
import { createOrganisation, removeOrganisation, updateOrganisation } from '../repos/organisations.ts';
import { createPerson, removePerson, updatePerson } from '../repos/persons.ts';

type Action =
  'join' | 'createOrg' | 'renameOrg' | 'clearOrg' | 'deleteOrg' | 'createPerson' | 'editPerson' | 'deletePerson' | 'publish' | 'receive' | 'offline' | 'tick';

interface Op {
  station: number;
  action: Action;
  n: number;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  station: fc.nat(7),
  action: fc.constantFrom<Action>(
    'createOrg',
    'renameOrg',
    'renameOrg',
    'renameOrg',
    'clearOrg',
    'editPerson',
    'renameOrg',
    'clearOrg',
    'deleteOrg',
    'createPerson',
    'editPerson',
    'deletePerson',
    'publish',
    'publish',
    'receive',
    'receive',
    'offline',
    'tick',
    'join',
  ),
  n: fc.nat(10_000),
});

/** Live records of a kind on one workstation, to pick the target of an edit. */
async function liveIds(station: Station, table: 'organisations' | 'persons'): Promise<string[]> {
  return (await station.db.table(table).toArray()).filter((r: { deleted?: true }) => !r.deleted).map((r: { id: string }) => r.id);
}

async function play(ops: Op[], count: number, skews: number[]) {
  const office = await officeOf(count);
  const offline = new Set<number>();
  let now = Date.parse('2026-11-25T10:00:00.000Z');
  const setClocks = () => office.stations.forEach((s, i) => s.clock.set(new Date(now + skews[i]!).toISOString()));
  setClocks();
  // A common start: records every workstation has, so that their edits meet.
  const founder = office.stations[0]!;
  for (let i = 0; i < 3; i++) {
    await createOrganisation(founder, { name: `Structure ${i}`, kind: 'association', communeName: 'Nancy', departement: '54' });
    await createPerson(founder, { lastName: 'Martin', firstName: `Léo ${i}`, birthDate: '1980-01-0' + (i + 1), caseNumber: `S${i}`, departement: '54' });
  }
  await office.publish(founder);
  for (const station of office.stations) await office.receive(station);
  for (const op of ops) {
    const index = op.station % office.stations.length;
    const station = office.stations[index]!;
    now += 1000 + op.n;
    setClocks();
    const orgs = await liveIds(station, 'organisations');
    const persons = await liveIds(station, 'persons');
    const org = orgs[op.n % Math.max(orgs.length, 1)];
    const person = persons[op.n % Math.max(persons.length, 1)];
    // A write the repositories refuse (a rule, a record gone meanwhile) is a write a person could not make either.
    const attempt = (write: () => Promise<unknown>) => write().catch(() => undefined);
    switch (op.action) {
      case 'createOrg':
        await attempt(() => createOrganisation(station, { name: `Structure ${op.n}`, kind: 'association', communeName: 'Nancy', departement: '54' }));
        break;
      case 'renameOrg':
        if (org) await attempt(() => updateOrganisation(station, org, { name: `Renommée ${op.n % 7}`, notes: op.n % 2 ? `Note ${op.n}` : undefined }));
        break;
      case 'clearOrg':
        if (org) await attempt(() => updateOrganisation(station, org, { postalCode: op.n % 2 ? '54000' : undefined, street: undefined }));
        break;
      case 'deleteOrg':
        if (org) await attempt(() => removeOrganisation(station, org));
        break;
      case 'createPerson':
        await attempt(() =>
          createPerson(station, { lastName: 'Durand', firstName: 'Léa', birthDate: `19${50 + (op.n % 50)}-05-17`, caseNumber: `N${op.n}`, departement: '54' }),
        );
        break;
      case 'editPerson':
        if (person) await attempt(() => updatePerson(station, person, { phone: op.n % 2 ? '01 23 45 67 89' : undefined, counsellor: `CPIP ${op.n % 5}` }));
        break;
      case 'deletePerson':
        if (person) await attempt(() => removePerson(station, person));
        break;
      case 'publish':
        if (!offline.has(index)) await office.publish(station);
        break;
      case 'receive':
        if (!offline.has(index)) await office.receive(station);
        break;
      case 'offline':
        if (offline.has(index)) offline.delete(index);
        else offline.add(index);
        break;
      case 'tick':
        now += op.n * 60_000;
        break;
      case 'join':
        if (office.stations.length < 8 && !offline.has(index)) {
          skews.push(skews[index]!);
          await office.join(station);
        }
        break;
    }
  }
  // Everyone back on the network: each publishes and receives until nothing new goes round.
  for (let round = 0; round < office.stations.length + 2; round++) {
    let moved = false;
    for (const station of office.stations) moved = (await office.publish(station)) !== undefined || moved;
    for (const station of office.stations) moved = (await office.receive(station)).length > 0 || moved;
    if (!moved) break;
  }
  return office;
}

describe('the office converges', () => {
  it('gives every workstation the same records, whatever the interleaving, offline periods and clock skew', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 8 })
          .chain((count) =>
            fc.tuple(
              fc.constant(count),
              fc.array(opArb, { minLength: 10, maxLength: 50 }),
              fc.array(fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }), { minLength: count, maxLength: count }),
            ),
          ),
        async ([count, ops, skews]) => {
          const office = await play(ops, count, skews);
          const states = await Promise.all(office.stations.map(siteState));
          for (const state of states.slice(1)) expect(state).toEqual(states[0]);
        },
      ),
      { numRuns: Number(process.env.OFFICE_RUNS ?? 15) },
    );
  }, 120_000);
});
