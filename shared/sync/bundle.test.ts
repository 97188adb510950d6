import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptedText, hqFixture, siteFixture } from '../../test/support/sync.ts';
import { writeTransaction } from '../repos/writer.ts';
import type { OrganisationInput } from '../schemas/organisation.ts';
import {
  decryptBundle,
  MAX_BUNDLE_RECORDS,
  MAX_RECORD_BYTES,
  parsePayload,
  payloadLimit,
  readBundle,
  sealBundle,
  type BundleHeader,
  type BundleInput,
  type WireRecord,
} from './bundle.ts';
import { deflateSync } from 'fflate';
import { fflateInflate, type Inflate } from '../ports/deflate.ts';
import { concatBytes, fromUtf8, readU32, u32, utf8 } from './bytes.ts';
import type { SiteKeys } from './keys.ts';
import { ed25519 } from '@noble/curves/ed25519.js';
import { createHqKeys, loadHqKeyring } from './keys.ts';
import { memoryKeyStore } from '../ports/keyStore.ts';
import { pseudonymKey } from './pseudonym.ts';
import { collapseChanges } from './collapse.ts';

const org: OrganisationInput = {
  name: 'Mairie de Nancy',
  kind: 'collectivite_territoriale',
  communeName: 'Nancy',
  departement: '54',
  notes: 'Contact : M. Martin',
};

/** Every step headquarters takes to read a bundle; the refusal reason, or the records. */
function openAll(bytes: Uint8Array, keys: ReadonlyMap<string, Uint8Array>): { ok: true; records: WireRecord[] } | { ok: false; reason: string } {
  const envelope = readBundle(bytes);
  if (!envelope.ok) return envelope;
  const decrypted = decryptBundle(envelope, keys);
  if (!decrypted.ok) return decrypted;
  return parsePayload(envelope.header, decrypted.payload);
}

async function siteWithRecords() {
  const site = await siteFixture();
  const ids = await writeTransaction(site.ctx, async (w) => {
    const o = await w.insert('organisation', org);
    const p = await w.insert('person', {
      lastName: 'Durand',
      firstName: 'Léa',
      birthDate: '1990-03-04',
      caseNumber: 'PR-2025-000123',
      departement: '54',
      phone: '06 12 34 56 78',
    });
    const m = await w.insert('measure', {
      personId: p.id,
      kind: 'tig_peine',
      jurisdiction: 'Tribunal judiciaire de Nancy',
      decisionDate: '2026-01-10',
      offenceDate: '2025-11-02',
      offenceCategory: 'delit',
      hoursOrdered: 105,
      periodStart: '2026-02-01',
      periodMonths: 18,
      suspensions: [],
      status: 'en_cours',
    });
    return { org: o.id, person: p.id, measure: m.id };
  });
  return { site, ids };
}

describe('bundle round trip', () => {
  it('carries the collapsed changes, pseudonymised, under a clear signed header', async () => {
    const hq = await hqFixture();
    const { site, ids } = await siteWithRecords();
    site.ctx.clock.advance(60_000);
    await writeTransaction(site.ctx, (w) => w.update('organisation', ids.org, { name: 'Ville de Nancy', notes: undefined }));
    const bundle = await site.export(hq.pub);
    expect(bundle.name).toBe(`SPIP-54-${site.identity.deviceId.slice(-12)}-1.passerelle`);

    const opened = openAll(bundle.bytes, hq.keyring.decryptionKeys);
    if (!opened.ok) throw new Error(opened.reason);
    const envelope = readBundle(bundle.bytes);
    if (!envelope.ok) throw new Error(envelope.reason);
    const changes = await site.ctx.db.changes.orderBy('clock').toArray();
    expect(envelope.header).toMatchObject({
      formatVersion: 1,
      siteId: site.identity.siteId,
      siteCode: 'SPIP-54',
      sequence: 1,
      hqKeyId: hq.pub.keyId,
      afterClock: null,
      firstClock: changes[0]?.clock,
      lastClock: changes.at(-1)?.clock,
      changeCount: 4,
      counts: { organisation: 1, person: 1, measure: 1 },
    });

    const byEntity = Object.fromEntries(opened.records.map((r) => [r.entity, r]));
    const key = pseudonymKey(site.siteKeys.pseudonymSecret, ids.person);
    expect(byEntity.person?.id).toBe(key);
    expect(Object.keys(byEntity.person?.fields ?? {}).sort()).toEqual(['ageBand', 'departement']);
    expect(byEntity.person?.fields.ageBand?.[0]).toBe('26-49');
    expect(byEntity.measure?.fields.personId?.[0]).toBe(key);
    expect(byEntity.organisation?.fields.name).toEqual(['Ville de Nancy', changes.at(-1)?.clock]);
    expect(byEntity.organisation?.fields.notes).toBeUndefined();
    expect(byEntity.organisation?.created).toBe(changes[0]?.clock);
  });

  it('numbers successive exports and starts after the acknowledged clock', async () => {
    const hq = await hqFixture();
    const { site } = await siteWithRecords();
    const first = await site.export(hq.pub);
    const second = await site.export(hq.pub);
    expect([first.name, second.name]).toEqual([1, 2].map((n) => `SPIP-54-${site.identity.deviceId.slice(-12)}-${n}.passerelle`));
    const acked = (await site.ctx.db.changes.orderBy('clock').first())?.clock as string;
    await site.ctx.db.meta.put({ key: 'sync.ackedClock', value: acked });
    const third = readBundle((await site.export(hq.pub)).bytes);
    if (!third.ok) throw new Error(third.reason);
    expect(third.header.afterClock).toBe(acked);
    expect(third.header.changeCount).toBe(2);
  });
});

