import { base, Faker, fr } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { dispOfDepartement } from '../../../shared/reference/disp.ts';
import { departements } from '../../../shared/reference/geo.ts';
import { saveEstablishmentProfile } from '../../../shared/repos/establishmentProfiles.ts';
import { getIdentity } from '../../../shared/repos/identity.ts';
import { centralEntityNames } from '../../../shared/schemas/entities.ts';
import { parseHlc } from '../../../shared/db/hlc.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { decryptedText, hqFixture, memoryFileStore } from '../../../test/support/sync.ts';
import { generators } from './generators.ts';
import { LiveRecords } from './live.ts';
import { demoSiteCode, demoSiteKind, generationOrder, simulateDemoSites } from './simulate.ts';

const until = Date.parse('2026-11-25T12:00:00.000Z');
const WEEK = 7 * 86_400_000;

describe('demo generators', () => {
  it('exist for every registered entity, and come in an order where what a record points to exists first', () => {
    for (const entity of centralEntityNames) expect(generators[entity], `generator of ${entity}`).toBeDefined();
    const order = generationOrder();
    expect([...order].sort()).toEqual([...centralEntityNames].sort());
    for (const entity of order) {
      for (const need of generators[entity].needs) expect(order.indexOf(need), `${need} before ${entity}`).toBeLessThan(order.indexOf(entity));
    }
  });

  it('give an establishment the DISP of its département, which the repository accepts, in every département', async () => {
    for (const [n, { code }] of departements.entries()) {
      const ctx = await testContext({
        kind: 'etablissement',
        code: `CP-${code}`,
        name: `Centre pénitentiaire ${code}`,
        departement: code,
        userName: 'Camille Martin',
      });
      const site = (await getIdentity(ctx))!;
      for (const seed of [n, n + 1000]) {
        const faker = new Faker({ locale: [fr, base] });
        faker.seed(seed);
        const input = generators.establishmentProfile.create(new LiveRecords().context(faker, site, () => '2026-11-25'))!;
        expect(input.disp, `département ${code}`).toBe(dispOfDepartement(code) ?? 'outre_mer');
        expect((await saveEstablishmentProfile(ctx, input)).disp).toBe(input.disp);
      }
    }
  });
});

describe('simulated sites', () => {
  it('write every kind of record, edit and delete between exports, and export cumulatively', async () => {
    const hq = await hqFixture();
    const files = memoryFileStore();
    const bundles = await simulateDemoSites({ hq: hq.pub, files, sites: 2, records: 6, generations: 3, seed: 11, until });
    expect(bundles.map((b) => b.fileName)).toEqual([
      'DEMO-001-1.passerelle',
      'DEMO-001-2.passerelle',
      'DEMO-001-3.passerelle',
      'DEMO-002-1.passerelle',
      'DEMO-002-2.passerelle',
      'DEMO-002-3.passerelle',
    ]);
    for (const { header } of bundles) {
      const kinds = centralEntityNames.filter((e) => header.siteKind === 'etablissement' || e !== 'establishmentProfile');
      expect(Object.keys(header.counts).sort()).toEqual([...kinds].sort());
      expect(header.afterClock).toBeNull();
    }
    const [first, second, third] = bundles;
    expect(second!.header.firstClock).toBe(first!.header.firstClock);
    expect(third!.header.changeCount).toBeGreaterThan(second!.header.changeCount);
    const payload = decryptedText(files.files.get('DEMO-001-3.passerelle')!, hq.keyring);
    expect(payload).toMatch(/"entity":"hourLog"[^\n]*"deleted"/);
    expect(payload).toMatch(/"entity":"incident"[^\n]*"deleted"/);
    // Measures ordered in hours and in days (stages) both travel.
    expect(payload).toMatch(/"entity":"measure"[^\n]*"hoursOrdered"/);
    expect(payload).toMatch(/"entity":"measure"[^\n]*"daysOrdered"/);
    for (const { header } of bundles)
      expect(hq.import({ name: header.siteCode, bytes: files.files.get(`${header.siteCode}-${header.sequence}.passerelle`)! }).status).toBe('accepted');
  });

  it('give the same records for the same seed, the same sites with other keys for another seed', async () => {
    const hq = await hqFixture();
    const run = async (seed: number) => {
      const files = memoryFileStore();
      const bundles = await simulateDemoSites({ hq: hq.pub, files, sites: 1, records: 3, generations: 1, seed, until });
      return { header: bundles[0]!.header, bytes: files.files.get('DEMO-001-1.passerelle')! };
    };
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(false);
    expect(decryptedText(a.bytes, hq.keyring)).toBe(decryptedText(b.bytes, hq.keyring));
    expect({ ...a.header, bundleId: '' }).toEqual({ ...b.header, bundleId: '' });
    expect(c.header.siteId).toBe(a.header.siteId);
    expect(c.header.siteCode).toBe(demoSiteCode(1));
    expect(c.header.sitePublicKey).not.toBe(a.header.sitePublicKey);
    expect(decryptedText(c.bytes, hq.keyring)).not.toBe(decryptedText(a.bytes, hq.keyring));
  });

  it('end their clocks at the simulated present, a week between exports, so headquarters refuses none of a long run', async () => {
    const hq = await hqFixture(new Date(until).toISOString());
    const files = memoryFileStore();
    const generations = 52;
    const bundles = await simulateDemoSites({ hq: hq.pub, files, sites: 1, records: 2, generations, seed: 3, until });
    expect(bundles.map((b) => b.header.createdAt)).toEqual(
      Array.from({ length: generations }, (_, i) => new Date(until - (generations - 1 - i) * WEEK).toISOString()),
    );
    for (const { header } of bundles) {
      expect(parseHlc(header.lastClock!).wall).toBeLessThanOrEqual(Date.parse(header.createdAt));
      expect(parseHlc(header.firstClock!).wall).toBeGreaterThan(until - generations * WEEK);
      expect(hq.import({ name: header.siteCode, bytes: files.files.get(`${header.siteCode}-${header.sequence}.passerelle`)! })).toMatchObject({
        status: 'accepted',
      });
    }
  });

  it('give an establishment profile to prison establishments only, never to a SPIP', async () => {
    const hq = await hqFixture();
    const files = memoryFileStore();
    const bundles = await simulateDemoSites({ hq: hq.pub, files, sites: 3, records: 3, generations: 2, seed: 4, until });
    expect([1, 2, 3].map(demoSiteKind)).toEqual(['spip', 'etablissement', 'spip']);
    for (const { header } of bundles) {
      expect(header.siteKind).toBe(demoSiteKind(Number(header.siteCode.slice(5))));
      expect(header.counts.establishmentProfile ?? 0, header.siteCode).toBe(header.siteKind === 'etablissement' ? 1 : 0);
      if (header.siteKind === 'etablissement') {
        const payload = decryptedText(files.files.get(`${header.siteCode}-${header.sequence}.passerelle`)!, hq.keyring);
        const profile = payload
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { entity: string; fields: Record<string, [unknown, string]> })
          .find((r) => r.entity === 'establishmentProfile');
        expect(profile?.fields.disp?.[0], header.siteCode).toBe(dispOfDepartement(header.siteDepartement));
      }
    }
  });
});
