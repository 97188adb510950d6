import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import type { WireRecord } from '../../../shared/sync/bundle.ts';
import { ed25519 } from '@noble/curves/ed25519.js';
import { keyNames, type HqPublic } from '../../../shared/sync/keys.ts';
import { craftedSite, hqFixture, siteFixture, type BundleFile } from '../../../test/support/sync.ts';

type Action = 'create' | 'rename' | 'clear' | 'delete' | 'person' | 'export';
interface Op {
  site: 0 | 1;
  action: Action;
  n: number;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  site: fc.constantFrom(0 as const, 1 as const),
  action: fc.constantFrom<Action>('create', 'create', 'rename', 'clear', 'delete', 'person', 'export', 'export'),
  n: fc.nat(1000),
});

interface SiteBundle extends BundleFile {
  site: number;
}

/**
 * Two sites writing through the real repositories and exporting at the chosen moments; each site exports
 * once more at the end, and no acknowledgement is ever read, so every bundle is cumulative.
 */
async function play(ops: Op[], hq: HqPublic): Promise<SiteBundle[]> {
  const sites = [await siteFixture({ code: 'SPIP-54' }), await siteFixture({ code: 'SPIP-57', departement: '57' })];
  const live: string[][] = [[], []];
  const bundles: SiteBundle[] = [];
  for (const op of ops) {
    const site = sites[op.site]!;
    const ids = live[op.site]!;
    site.ctx.clock.advance(1000 + op.n);
    const target = ids.length ? ids[op.n % ids.length]! : undefined;
    if (op.action === 'create') {
      const created = await writeTransaction(site.ctx, (w) =>
        w.insert('organisation', { name: `Structure ${op.n}`, kind: 'association', communeName: 'Nancy', departement: '54', notes: `Note ${op.n}` }),
      );
      ids.push(created.id);
    } else if (op.action === 'rename' && target) {
      await writeTransaction(site.ctx, (w) =>
        w.update('organisation', target, { name: `Renommée ${op.n}`, street: op.n % 2 ? `${op.n} rue Haute` : undefined }),
      );
    } else if (op.action === 'clear' && target) {
      await writeTransaction(site.ctx, (w) => w.update('organisation', target, { siret: undefined, postalCode: op.n % 2 ? '54000' : undefined }));
    } else if (op.action === 'delete' && target) {
      await writeTransaction(site.ctx, (w) => w.remove('organisation', target));
      ids.splice(ids.indexOf(target), 1);
    } else if (op.action === 'person') {
      await writeTransaction(site.ctx, (w) =>
        w.insert('person', { lastName: 'Durand', firstName: 'Léa', birthDate: `19${50 + (op.n % 50)}-05-17`, caseNumber: `N${op.n}`, departement: '54' }),
      );
    } else if (op.action === 'export') {
      bundles.push({ site: op.site, ...(await site.export(hq)) });
    }
  }
  for (const [index, site] of sites.entries()) bundles.push({ site: index, ...(await site.export(hq)) });
  return bundles;
}

type Hq = Awaited<ReturnType<typeof hqFixture>>;

/** Import the bundles into `hq` or, given `{ sameKeysAs }`, into a fresh store holding the same keys. */
async function centralExportOf(bundles: BundleFile[], target: Hq | { sameKeysAs: Hq }): Promise<string> {
  const hq = 'sameKeysAs' in target ? await hqFixture(undefined, target.sameKeysAs) : target;
  for (const b of bundles) expect(hq.import(b).status).not.toBe('refused');
  return Buffer.from(hq.centralExport()).toString('hex');
}