describe('collapse', () => {
  it('keeps the latest value and clock of each field, clears as null, and only the tombstone of a deleted record', async () => {
    const site = await siteFixture();
    const a = await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const b = await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name: 'Association Trait d’union' }));
    site.ctx.clock.advance(1000);
    await writeTransaction(site.ctx, (w) => w.update('organisation', a.id, { name: 'Mairie', notes: undefined }));
    site.ctx.clock.advance(1000);
    await writeTransaction(site.ctx, (w) => w.update('organisation', a.id, { name: 'Mairie de Laxou' }));
    await writeTransaction(site.ctx, (w) => w.remove('organisation', b.id));
    const changes = await site.ctx.db.changes.orderBy('clock').toArray();
    const collapsed = collapseChanges(changes);
    const ra = collapsed.find((r) => r.id === a.id);
    const rb = collapsed.find((r) => r.id === b.id);
    expect(ra?.created).toBe(a.updatedAt);
    expect(ra?.fields.name).toEqual({ value: 'Mairie de Laxou', clock: changes[3]?.clock });
    expect(ra?.fields.notes).toEqual({ value: null, clock: changes[2]?.clock });
    expect(ra?.fields.kind).toEqual({ value: 'collectivite_territoriale', clock: a.updatedAt });
    expect(rb).toEqual({ entity: 'organisation', id: b.id, created: b.updatedAt, deleted: changes[4]?.clock, fields: {} });
  });
});

describe('a damaged or foreign bundle is refused with its reason', () => {
  it('refuses any single flipped bit', async () => {
    const hq = await hqFixture();
    const { site } = await siteWithRecords();
    const { bytes } = await site.export(hq.pub);
    expect(openAll(bytes, hq.keyring.decryptionKeys).ok).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), (bit) => {
        const damaged = Uint8Array.from(bytes);
        damaged[bit >> 3] = (damaged[bit >> 3] as number) ^ (1 << (bit & 7));
        const result = openAll(damaged, hq.keyring.decryptionKeys);
        return !result.ok && result.reason.length > 0;
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a truncated file', async () => {
    const hq = await hqFixture();
    const { site } = await siteWithRecords();
    const { bytes } = await site.export(hq.pub);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (length) => {
        const result = openAll(bytes.subarray(0, length), hq.keyring.decryptionKeys);
        return !result.ok && /tronqué|Signature invalide|pas un lot/.test(result.reason);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an unknown format version, saying so', async () => {
    const hq = await hqFixture();
    const { site } = await siteWithRecords();
    const bytes = Uint8Array.from((await site.export(hq.pub)).bytes);
    bytes[9] = 2;
    expect(openAll(bytes, hq.keyring.decryptionKeys)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Version de format inconnue \(2\)/) });
  });

  it('refuses a bundle signed by another key than the one in its header', async () => {
    const hq = await hqFixture();
    const { site } = await siteWithRecords();
    const bytes = Uint8Array.from((await site.export(hq.pub)).bytes);
    const body = bytes.subarray(0, bytes.length - 64);
    bytes.set(ed25519.sign(body, ed25519.utils.randomSecretKey()), bytes.length - 64);
    expect(openAll(bytes, hq.keyring.decryptionKeys)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Signature invalide/) });
  });

  it('skips the signature only when told these very bytes were verified before (headquarters knows their hash)', async () => {
    const hq = await hqFixture();
    const { site } = await siteWithRecords();
    const bytes = Uint8Array.from((await site.export(hq.pub)).bytes);
    bytes[bytes.length - 1]! ^= 1;
    expect(readBundle(bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Signature invalide/) });
    expect(readBundle(bytes, { signatureChecked: true })).toMatchObject({ ok: true, header: { siteCode: 'SPIP-54' } });
  });

  it('refuses a bundle encrypted to another headquarters', async () => {
    const hq = await hqFixture();
    const other = await loadHqKeyring(
      await (async () => {
        const store = memoryKeyStore();
        await createHqKeys(store, new Date());
        return store;
      })(),
    );
    const { site } = await siteWithRecords();
    const { bytes } = await site.export(hq.pub);
    expect(openAll(bytes, other.decryptionKeys)).toMatchObject({ ok: false, reason: expect.stringMatching(/autre clé du siège/) });
  });

  it('refuses a file that is not a bundle', async () => {
    const hq = await hqFixture();
    expect(openAll(new TextEncoder().encode('Bonjour, ceci est un courrier.'), hq.keyring.decryptionKeys)).toMatchObject({
      ok: false,
      reason: 'Ce fichier n’est pas un lot Passerelle.',
    });
  });
});

