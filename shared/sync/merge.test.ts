import { randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { memoryHqStore } from '../../test/support/memoryHqStore.ts';
import { craftedSite, hqFixture, type BundleFile } from '../../test/support/sync.ts';
import type { WireRecord } from './bundle.ts';
import { bytesToHex } from './bytes.ts';
import { adoptHeadquartersKey, reenrolSite } from './hqImport.ts';
import { siteKeysFrom } from './keys.ts';
import { referenceData } from './hqOutputs.ts';
import type { HqStore, RecordKey } from './hqStore.ts';
import { compareWrites } from './merge.ts';

const recordId = '019b8d63-4710-707d-bcd3-b51ec780218c';
const at = (time: string, node: string) => `2026-11-25T${time}.000Z-0000-${node}`;

/** A headquarters on the in-memory store: the engine alone, without SQLite. */
const memoryHq = () => hqFixture(undefined, undefined, memoryHqStore());

function created(node: string, name = 'Mairie', time = '10:00:00', id = recordId): WireRecord {
  return {
    entity: 'organisation',
    id,
    created: at(time, node),
    fields: Object.fromEntries(
      Object.entries({ name, kind: 'association', communeName: 'Nancy', departement: '54' }).map(([k, v]) => [k, [v, at(time, node)]]),
    ),
  };
}

const renamed = (node: string, name: string, time: string, id = recordId): WireRecord => ({
  entity: 'organisation',
  id,
  fields: { name: [name, at(time, node)] },
});
/** A record with one more field written. */
const withField = (record: WireRecord, name: string, value: unknown, clock: string): WireRecord => ({
  ...record,
  fields: { ...record.fields, [name]: [value, clock] },
});
const deleted = (node: string, time: string, id = recordId): WireRecord => ({ entity: 'organisation', id, deleted: at(time, node), fields: {} });

function liveNames(hq: Awaited<ReturnType<typeof memoryHq>>): unknown[] {
  return [...hq.store.consolidated('organisation')].filter((r) => !r.deleted).map((r) => r.fields.name?.value);
}

describe('who may write a record at headquarters', () => {
  it('refuses, whole, a bundle that renames, deletes or re-creates a record another site owns, naming the record and its owner', async () => {
    const hq = await memoryHq();
    const nancy = craftedSite({ code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle' });
    const metz = craftedSite({ code: 'SPIP-57', departement: '57' });
    expect(hq.import(nancy.seal([created(nancy.node)], hq.pub)).status).toBe('accepted');
    expect(hq.import(metz.seal([created(metz.node, 'Mairie de Metz', '10:01:00', '019b8d63-4710-707d-bcd3-b51ec7802100')], hq.pub)).status).toBe('accepted');
    const before = hq.snapshot();
    const ownRecord = created(metz.node, 'Autre structure', '10:02:00', '019b8d63-4710-707d-bcd3-b51ec7802101');
    for (const [what, hostile] of [
      ['rename', renamed(metz.node, 'Mairie de Metz', '10:05:00')],
      ['delete', deleted(metz.node, '10:05:00')],
      ['re-create', created(metz.node, 'Mairie volée', '10:05:00')],
    ] as const) {
      // The hostile write comes with a harmless record of the site's own: nothing of the file is kept.
      const outcome = hq.import(metz.seal([ownRecord, hostile], hq.pub));
      expect(outcome, what).toMatchObject({
        status: 'refused',
        reason: `Le lot modifie l’enregistrement Structure d’accueil ${recordId}, qui appartient au site SPIP-54 (SPIP de Meurthe-et-Moselle) : seul ce site peut le modifier ou le supprimer. Le fichier est refusé en entier.`,
      });
      expect(hq.snapshot(), what).toBe(before);
    }
    expect(liveNames(hq).sort()).toEqual(['Mairie', 'Mairie de Metz']);
  });

  it('refuses a write to a record it does not hold that comes without its creation: earlier bundles are missing', async () => {
    const hq = await memoryHq();
    const site = craftedSite();
    for (const write of [renamed(site.node, 'Mairie', '10:00:00'), deleted(site.node, '10:00:00')]) {
      expect(hq.import(site.seal([write], hq.pub))).toMatchObject({
        status: 'refused',
        reason: expect.stringMatching(/^Le lot modifie l’enregistrement Structure d’accueil .*, que le siège ne détient pas, sans en contenir la création/),
      });
    }
    expect(hq.store.sites()).toEqual([]);
    // Created and deleted within the same range, the record arrives as a tombstone with its creation.
    expect(hq.import(site.seal([{ ...created(site.node), deleted: at('10:01:00', site.node), fields: {} }], hq.pub)).status).toBe('accepted');
  });

  it('lets the owner write from any of its devices; a conflict between two of them is kept', async () => {
    const hq = await memoryHq();
    const site = craftedSite();
    const desk = site.node;
    const laptop = '019b8d2b-8c00-709e-ab0a-9032e0af258a';
    expect(hq.import(site.seal([created(desk)], hq.pub)).status).toBe('accepted');
    const both = withField(renamed(desk, 'Mairie de Laxou', '10:01:00'), 'communeName', 'Laxou', at('10:02:00', laptop));
    expect(hq.import(site.seal([both], hq.pub))).toMatchObject({ status: 'accepted', conflicts: 1 });
    expect(hq.store.conflicts().map((c) => [c.field, c.lost.value, c.lost.deviceId, c.kept.deviceId])).toEqual([['communeName', '"Nancy"', desk, laptop]]);
    expect(hq.store.record('organisation', recordId)).toMatchObject({ siteId: site.siteId, owner: site.siteId });
  });

  it('moves ownership only by an act, recorded with the records it moved; the author stays', async () => {
    const hq = await memoryHq();
    const nancy = craftedSite({ code: 'SPIP-54' });
    const metz = craftedSite({ code: 'SPIP-57' });
    const other = '019b8d63-4710-707d-bcd3-b51ec7802199';
    hq.import(nancy.seal([created(nancy.node), created(nancy.node, 'Hôpital', '10:00:01', other)], hq.pub));
    hq.import(metz.seal([], hq.pub));
    const keys: RecordKey[] = [
      { entity: 'organisation', id: recordId },
      { entity: 'organisation', id: '019b8d63-4710-707d-bcd3-b51ec78021ff' },
    ];
    const act = {
      kind: 'transfer' as const,
      fromSiteId: nancy.siteId,
      toSiteId: metz.siteId,
      at: '2026-11-25T12:00:00.000Z',
      evidence: 'offer x sha256 y\nacceptance z sha256 w',
      note: 'Dossier transféré',
    };
    expect(hq.store.transaction(() => hq.store.moveOwnership(act, keys))).toBe(1);
    expect(hq.store.ownershipActs()).toEqual([{ ...act, records: 1 }]);
    expect(hq.store.record('organisation', recordId)).toMatchObject({ siteId: nancy.siteId, owner: metz.siteId });
    expect(hq.import(metz.seal([renamed(metz.node, 'Mairie de Nancy', '10:10:00')], hq.pub)).status).toBe('accepted');
    expect(hq.import(nancy.seal([renamed(nancy.node, 'Mairie ancienne', '10:11:00')], hq.pub))).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('qui appartient au site SPIP-57'),
    });
    // The record it did not move stays with its owner.
    expect(hq.import(nancy.seal([renamed(nancy.node, 'Hôpital central', '10:12:00', other)], hq.pub)).status).toBe('accepted');
    expect([...hq.store.consolidated('organisation')].map((r) => [r.fields.name?.value, r.siteId, r.owner])).toEqual([
      ['Mairie de Nancy', nancy.siteId, metz.siteId],
      ['Hôpital central', nancy.siteId, nancy.siteId],
    ]);
  });

  it('knows, per record, up to which clock the site that gave it away by a transfer wrote it (both stores)', async () => {
    for (const hq of [await memoryHq(), await hqFixture()]) {
      const nancy = craftedSite({ code: 'SPIP-54' });
      const metz = craftedSite({ code: 'SPIP-57' });
      hq.import(nancy.seal([created(nancy.node)], hq.pub));
      const act = { kind: 'transfer' as const, fromSiteId: nancy.siteId, toSiteId: metz.siteId, at: '2026-11-25T12:00:00.000Z', evidence: 'e', note: 'n' };
      const keys: RecordKey[] = [{ entity: 'organisation', id: recordId }];
      hq.store.transaction(() => hq.store.moveOwnership({ ...act, upTo: at('10:05:00', nancy.node) }, keys));
      hq.store.transaction(() => hq.store.moveOwnership({ ...act, fromSiteId: metz.siteId, toSiteId: nancy.siteId, upTo: at('10:30:00', metz.node) }, keys));
      hq.store.transaction(() => hq.store.moveOwnership({ ...act, upTo: at('10:50:00', nancy.node) }, keys));
      expect(hq.store.formerOwnerLimit('organisation', recordId, nancy.siteId)).toBe(at('10:50:00', nancy.node));
      expect(hq.store.formerOwnerLimit('organisation', recordId, metz.siteId)).toBe(at('10:30:00', metz.node));
      expect(hq.store.formerOwnerLimit('organisation', '019b8d63-4710-707d-bcd3-b51ec78021ff', nancy.siteId)).toBeUndefined();
      expect(hq.store.ownershipActs().map((a) => a.upTo)).toEqual([at('10:05:00', nancy.node), at('10:30:00', metz.node), at('10:50:00', nancy.node)]);
    }
  });

  it('gives every record of a replaced site to the installation re-enrolled under its code, on the evidence of its bundle', async () => {
    const hq = await memoryHq();
    const old = craftedSite({ code: 'SPIP-54' });
    hq.import(old.seal([created(old.node)], hq.pub));
    const reinstalled = craftedSite({ code: 'SPIP-54' });
    const bundle = reinstalled.seal([renamed(reinstalled.node, 'Mairie de Nancy', '11:00:00')], hq.pub);
    expect(hq.import(bundle).status).toBe('refused');
    const result = reenrolSite(hq.store, bundle.bytes, {
      now: Date.parse('2026-11-25T12:00:00Z'),
      note: 'Poste réinstallé, vérifié par téléphone',
      replaces: old.siteId,
    });
    expect(result.recordsMoved).toBe(1);
    expect(hq.store.ownershipActs()).toEqual([
      {
        kind: 'reenrolment',
        fromSiteId: old.siteId,
        toSiteId: reinstalled.siteId,
        at: '2026-11-25T12:00:00.000Z',
        evidence: expect.stringMatching(/^bundle [0-9a-f-]{36} sha256 [0-9a-f]{64}$/),
        note: 'Poste réinstallé, vérifié par téléphone',
        records: 1,
      },
    ]);
    expect(hq.import(bundle).status).toBe('accepted');
    expect(hq.store.record('organisation', recordId)).toMatchObject({ siteId: old.siteId, owner: reinstalled.siteId });
  });
});

describe('headquarters is its signing key, never a header field', () => {
  it('refuses a site bundle that calls itself ATIGIP, and publishes as reference data only what headquarters’ key wrote', async () => {
    const hq = await memoryHq();
    const forger = craftedSite({ kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP' });
    expect(hq.import(forger.seal([created(forger.node, 'Faux partenaire')], hq.pub))).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/^Ce lot se présente comme venant du siège \(type ATIGIP\) sans être signé par la clé du siège/),
    });
    const headquarters = craftedSite(
      { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP' },
      { signingSecret: hq.keyring.signingSecret, signingPublic: hq.keyring.signingPublic, pseudonymSecret: randomBytes(32) },
    );
    expect(hq.import(headquarters.seal([created(headquarters.node, 'La Poste')], hq.pub)).status).toBe('accepted');
    // A site that took headquarters' key for its own kind is refused as well.
    const confused = craftedSite({ kind: 'spip', code: 'SPIP-75' }, headquarters.keys);
    expect(hq.import(confused.seal([], hq.pub))).toMatchObject({ status: 'refused', reason: expect.stringMatching(/n’est pas le siège/) });
    const spip = craftedSite({ code: 'SPIP-54' });
    hq.import(spip.seal([created(spip.node, 'Mairie de Nancy', '10:00:00', '019b8d63-4710-707d-bcd3-b51ec78021aa')], hq.pub));

    const data = referenceData(hq.store, hq.keyring.signingPublic, '2026-11-25T12:00:00.000Z', ['organisation']);
    expect(data.records.organisation?.map((r) => r.name)).toEqual(['La Poste']);
    expect(data.sites.map((s) => s.code).sort()).toEqual(['ATIGIP', 'SPIP-54']);
    // Another headquarters' key sees no record of its own in this store.
    const stranger = await memoryHq();
    expect(referenceData(hq.store, stranger.keyring.signingPublic, '2026-11-25T12:00:00.000Z', ['organisation']).records.organisation).toEqual([]);
  });
});

describe('headquarters’ own site pinned by an older version', () => {
  it('is re-pinned to headquarters’ signing key on headquarters’ word, recorded in the key history; no other pin changes', async () => {
    const hq = await memoryHq();
    const installationKeys = siteKeysFrom(randomBytes(32), randomBytes(32));
    const formerPin = { siteId: '019b8d63-4710-707d-bcd3-b51ec7800001', code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip' as const, departement: '75' };
    hq.store.saveSite({ ...formerPin, publicKey: bytesToHex(installationKeys.signingPublic), enrolledAt: '2026-11-01T00:00:00.000Z' });
    const spip = craftedSite();
    hq.import(spip.seal([], hq.pub));
    const before = hq.store.site(spip.siteId);
    adoptHeadquartersKey(hq.store, spip.siteId, installationKeys.signingPublic, hq.keyring.signingPublic, '2026-11-25T12:00:00.000Z');
    expect(hq.store.site(spip.siteId)).toEqual(before);
    adoptHeadquartersKey(hq.store, formerPin.siteId, installationKeys.signingPublic, hq.keyring.signingPublic, '2026-11-25T12:00:00.000Z');
    expect(hq.store.site(formerPin.siteId)?.publicKey).toBe(bytesToHex(hq.keyring.signingPublic));
    expect(hq.store.keyChanges()).toEqual([expect.objectContaining({ siteId: formerPin.siteId, newKey: bytesToHex(hq.keyring.signingPublic) })]);
    const headquarters = craftedSite(formerPin, { ...installationKeys, signingSecret: hq.keyring.signingSecret, signingPublic: hq.keyring.signingPublic });
    expect(hq.import(headquarters.seal([created(headquarters.node, 'La Poste')], hq.pub)).status).toBe('accepted');
  });
});

describe('merge rules on the in-memory store', () => {
  const laptop = '019b8d2b-8c00-709e-ab0a-9032e0af258a';

  /** Import bundles into fresh stores holding the same keys, once per order; the consolidated states. */
  async function statesInOrders(hqKeys: Awaited<ReturnType<typeof memoryHq>>, bundles: BundleFile[], orders: number[][]) {
    const states: { store: HqStore; state: string }[] = [];
    for (const order of orders) {
      const hq = await hqFixture(undefined, hqKeys, memoryHqStore());
      for (const i of order) expect(hq.import(bundles[i]!).status).not.toBe('refused');
      states.push({ store: hq.store, state: JSON.stringify([...hq.store.consolidated()]) });
    }
    return states;
  }

  it('keeps the later value per field and the value another device lost in the conflicts table, in any order', async () => {
    const hqKeys = await memoryHq();
    const site = craftedSite();
    const bundles = [
      site.seal([created(site.node)], hqKeys.pub),
      site.seal([withField(created(site.node), 'name', 'Mairie de Nancy', at('10:05:00', laptop))], hqKeys.pub),
    ];
    const states = await statesInOrders(hqKeys, bundles, [
      [0, 1],
      [1, 0],
      [1, 0, 1, 0],
    ]);
    for (const { store } of states) {
      expect([...store.consolidated()][0]?.fields.name).toEqual({ value: 'Mairie de Nancy', clock: at('10:05:00', laptop) });
      expect(store.conflicts()).toEqual([
        expect.objectContaining({
          entity: 'organisation',
          recordId,
          field: 'name',
          kind: 'value',
          kept: { value: '"Mairie de Nancy"', clock: at('10:05:00', laptop), siteId: site.siteId, deviceId: laptop },
          lost: { value: '"Mairie"', clock: at('10:00:00', site.node), siteId: site.siteId, deviceId: site.node },
        }),
      ]);
    }
    expect(new Set(states.map((s) => s.state)).size).toBe(1);
  });

  it('makes a tombstone final: a later write from another device loses, kept as a deletion conflict, in any order', async () => {
    const hqKeys = await memoryHq();
    const site = craftedSite();
    const bundles = [
      site.seal([created(site.node)], hqKeys.pub),
      site.seal([withField(created(site.node), 'name', 'Mairie de Laxou', at('10:05:00', laptop))], hqKeys.pub),
      site.seal([{ ...created(site.node), deleted: at('10:03:00', site.node), fields: {} }], hqKeys.pub),
    ];
    const states = await statesInOrders(hqKeys, bundles, [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ]);
    for (const { store } of states) {
      expect([...store.consolidated()]).toEqual([
        expect.objectContaining({ deleted: { clock: at('10:03:00', site.node) }, fields: {}, siteId: site.siteId, owner: site.siteId }),
      ]);
      expect(store.conflicts()).toContainEqual(
        expect.objectContaining({
          kind: 'deletion',
          field: 'name',
          kept: expect.objectContaining({ value: null }),
          lost: expect.objectContaining({ value: '"Mairie de Laxou"' }),
        }),
      );
    }
    expect(new Set(states.map((s) => s.state)).size).toBe(1);
  });

  it('keeps a lost value once even when cumulative bundles bring it again', async () => {
    const hq = await memoryHq();
    const site = craftedSite();
    const later = withField(created(site.node), 'name', 'Mairie de Nancy', at('10:05:00', laptop));
    hq.import(site.seal([created(site.node)], hq.pub));
    hq.import(site.seal([later], hq.pub));
    hq.import(site.seal([created(site.node)], hq.pub));
    hq.import(site.seal([later], hq.pub));
    expect(hq.store.conflicts()).toHaveLength(1);
  });

  it('gives any two writes one winner: clock, then site id, then value', () => {
    const write = (clock: string, siteId: string, value: string) => ({ clock, siteId, value });
    expect(compareWrites(write('b', 'a', 'x'), write('a', 'z', 'z'))).toBe(1);
    expect(compareWrites(write('a', 'b', 'x'), write('a', 'a', 'z'))).toBe(1);
    expect(compareWrites(write('a', 'a', 'y'), write('a', 'a', 'x'))).toBe(1);
    expect(compareWrites(write('a', 'a', 'x'), write('a', 'a', 'y'))).toBe(-1);
    expect(compareWrites(write('a', 'a', 'x'), write('a', 'a', 'x'))).toBe(0);
  });
});