describe('the consolidated state does not depend on how bundles arrive', () => {
  it('is the same for any permutation, any duplication, only the latest bundle of each site, or with bundles lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 2, maxLength: 14 }),
        fc.array(fc.double({ noNaN: true }), { minLength: 32, maxLength: 32 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
        async (ops, sortKeys, duplicates, lost) => {
          const hq = await hqFixture();
          const bundles = await play(ops, hq.pub);
          const inOrder = await centralExportOf(bundles, hq);

          const shuffled = bundles
            .map((b, i) => ({ b, k: sortKeys[i % sortKeys.length]! }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.b);
          const withDuplicates = [...shuffled];
          for (const d of duplicates) withDuplicates.splice(d % (withDuplicates.length + 1), 0, bundles[d % bundles.length]!);
          expect(await centralExportOf(withDuplicates, { sameKeysAs: hq })).toBe(inOrder);

          const latest = [0, 1].map((site) => bundles.filter((b) => b.site === site).at(-1)!);
          expect(await centralExportOf(latest, { sameKeysAs: hq })).toBe(inOrder);

          const lastOfSite = new Set(latest);
          const arrived = bundles.filter((b, i) => lastOfSite.has(b) || !lost[i % lost.length]);
          expect(await centralExportOf(arrived, { sameKeysAs: hq })).toBe(inOrder);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives a site that lost a bundle and exported again the state of a site whose every bundle arrived', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    const a = await writeTransaction(site.ctx, (w) =>
      w.insert('organisation', { name: 'Mairie', kind: 'association', communeName: 'Nancy', departement: '54' }),
    );
    const first = await site.export(hq.pub);
    site.ctx.clock.advance(1000);
    await writeTransaction(site.ctx, (w) => w.update('organisation', a.id, { name: 'Mairie de Nancy' }));
    const lost = await site.export(hq.pub);
    site.ctx.clock.advance(1000);
    await writeTransaction(site.ctx, async (w) => {
      await w.update('organisation', a.id, { street: '1 place Stanislas' });
      await w.insert('organisation', { name: 'Hôpital', kind: 'organisme_public', communeName: 'Nancy', departement: '54' });
    });
    const third = await site.export(hq.pub);
    const everything = await centralExportOf([first, lost, third], hq);
    expect(await centralExportOf([first, third], { sameKeysAs: hq })).toBe(everything);
    expect(await centralExportOf([first, lost], { sameKeysAs: hq })).not.toBe(everything);
  });

  it('is the same in any order when the devices of a site write the same records (merge rules alone)', async () => {
    const ids = ['019b8d63-4710-707d-bcd3-b51ec780218c', '019b8d63-4710-707d-bcd3-b51ec780218d', '019b8d63-4710-707d-bcd3-b51ec780218e'];
    const nodes = ['019b8d2b-8c00-745a-b560-af869e7eda00', '019b8d2b-8c00-745a-b560-af869e7eda01', '019b8d2b-8c00-745a-b560-af869e7eda02'];
    const write = fc.record({
      device: fc.nat(2),
      record: fc.nat(2),
      field: fc.constantFrom('name', 'communeName', 'street'),
      value: fc.nat(3),
      minute: fc.nat(59),
      bundle: fc.nat(3),
      deletes: fc.nat(6).map((n) => n === 0),
    });
    // Only the owner writes a record; what differs between its bundles is which device wrote what, and when.
    const site = craftedSite({ code: 'SPIP-01' });
    const creation = (id: string): WireRecord => ({ entity: 'organisation', id, created: `2026-11-25T09:00:00.000Z-0000-${nodes[0]}`, fields: {} });
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { minLength: 1, maxLength: 20 }),
        fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }),
        async (writes, keys) => {
          const hq = await hqFixture();
          const groups = new Map<number, typeof writes>();
          for (const w of writes) groups.set(w.bundle, [...(groups.get(w.bundle) ?? []), w]);
          const bundles: BundleFile[] = [];
          for (const [, group] of [...groups.entries()].sort(([a], [b]) => a - b)) {
            // Every bundle carries the creation of what it touches, as the site's cumulative bundles do.
            const byRecord = new Map<string, WireRecord>();
            for (const w of group) {
              const clock = `2026-11-25T10:${String(w.minute).padStart(2, '0')}:00.000Z-0000-${nodes[w.device]}`;
              const record = byRecord.get(ids[w.record]!) ?? creation(ids[w.record]!);
              if (w.deletes) {
                if (!record.deleted || clock < record.deleted) record.deleted = clock;
              } else if (!record.fields[w.field] || clock > record.fields[w.field]![1]) {
                record.fields[w.field] = [w.field === 'street' && w.value === 0 ? null : `${w.field} ${w.value}`, clock];
              }
              byRecord.set(record.id, record);
            }
            const records = [...byRecord.values()].map((r) => (r.deleted ? { ...r, fields: {} } : r));
            // A record whose creation is not deleted in the range must carry its required fields: give them at creation.
            for (const r of records) {
              if (r.deleted) continue;
              for (const [name, value] of Object.entries({ name: 'Structure', kind: 'association', communeName: 'Nancy', departement: '54' })) {
                r.fields[name] ??= [value, r.created!];
              }
            }
            bundles.push(site.seal(records, hq.pub));
          }
          const inOrder = await centralExportOf(bundles, hq);
          const shuffled = bundles
            .map((b, i) => ({ b, k: keys[i % keys.length]! }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.b);
          expect(await centralExportOf([...shuffled, ...shuffled.slice(0, 2)], { sameKeysAs: hq })).toBe(inOrder);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('a refused bundle changes nothing', () => {
  it('when truncated, signed by another key, encrypted to another headquarters or of an unknown version', async () => {
    const hq = await hqFixture();
    const stranger = await hqFixture();
    const site = await siteFixture();
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { name: 'Mairie', kind: 'association', communeName: 'Nancy', departement: '54' }));
    expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    site.ctx.clock.advance(1000);
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { name: 'Hôpital', kind: 'organisme_public', communeName: 'Nancy', departement: '54' }));
    const good = await site.export(hq.pub);
    const forStranger = await site.export(stranger.pub);
    const otherSigner = Uint8Array.from(good.bytes);
    otherSigner.set(ed25519.sign(good.bytes.subarray(0, good.bytes.length - 64), ed25519.utils.randomSecretKey()), good.bytes.length - 64);
    await site.keys.put(keyNames.siteSigning, ed25519.utils.randomSecretKey());
    const rekeyed = await site.export(hq.pub);
    const newer = Uint8Array.from(good.bytes);
    newer[8] = 1;
    const cases: [string, Uint8Array, RegExp][] = [
      ['truncated', good.bytes.subarray(0, good.bytes.length - 1), /^Signature invalide/],
      ['truncated in the header', good.bytes.subarray(0, 40), /^Fichier tronqué/],
      ['signed by a key other than its header’s', otherSigner, /^Signature invalide/],
      ['signed by another key than the pinned one', rekeyed.bytes, /^Clé de signature différente/],
      ['encrypted to another headquarters', forStranger.bytes, /autre clé du siège/],
      ['of an unknown format version', newer, /^Version de format inconnue \(257\)/],
    ];
    const before = hq.snapshot();
    for (const [what, bytes, reason] of cases) {
      expect(hq.import({ name: what, bytes }), what).toMatchObject({ status: 'refused', reason: expect.stringMatching(reason) });
      expect(hq.snapshot(), what).toBe(before);
    }
    expect(hq.import(good).status).toBe('accepted');
  });

  it('leaves the database exactly as it was after any flipped bit', async () => {
    const hq = await hqFixture();
    const other = await siteFixture({ code: 'SPIP-57', departement: '57' });
    await writeTransaction(other.ctx, (w) => w.insert('organisation', { name: 'Mairie de Metz', kind: 'association', communeName: 'Metz', departement: '57' }));
    expect(hq.import(await other.export(hq.pub)).status).toBe('accepted');
    const site = await siteFixture();
    await writeTransaction(site.ctx, async (w) => {
      const person = await w.insert('person', { lastName: 'Durand', firstName: 'Léa', birthDate: '1990-03-04', caseNumber: 'PR-1', departement: '54' });
      await w.insert('incident', {
        measureId: '019b8d63-4710-707d-bcd3-b51ec780218c',
        personId: person.id,
        date: '2026-11-20',
        kind: 'retard',
        description: 'Retard de 20 minutes',
      });
    });
    const bundle = await site.export(hq.pub);
    const before = hq.snapshot();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bundle.bytes.length * 8 - 1 }), (bit) => {
        const damaged = Uint8Array.from(bundle.bytes);
        damaged[bit >> 3] = (damaged[bit >> 3] as number) ^ (1 << (bit & 7));
        const outcome = hq.import({ name: bundle.name, bytes: damaged });
        expect(outcome.status).toBe('refused');
        expect(hq.snapshot()).toBe(before);
      }),
      { numRuns: 150 },
    );
    expect(hq.import(bundle).status).toBe('accepted');
    expect(hq.snapshot()).not.toBe(before);
  });
});