const clock = '2026-11-25T10:00:00.000Z-0000-019b8d2b-8c00-745a-b560-af869e7edac4';
const id = '019b8d63-4710-707d-bcd3-b51ec780218c';
const valid: WireRecord = {
  entity: 'organisation',
  id,
  created: clock,
  fields: { name: ['Mairie', clock], kind: ['association', clock], communeName: ['Nancy', clock], departement: ['54', clock] },
};

function inputOf(siteId: string, changeCount: number): Omit<BundleInput, 'records'> {
  return {
    site: { siteId, code: 'SPIP-54', name: 'SPIP', kind: 'spip', departement: '54' },
    sequence: 1,
    afterClock: undefined,
    firstClock: clock,
    lastClock: clock,
    changeCount,
    createdAt: Date.parse('2026-11-25T10:00:00Z'),
  };
}

/** Seal records as a site would, then take every step headquarters takes to read them. */
async function sealedRecords(records: WireRecord[]) {
  const hq = await hqFixture();
  const site = await siteFixture();
  return openAll(sealBundle(inputOf(site.identity.siteId, records.length), records, site.siteKeys, hq.pub).bytes, hq.keyring.decryptionKeys);
}

describe('headquarters validates every record against the wire schemas', () => {
  it('accepts a well-formed record', async () => {
    expect((await sealedRecords([valid])).ok).toBe(true);
  });

  it.each<[string, WireRecord, RegExp]>([
    ['a withheld field', { ...valid, fields: { ...valid.fields, notes: ['Appeler M. Martin', clock] } }, /« notes » ne doit pas quitter le site/],
    ['a person under its local id', { entity: 'person', id, created: clock, fields: { departement: ['54', clock] } }, /identifiant .* invalide/],
    ['a person id in clear', { entity: 'incident', id, fields: { personId: [id, clock] } }, /personId : Clé pseudonyme invalide/],
    ['an invalid value', { ...valid, fields: { ...valid.fields, departement: ['99', clock] } }, /departement : /],
    ['a created record without a required field', { ...valid, fields: { name: ['Mairie', clock] } }, /obligatoire « kind » manque/],
    ['a required field cleared', { entity: 'organisation', id, fields: { name: [null, clock] } }, /obligatoire « name » est effacé/],
    ['a clock outside the header range', { ...valid, fields: { ...valid.fields, name: ['Mairie', clock.replace('10:00', '11:00')] } }, /hors de l’intervalle/],
    ['an unknown entity', { ...valid, entity: 'secret' as never }, /Type d’enregistrement inconnu/],
  ])('refuses %s', async (_what, record, reason) => {
    expect(await sealedRecords([record])).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('takes a measure ordered in hours or in days, and refuses one created with neither', async () => {
    const measure = (ordered: Record<string, [unknown, string]>): WireRecord => ({
      entity: 'measure',
      id,
      created: clock,
      fields: {
        personId: ['a'.repeat(64), clock],
        kind: ['stage', clock],
        jurisdiction: ['Tribunal correctionnel de Nancy', clock],
        decisionDate: ['2026-06-01', clock],
        offenceDate: ['2026-01-10', clock],
        offenceCategory: ['delit', clock],
        periodStart: ['2026-07-01', clock],
        periodMonths: [12, clock],
        suspensions: [[], clock],
        status: ['en_cours', clock],
        ...ordered,
      },
    });
    expect((await sealedRecords([measure({ daysOrdered: [2, clock] })])).ok).toBe(true);
    expect((await sealedRecords([measure({ hoursOrdered: [14, clock] })])).ok).toBe(true);
    expect(await sealedRecords([measure({ hoursOrdered: [null, clock] })])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/l’un des champs « hoursOrdered » ou « daysOrdered » est attendu/),
    });
    expect(await sealedRecords([measure({ daysOrdered: [1.5, clock] })])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/daysOrdered : Jours ordonnés : nombre entier/),
    });
    // An update names only what changed: a measure moved to days clears its hours.
    const { created: _created, ...update } = measure({ daysOrdered: [2, clock], hoursOrdered: [null, clock] });
    expect((await sealedRecords([{ ...update, fields: { daysOrdered: [2, clock], hoursOrdered: [null, clock] } }])).ok).toBe(true);
  });

  it('refuses the same record twice', async () => {
    expect(await sealedRecords([valid, valid])).toMatchObject({ ok: false, reason: expect.stringMatching(/en double/) });
  });
});

/** The same bundle with its header edited, signed again by the site: what a hostile site can send. */
function withHeader(bytes: Uint8Array, edit: (header: BundleHeader) => BundleHeader, keys: SiteKeys): Uint8Array {
  const length = readU32(bytes, 10);
  const header = utf8(JSON.stringify(edit(JSON.parse(fromUtf8(bytes.subarray(14, 14 + length))) as BundleHeader)));
  const signed = concatBytes([bytes.subarray(0, 10), u32(header.length), header, bytes.subarray(14 + length, bytes.length - 64)]);
  return concatBytes([signed, ed25519.sign(signed, keys.signingSecret)]);
}

describe('no bundle can exhaust headquarters', () => {
  it('stops decompressing a bomb at the size its record count makes plausible, and refuses it', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    // Eight megabytes of zeros compress to a few kilobytes, under a header announcing one record.
    const bomb = (): Uint8Array => deflateSync(new Uint8Array(8 * 1024 * 1024));
    const bytes = sealBundle(inputOf(site.identity.siteId, 1), [valid], site.siteKeys, hq.pub, bomb).bytes;
    const envelope = readBundle(bytes);
    if (!envelope.ok) throw new Error(envelope.reason);
    const asked: { limit: number; out: number | undefined }[] = [];
    const watched: Inflate = (data, limit) => {
      const out = fflateInflate(data, limit);
      asked.push({ limit, out: out?.length });
      return out;
    };
    expect(decryptBundle(envelope, hq.keyring.decryptionKeys, watched)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Contenu trop volumineux une fois décompressé \(plus de 80 Kio pour 1 enregistrement annoncé\)/),
    });
    expect(asked).toEqual([{ limit: payloadLimit(envelope.header, envelope.parts.ciphertext.length - 16), out: undefined }]);
    expect(asked[0]!.limit).toBeLessThan(128 * 1024);
    expect(hq.import({ name: 'bombe.passerelle', bytes })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^Contenu trop volumineux/) });
    expect(hq.store.sites()).toEqual([]);
  });

  it('limits a payload to 64 times its compressed size, whatever record count the header announces', () => {
    const header = { counts: { organisation: MAX_BUNDLE_RECORDS } } as unknown as BundleHeader;
    expect(payloadLimit(header, 100 * 1024 * 1024)).toBe(1536 * 1024 * 1024);
    expect(payloadLimit(header, 6 * 1024 * 1024)).toBe(6 * 64 * 1024 * 1024);
    expect(payloadLimit(header, 1000)).toBe(1024 * 1024);
  });

  it('inflates a real payload whole, and stops one byte past the limit', () => {
    const text = utf8('{"a":1}\n'.repeat(1000));
    expect(fflateInflate(deflateSync(text), text.length)).toEqual(text);
    expect(fflateInflate(deflateSync(text), text.length - 1)).toBeUndefined();
    expect(() => fflateInflate(utf8('pas du deflate'), 1000)).toThrow();
  });

  it('refuses a record line longer than 64 KiB without decoding it', async () => {
    const long: WireRecord = { ...valid, fields: { ...valid.fields, name: ['x'.repeat(MAX_RECORD_BYTES), clock] } };
    expect(await sealedRecords([valid, long])).toMatchObject({
      ok: false,
      reason: 'Enregistrement trop long à la ligne 2 du contenu (plus de 64 Kio) : lot forgé ou abîmé.',
    });
  });

  it.each<[string, unknown]>([
    ['a record that is an array', [valid]],
    ['a key a record has not', { ...valid, updatedAt: clock }],
    ['an entity that is not text', { ...valid, entity: 3 }],
    ['an id that is not text', { ...valid, id: null }],
    ['fields that are a list', { ...valid, fields: [['Mairie', clock]] }],
    ['a field without its clock', { ...valid, fields: { ...valid.fields, name: ['Mairie'] } }],
    ['a field with a third item', { ...valid, fields: { ...valid.fields, name: ['Mairie', clock, clock] } }],
    ['a field that is not a pair', { ...valid, fields: { ...valid.fields, name: 'Mairie' } }],
    ['a field clock that is not a clock', { ...valid, fields: { ...valid.fields, name: ['Mairie', '2026-12-07'] } }],
    ['a deletion clock that is a number', { ...valid, deleted: 1 }],
  ])('refuses a record of the wrong shape: %s', async (_, forged) => {
    expect(await sealedRecords([valid, forged as WireRecord])).toMatchObject({ ok: false, reason: 'Enregistrement mal formé dans le contenu du lot.' });
  });

  it('refuses a clock whose device id is longer than 64 characters or not plain', async () => {
    for (const node of ['d'.repeat(65), 'poste\nfaux', 'poste 1']) {
      const forged = clock.replace('019b8d2b-8c00-745a-b560-af869e7edac4', node);
      expect(await sealedRecords([{ ...valid, created: forged }])).toMatchObject({ ok: false, reason: 'Enregistrement mal formé dans le contenu du lot.' });
    }
  });

  it('refuses a header announcing more records than a bundle may hold, before opening it', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    const bytes = sealBundle(inputOf(site.identity.siteId, 1), [valid], site.siteKeys, hq.pub).bytes;
    const forged = withHeader(bytes, (h) => ({ ...h, counts: { organisation: MAX_BUNDLE_RECORDS, hourLog: 1 } }), site.siteKeys);
    expect(readBundle(forged)).toMatchObject({
      ok: false,
      // Numbers are grouped by thin no-break spaces, as French writes them.
      reason: expect.stringMatching(
        /^Lot trop volumineux : il annonce 5\s000\s001 enregistrements, plus que les 5\s000\s000 qu’un lot peut contenir\. Il est refusé sans être ouvert\.$/,
      ),
    });
    expect(readBundle(withHeader(bytes, (h) => h, site.siteKeys)).ok).toBe(true);
  });

  it('refuses a header longer than 64 KiB before parsing it', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    const bytes = sealBundle(inputOf(site.identity.siteId, 1), [valid], site.siteKeys, hq.pub).bytes;
    const forged = withHeader(bytes, (h) => ({ ...h, siteName: ' '.repeat(70 * 1024) }), site.siteKeys);
    expect(readBundle(forged)).toMatchObject({ ok: false, reason: expect.stringMatching(/^En-tête illisible : il est bien plus long/) });
  });
});

describe('privacy', () => {
  it('never puts a name, birth date, case number or local person id in a bundle, even decrypted', async () => {
    const hq = await hqFixture();
    const name = fc.stringMatching(/^[A-Z][a-zéèï]{5,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            lastName: name,
            firstName: name,
            birthDate: fc.date({ min: new Date('1950-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
            caseNumber: fc.stringMatching(/^PR-\d{4}-\d{6}$/),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (persons) => {
          const site = await siteFixture();
          const ids: string[] = [];
          await writeTransaction(site.ctx, async (w) => {
            for (const p of persons) {
              const person = await w.insert('person', { ...p, departement: '54', counsellor: 'Camille Martin' });
              ids.push(person.id);
              await w.insert('incident', {
                measureId: '019b8d63-4710-707d-bcd3-b51ec780218c',
                personId: person.id,
                date: '2026-11-20',
                kind: 'retard',
                description: `${p.firstName} ${p.lastName}, né le ${p.birthDate}, dossier ${p.caseNumber}`,
              });
            }
          });
          const { bytes } = await site.export(hq.pub);
          const raw = Buffer.from(bytes);
          const clear = decryptedText(bytes, hq.keyring);
          for (const [i, p] of persons.entries()) {
            for (const secret of [p.lastName, p.firstName, p.birthDate, p.caseNumber, ids[i] as string]) {
              expect(raw.includes(Buffer.from(secret)), secret).toBe(false);
              expect(clear.includes(secret), secret).toBe(false);
            }
          }
          expect(clear).toContain(pseudonymKey(site.siteKeys.pseudonymSecret, ids[0] as string));
        },
      ),
      { numRuns: 15 },
    );
  });
});
