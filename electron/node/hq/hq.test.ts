import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../shared/ports/keyStore.ts';
import { pendingChangeCount } from '../../../shared/repos/changes.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import type { OrganisationInput } from '../../../shared/schemas/organisation.ts';
import { readBundle, sealBundle, type BundleInput, type WireRecord } from '../../../shared/sync/bundle.ts';
import { readAcknowledgement } from '../../../shared/sync/signed.ts';
import { SyncError } from '../../../shared/errors.ts';
import { importBundle, reenrolSite } from '../../../shared/sync/hqImport.ts';
import type { HqStore } from '../../../shared/sync/hqStore.ts';
import { entityCsv } from '../../../shared/sync/centralExport.ts';
import { signedAcknowledgement, signedReferenceData } from '../../../shared/sync/hqOutputs.ts';
import { createHqKeys, ensureSiteKeys, keyIdOf, keyNames, loadHqKeyring, rotateHqEncryptionKey, siteKeysFrom } from '../../../shared/sync/keys.ts';
import { applyAcknowledgement, verifyReferenceData } from '../../../shared/sync/site.ts';
import { hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { gunzipSync } from 'node:zlib';
import { checkHqStore, hqPaths, initHqDir, loadKeyring, openHqStore } from './hqDir.ts';
import { importBundleFiles } from './import.ts';
import { openSqliteHqStore } from './sqliteStore.ts';

const org: OrganisationInput = { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' };

function allExportedLines(bytes: Uint8Array): Record<string, unknown>[] {
  return gunzipSync(bytes)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function headerOf(bundle: { bytes: Uint8Array }) {
  const envelope = readBundle(bundle.bytes);
  if (!envelope.ok) throw new Error(envelope.reason);
  return envelope.header;
}

/** The consolidated records of the central export, without its site directory. */
function exportedLines(bytes: Uint8Array): Record<string, unknown>[] {
  return allExportedLines(bytes).filter((l) => l.entity !== 'site');
}

describe('import', () => {
  it('accepts a bundle once, then knows it, and the second import changes nothing', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const bundle = await site.export(hq.pub);
    expect(hq.import(bundle)).toMatchObject({ status: 'accepted', records: 1, enrolled: true });
    const before = hq.snapshot();
    expect(hq.import(bundle)).toMatchObject({ status: 'known' });
    expect(hq.snapshot()).toBe(before);
    expect(exportedLines(hq.centralExport())).toEqual([
      expect.objectContaining({ entity: 'organisation', siteId: site.identity.siteId, name: 'Mairie de Nancy', departement: '54' }),
    ]);
  });

  it('pins a site key on first use, refuses another key for the same site, and accepts it after re-enrolment', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');

    // The same site (same id, same database) after its signing key was lost and regenerated.
    await site.keys.put(keyNames.siteSigning, new Uint8Array(32).fill(9));
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name: 'Hôpital central' }));
    const rekeyed = await site.export(hq.pub);
    const before = hq.snapshot();
    expect(hq.import(rekeyed)).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/^Clé de signature différente de celle enregistrée pour le site SPIP-54/),
    });
    expect(hq.snapshot()).toBe(before);

    const result = reenrolSite(hq.store, rekeyed.bytes, { now: Date.parse('2026-11-25T13:00:00Z'), note: 'Poste remplacé' });
    expect(result.siteCode).toBe('SPIP-54');
    expect(hq.store.keyChanges()).toEqual([expect.objectContaining({ siteId: site.identity.siteId, note: 'Poste remplacé', newKey: result.newKey })]);
    expect(hq.import(rekeyed).status).toBe('accepted');
    expect(() => reenrolSite(hq.store, rekeyed.bytes, { now: 0, note: '' })).toThrow(/déjà inscrit avec cette clé/);
  });

  it('refuses a new site id that takes a known code, until headquarters re-enrols it; the old site is then retired', async () => {
    const hq = await hqFixture();
    const old = await siteFixture();
    await writeTransaction(old.ctx, (w) => w.insert('organisation', org));
    expect(hq.import(await old.export(hq.pub)).status).toBe('accepted');
    const reinstalled = await siteFixture();
    await writeTransaction(reinstalled.ctx, (w) => w.insert('organisation', org));
    const bundle = await reinstalled.export(hq.pub);
    expect(hq.import(bundle)).toMatchObject({ status: 'refused', reason: expect.stringMatching(/appartient déjà à un autre site/) });
    reenrolSite(hq.store, bundle.bytes, { now: Date.parse('2026-11-25T13:00:00Z'), note: 'Réinstallation' });
    expect(hq.import(bundle).status).toBe('accepted');
    await writeTransaction(old.ctx, (w) => w.insert('organisation', org));
    expect(hq.import(await old.export(hq.pub))).toMatchObject({ status: 'refused', reason: expect.stringMatching(/a été remplacé/) });
    expect(hq.store.sites().map((s) => [s.siteId, Boolean(s.retiredAt)])).toEqual(
      expect.arrayContaining([
        [old.identity.siteId, true],
        [reinstalled.identity.siteId, false],
      ]),
    );
  });

  it('keeps old encryption keys after a rotation, so older bundles still open', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const old = await site.export(hq.pub);
    const rotated = await rotateHqEncryptionKey(hq.keyStore, new Date('2026-11-25T12:30:00Z'));
    expect(rotated.keyId).not.toBe(hq.pub.keyId);
    expect(rotated.signingKey).toEqual(hq.pub.signingKey);
    const keyring = await loadHqKeyring(hq.keyStore);
    expect([...keyring.decryptionKeys.keys()].sort()).toEqual([hq.pub.keyId, rotated.keyId].sort());
    hq.keyring.decryptionKeys.set(rotated.keyId, keyring.decryptionKeys.get(rotated.keyId) as Uint8Array);
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name: 'Hôpital central' }));
    const fresh = await site.export(rotated);
    expect(hq.import(fresh).status).toBe('accepted');
    expect(hq.import(old).status).toBe('accepted');
    hq.keyring.decryptionKeys.delete(hq.pub.keyId);
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name: 'Médiathèque' }));
    expect(hq.import(await site.export(hq.pub))).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(`autre clé du siège \\(${hq.pub.keyId}\\)`),
    });
  });

  it('refuses a bundle whose clocks run more than 24 hours ahead of headquarters, and changes nothing', async () => {
    const hq = await hqFixture('2026-11-25T12:00:00.000Z');
    const ahead = await siteFixture({}, '2026-11-26T12:00:01.000Z');
    await writeTransaction(ahead.ctx, (w) => w.insert('organisation', org));
    const bundle = await ahead.export(hq.pub);
    const before = hq.snapshot();
    expect(hq.import(bundle)).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/^Horloges en avance de plus de 24 heures .* du 2026-11-26 à 12:00 UTC/),
    });
    expect(hq.snapshot()).toBe(before);
    hq.setNow('2026-11-25T12:00:01.000Z');
    expect(hq.import(bundle).status).toBe('accepted');
  });
});

describe('import races and edge cases', () => {
  it('reports "already known" when another worker imported the same bundle between the checks and the transaction', async () => {
    const root = await mkdtemp(join(tmpdir(), 'passerelle-race-'));
    try {
      const pub = await initHqDir(join(root, 'hq'), new Date());
      const keyring = await loadKeyring(join(root, 'hq'));
      const site = await siteFixture();
      await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
      const bundle = await site.export(pub);
      const mine = openHqStore(join(root, 'hq'));
      const other = openHqStore(join(root, 'hq'));
      const racing: HqStore = Object.create(mine, {
        transaction: {
          value: <T>(fn: () => T): T => {
            expect(importBundle(other, keyring.decryptionKeys, bundle.bytes, { now: Date.now(), fileName: bundle.name }).status).toBe('accepted');
            return mine.transaction(fn);
          },
        },
      }) as HqStore;
      expect(importBundle(racing, keyring.decryptionKeys, bundle.bytes, { now: Date.now(), fileName: bundle.name }).status).toBe('known');
      expect(mine.bundles()).toHaveLength(1);
      mine.close();
      other.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('accepts an export with nothing pending as an empty bundle', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    const outcome = hq.import(await site.export(hq.pub));
    expect(outcome).toMatchObject({ status: 'accepted', records: 0, header: { firstClock: null, lastClock: null, counts: {} } });
    expect(hq.store.site(site.identity.siteId)?.ackedClock).toBeUndefined();
  });
});

describe('merge', () => {
  const recordId = '019b8d63-4710-707d-bcd3-b51ec780218c';
  const node1 = '019b8d2b-8c00-745a-b560-af869e7edac4';
  const node2 = '019b8d2b-8c00-709e-ab0a-9032e0af258a';
  const at = (time: string, node: string) => `2026-11-25T${time}.000Z-0000-${node}`;

  async function craftedSite(code: string) {
    const site = await siteFixture({ code });
    return (records: WireRecord[], sequence = 1) => {
      const clocks = records
        .flatMap((r) => [r.created, r.deleted, ...Object.values(r.fields).map(([, c]) => c)])
        .filter((c): c is string => !!c)
        .sort();
      const input: Omit<BundleInput, 'records'> = {
        site: { siteId: site.identity.siteId, code, name: code, kind: 'spip', departement: '54' },
        sequence,
        afterClock: undefined,
        firstClock: clocks[0],
        lastClock: clocks.at(-1),
        changeCount: clocks.length,
        createdAt: Date.parse('2026-11-25T11:00:00Z'),
      };
      return {
        siteId: site.identity.siteId,
        bundle: (hq: Awaited<ReturnType<typeof hqFixture>>) => {
          const built = sealBundle(input, records, site.siteKeys, hq.pub);
          return { name: built.fileName, bytes: built.bytes };
        },
      };
    };
  }

  const created = (time: string, node: string, name: string): WireRecord => ({
    entity: 'organisation',
    id: recordId,
    created: at(time, node),
    fields: Object.fromEntries(
      Object.entries({ name, kind: 'association', communeName: 'Nancy', departement: '54' }).map(([k, v]) => [k, [v, at(time, node)]]),
    ),
  });

  it('keeps the later value per field and the losing value from another site in the conflicts table, in any order', async () => {
    const a = (await craftedSite('SPIP-54'))([created('10:00:00', node1, 'Mairie')]);
    const b = (await craftedSite('SPIP-57'))([{ entity: 'organisation', id: recordId, fields: { name: ['Mairie de Nancy', at('10:05:00', node2)] } }]);
    const results = [];
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const hq = await hqFixture();
      for (const s of order) expect(hq.import(s.bundle(hq)).status).toBe('accepted');
      const [line] = exportedLines(hq.centralExport());
      expect(line).toMatchObject({ name: 'Mairie de Nancy', siteId: a.siteId, kind: 'association' });
      expect(hq.store.conflicts()).toEqual([
        expect.objectContaining({
          entity: 'organisation',
          recordId,
          field: 'name',
          kind: 'value',
          kept: { value: '"Mairie de Nancy"', clock: at('10:05:00', node2), siteId: b.siteId, deviceId: node2 },
          lost: { value: '"Mairie"', clock: at('10:00:00', node1), siteId: a.siteId, deviceId: node1 },
        }),
      ]);
      results.push(Buffer.from(hq.centralExport()).toString('hex'));
    }
    expect(results[0]).toBe(results[1]);
  });

  it('records a conflict between two devices of one site, and none for successive edits on one device', async () => {
    const seal = await craftedSite('SPIP-54');
    const first = seal([created('10:00:00', node1, 'Mairie')]);
    const second = seal(
      [{ entity: 'organisation', id: recordId, fields: { name: ['Mairie de Laxou', at('10:01:00', node1)], communeName: ['Laxou', at('10:02:00', node2)] } }],
      2,
    );
    const hq = await hqFixture();
    hq.import(first.bundle(hq));
    hq.import(second.bundle(hq));
    expect(hq.store.conflicts().map((c) => [c.field, c.lost.value, c.lost.deviceId, c.kept.deviceId])).toEqual([['communeName', '"Nancy"', node1, node2]]);
  });

  it('breaks a tie of clocks with the site id, whatever the order', async () => {
    const s1 = (await craftedSite('SPIP-54'))([created('10:00:00', node1, 'Un')]);
    const s2 = (await craftedSite('SPIP-57'))([created('10:00:00', node1, 'Deux')]);
    const winner = s1.siteId > s2.siteId ? 'Un' : 'Deux';
    for (const order of [
      [s1, s2],
      [s2, s1],
    ]) {
      const hq = await hqFixture();
      for (const s of order) hq.import(s.bundle(hq));
      expect(exportedLines(hq.centralExport())[0]).toMatchObject({ name: winner });
    }
  });

  it('makes a tombstone final: later writes from elsewhere lose and are kept as conflicts', async () => {
    const a = (await craftedSite('SPIP-54'))([{ ...created('10:00:00', node1, 'Mairie'), deleted: at('10:10:00', node1), fields: {} }]);
    const b = (await craftedSite('SPIP-57'))([{ entity: 'organisation', id: recordId, fields: { name: ['Mairie de Nancy', at('10:20:00', node2)] } }]);
    const exports = [];
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const hq = await hqFixture();
      for (const s of order) hq.import(s.bundle(hq));
      expect(exportedLines(hq.centralExport())).toEqual([
        { entity: 'organisation', id: recordId, siteId: a.siteId, updatedAt: at('10:10:00', node1), deleted: true },
      ]);
      expect(hq.store.conflicts().map((c) => [c.kind, c.field, c.lost.value, c.kept.value])).toEqual([['deletion', 'name', '"Mairie de Nancy"', null]]);
      exports.push(Buffer.from(hq.centralExport()).toString('hex'));
    }
    expect(exports[0]).toBe(exports[1]);
  });

  it('keeps a lost value once even when cumulative bundles bring it again', async () => {
    const sealA = await craftedSite('SPIP-54');
    const b = (await craftedSite('SPIP-57'))([{ entity: 'organisation', id: recordId, fields: { name: ['Mairie de Nancy', at('10:05:00', node2)] } }]);
    const hq = await hqFixture();
    hq.import(sealA([created('10:00:00', node1, 'Mairie')]).bundle(hq));
    hq.import(b.bundle(hq));
    hq.import(sealA([created('10:00:00', node1, 'Mairie')], 2).bundle(hq));
    expect(hq.store.conflicts()).toHaveLength(1);
  });
});

describe('central export', () => {
  it('is byte-identical for the same state, sorted by entity then id, without time stamp', async () => {
    const site = await siteFixture();
    await writeTransaction(site.ctx, async (w) => {
      await w.insert('organisation', org);
      await w.insert('person', { lastName: 'Durand', firstName: 'Léa', birthDate: '1990-03-04', caseNumber: 'X', departement: '54' });
      await w.insert('organisation', { ...org, name: 'Hôpital' });
    });
    const one = await site.export((await hqFixture()).pub);
    const hqA = await hqFixture();
    const hqB = await hqFixture();
    const bundleA = await site.export(hqA.pub);
    const bundleB = await site.export(hqB.pub);
    hqA.import(bundleA);
    hqB.import(bundleB);
    expect(one.bytes).not.toEqual(bundleA.bytes);
    const bytes = hqA.centralExport();
    // Other ciphertexts of the same changes (exports 2 and 3 of the site) give the same records.
    expect(exportedLines(hqB.centralExport())).toEqual(exportedLines(bytes));
    expect(Buffer.from(bytes).equals(Buffer.from(hqA.centralExport()))).toBe(true);
    // The same bundle imported a day later elsewhere: import times are not in the file.
    const hqC = await hqFixture('2026-11-26T12:00:00.000Z', hqA);
    hqC.import(bundleA);
    expect(Buffer.from(bytes).equals(Buffer.from(hqC.centralExport()))).toBe(true);
    expect([...bytes.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(entityCsv('organisation', hqA.store.consolidated('organisation'))).toMatch(
      /^\uFEFFid;siteId;updatedAt;name;kind;siret;street;postalCode;communeCode;communeName;departement;agreementId\r\n/,
    );
    const lines = exportedLines(bytes);
    const keys = lines.map((l) => `${l.entity as string}/${l.id as string}`);
    expect(keys).toEqual([...keys].sort());
    expect(lines.map((l) => l.entity)).toEqual(['organisation', 'organisation', 'person']);
  });
});

describe('central export site directory', () => {
  it('lists every enrolled site first, with its DISP, key fingerprint and latest bundle, the same whatever the order of arrival', async () => {
    const spip = await siteFixture();
    await writeTransaction(spip.ctx, (w) => w.insert('organisation', org));
    const hqKeys = await hqFixture();
    const first = await spip.export(hqKeys.pub);
    // The site is renamed before its second export: the directory takes the name of the latest bundle.
    spip.ctx.clock.advance(60_000);
    await spip.ctx.db.meta.put({ key: 'identity', value: { ...spip.identity, name: 'SPIP de Meurthe-et-Moselle, antenne de Nancy' } });
    await writeTransaction(spip.ctx, (w) => w.insert('organisation', { ...org, name: 'Hôpital central' }));
    const second = await spip.export(hqKeys.pub);
    const prison = await siteFixture({ kind: 'etablissement', code: 'CP-69', name: 'Centre pénitentiaire de Lyon', departement: '69' });
    await writeTransaction(prison.ctx, (w) =>
      w.insert('establishmentProfile', {
        name: 'CP de Lyon',
        disp: 'lyon',
        communeName: 'Lyon',
        departement: '69',
        capacity: 600,
        productionArea: 1200,
        storageArea: 300,
        domains: [],
        officerName: 'Agnès Robert',
      }),
    );
    const third = await prison.export(hqKeys.pub);

    const directories: Record<string, unknown>[][] = [];
    const files: string[] = [];
    for (const order of [
      [first, second, third],
      [third, second, first],
      [second, third],
    ]) {
      const hq = await hqFixture(undefined, hqKeys);
      for (const bundle of order) expect(hq.import(bundle).status).toBe('accepted');
      const lines = allExportedLines(hq.centralExport());
      const directory = lines.filter((l) => l.entity === 'site');
      expect(lines.slice(0, directory.length)).toEqual(directory);
      directories.push(directory);
      files.push(Buffer.from(hq.centralExport()).toString('hex'));
    }
    const expected = [
      {
        entity: 'site',
        id: spip.identity.siteId,
        code: 'SPIP-54',
        name: 'SPIP de Meurthe-et-Moselle, antenne de Nancy',
        kind: 'spip',
        departement: '54',
        disp: 'DISP de Strasbourg',
        keyId: keyIdOf(spip.siteKeys.signingPublic),
        ackedClock: headerOf(second).lastClock,
        lastBundle: { sequence: 2, createdAt: headerOf(second).createdAt },
      },
      {
        entity: 'site',
        id: prison.identity.siteId,
        code: 'CP-69',
        name: 'Centre pénitentiaire de Lyon',
        kind: 'etablissement',
        departement: '69',
        disp: 'DISP de Lyon',
        keyId: keyIdOf(prison.siteKeys.signingPublic),
        ackedClock: headerOf(third).lastClock,
        lastBundle: { sequence: 1, createdAt: headerOf(third).createdAt },
      },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const directory of directories) expect(directory).toEqual(expected);
    expect(new Set(files).size).toBe(1);
  });

  it('keeps a retired site, marked so, beside the installation that took its code', async () => {
    const hq = await hqFixture();
    const old = await siteFixture();
    await writeTransaction(old.ctx, (w) => w.insert('organisation', org));
    hq.import(await old.export(hq.pub));
    const reinstalled = await siteFixture();
    await writeTransaction(reinstalled.ctx, (w) => w.insert('organisation', org));
    const bundle = await reinstalled.export(hq.pub);
    reenrolSite(hq.store, bundle.bytes, { now: Date.parse('2026-11-25T13:00:00Z'), note: 'Réinstallation' });
    hq.import(bundle);
    const directory = allExportedLines(hq.centralExport()).filter((l) => l.entity === 'site');
    expect(directory.map((l) => [l.id, l.code, l.retired])).toEqual(
      [
        [old.identity.siteId, 'SPIP-54', true],
        [reinstalled.identity.siteId, 'SPIP-54', undefined],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
  });
});

describe('CSV export', () => {
  it('keeps live records only and defuses values a spreadsheet would run as formulas', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    const gone = await writeTransaction(site.ctx, async (w) => {
      await w.insert('organisation', { ...org, name: '=HYPERLINK("http://exemple.test")' });
      return w.insert('organisation', { ...org, name: 'Supprimée' });
    });
    await writeTransaction(site.ctx, (w) => w.remove('organisation', gone.id));
    hq.import(await site.export(hq.pub));
    const rows = entityCsv('organisation', hq.store.consolidated('organisation')).trimEnd().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`;"'=HYPERLINK(""http://exemple.test"")";`);
    expect(rows.join('\n')).not.toContain('Supprimée');
  });
});

describe('acknowledgements', () => {
  it('lowers the site’s pending count, never goes back, and is refused for another site or when altered', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    await writeTransaction(site.ctx, async (w) => {
      await w.insert('organisation', org);
      await w.insert('organisation', { ...org, name: 'Hôpital' });
    });
    const first = await site.export(hq.pub);
    expect(await pendingChangeCount(site.ctx)).toBe(2);
    hq.import(first);
    const ack1 = signedAcknowledgement(hq.store, hq.store.site(site.identity.siteId)!, '2026-11-25T12:00:00.000Z', hq.keyring.signingSecret)!;
    const applied = await applyAcknowledgement(site.ctx, ack1, hq.pub);
    expect(applied.previous).toBeUndefined();
    expect(await pendingChangeCount(site.ctx)).toBe(0);

    site.ctx.clock.advance(60_000);
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name: 'Médiathèque' }));
    expect(await pendingChangeCount(site.ctx)).toBe(1);
    const second = await site.export(hq.pub);
    hq.import(second);
    const ack2 = signedAcknowledgement(hq.store, hq.store.site(site.identity.siteId)!, '2026-11-25T12:05:00.000Z', hq.keyring.signingSecret)!;
    await applyAcknowledgement(site.ctx, ack2, hq.pub);
    expect(await pendingChangeCount(site.ctx)).toBe(0);
    const late = await applyAcknowledgement(site.ctx, ack1, hq.pub);
    expect(late.current).toBe(late.previous);
    expect(await pendingChangeCount(site.ctx)).toBe(0);

    const altered = Uint8Array.from(ack2);
    altered[20] = (altered[20] as number) ^ 1;
    await expect(applyAcknowledgement(site.ctx, altered, hq.pub)).rejects.toThrow(/signature invalide/);
    const other = await siteFixture({ code: 'SPIP-57' });
    await expect(applyAcknowledgement(other.ctx, ack2, hq.pub)).rejects.toThrow(/destiné à un autre site \(SPIP-54\)/);
    const stranger = await hqFixture();
    await expect(applyAcknowledgement(site.ctx, ack2, stranger.pub)).rejects.toThrow(SyncError);
  });
});

describe('reference data', () => {
  it('is signed by headquarters, lists domains and sites, and carries only headquarters’ own reference records', async () => {
    const hq = await hqFixture();
    const atigip = await siteFixture({ kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75' });
    const spip = await siteFixture();
    await writeTransaction(atigip.ctx, (w) => w.insert('organisation', { ...org, name: 'La Poste', departement: '75' }));
    await writeTransaction(spip.ctx, (w) => w.insert('organisation', org));
    hq.import(await atigip.export(hq.pub));
    hq.import(await spip.export(hq.pub));
    const bytes = signedReferenceData(hq.store, '2026-11-25T12:00:00.000Z', hq.keyring.signingSecret, ['organisation']);
    const data = verifyReferenceData(bytes, hq.pub);
    expect(data.activityDomains).toContainEqual({ code: 'espaces_verts', label: 'Espaces verts' });
    expect(data.sites.map((s) => s.code).sort()).toEqual(['ATIGIP', 'SPIP-54']);
    expect(data.records.organisation?.map((r) => r.name)).toEqual(['La Poste']);
    const altered = Uint8Array.from(bytes);
    altered[30] = (altered[30] as number) ^ 4;
    expect(() => verifyReferenceData(altered, hq.pub)).toThrow(/Données de référence : signature invalide/);
    const stranger = (await hqFixture()).pub;
    expect(() => verifyReferenceData(bytes, { ...hq.pub, signingKey: stranger.signingKey })).toThrow(/signature invalide/);
  });
});

describe('headquarters folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'passerelle-hq-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('copies a refused bundle to quarantine with a report, and imports bytes as well as files', async () => {
    const hqDir = join(dir, 'hq');
    const pub = await initHqDir(hqDir, new Date('2026-11-25T12:00:00Z'));
    const site = await siteFixture();
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const good = await site.export(pub);
    const damaged = Uint8Array.from(good.bytes);
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] as number) ^ 0x80;
    await writeFile(join(dir, 'abime.passerelle'), damaged);
    const now = () => Date.parse('2026-11-25T12:00:00Z');
    const results = await importBundleFiles(hqDir, [join(dir, 'abime.passerelle'), { name: good.name, bytes: good.bytes }, join(dir, 'absent.passerelle')], {
      now,
    });
    expect(results.map((r) => r.status)).toEqual(['refused', 'accepted', 'refused']);
    expect(results[2]?.reason).toMatch(/^Fichier illisible/);
    const quarantined = (await readdir(hqPaths(hqDir).quarantine)).sort();
    expect(quarantined).toEqual(['20261125T120000Z-abime.passerelle', '20261125T120000Z-abime.passerelle.rapport.txt']);
    expect(Buffer.from(await readFile(join(hqPaths(hqDir).quarantine, quarantined[0] as string))).equals(Buffer.from(damaged))).toBe(true);
    const report = await readFile(join(hqPaths(hqDir).quarantine, quarantined[1] as string), 'utf8');
    expect(report).toContain('Raison : Signature invalide');
    expect(report).toContain('Site : SPIP-54');

    expect(results[1]?.acknowledgement).toBe(join(hqPaths(hqDir).acks, 'SPIP-54.passerelle-ack'));
    const ack = readAcknowledgement(await readFile(results[1]!.acknowledgement!), pub.signingKey);
    const header = readBundle(good.bytes);
    expect(ack).toMatchObject({ siteId: site.identity.siteId, ackedClock: header.ok ? header.header.lastClock : 'unreadable', bundleCount: 1 });
  });

  it('says in French when the store cannot be opened', async () => {
    expect(checkHqStore(join(dir, 'nowhere'))).toEqual({ ok: false, message: expect.stringMatching(/^Base du siège introuvable/) });
    await initHqDir(join(dir, 'hq'), new Date());
    expect(checkHqStore(join(dir, 'hq'))).toEqual({ ok: true });
    const newer = openSqliteHqStore(hqPaths(join(dir, 'hq')).database);
    newer.db.exec('PRAGMA user_version = 99');
    newer.close();
    expect(checkHqStore(join(dir, 'hq'))).toEqual({ ok: false, message: expect.stringMatching(/version plus récente de Passerelle/) });
    await writeFile(join(dir, 'junk.sqlite'), 'pas une base');
    expect(() => openSqliteHqStore(join(dir, 'junk.sqlite'))).toThrow(/^Impossible d’ouvrir la base du siège/);
  });

  it('refuses to initialise a folder that already holds keys', async () => {
    await initHqDir(join(dir, 'hq'), new Date());
    const pub = await readFile(hqPaths(join(dir, 'hq')).publicFile);
    await expect(initHqDir(join(dir, 'hq'), new Date())).rejects.toThrow(/contient déjà des clés du siège/);
    expect(await readFile(hqPaths(join(dir, 'hq')).publicFile)).toEqual(pub);
  });
});

describe('site keys', () => {
  it('are created once and kept', async () => {
    const store = memoryKeyStore();
    const first = await ensureSiteKeys(store);
    const again = await ensureSiteKeys(store);
    expect(again).toEqual(first);
    expect(siteKeysFrom(first.signingSecret, first.pseudonymSecret).signingPublic).toEqual(first.signingPublic);
    await expect(createHqKeys(memoryKeyStore({ [keyNames.hqSigning]: new Uint8Array(32) }), new Date())).rejects.toThrow(/déjà des clés/);
  });
});

describe('import off the main thread', () => {
  it('runs in a worker thread from a folder and file paths alone, reporting progress after each file', async () => {
    const { Worker } = await import('node:worker_threads');
    const root = await mkdtemp(join(tmpdir(), 'passerelle-worker-'));
    try {
      const pub = await initHqDir(join(root, 'hq'), new Date());
      const site = await siteFixture();
      await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
      const bundle = await site.export(pub);
      await writeFile(join(root, bundle.name), bundle.bytes);
      const worker = new Worker(new URL('./importWorker.ts', import.meta.url), {
        workerData: { dir: join(root, 'hq'), inputs: [join(root, bundle.name), join(root, bundle.name)] },
      });
      const messages: unknown[] = [];
      await new Promise((resolve, reject) => {
        worker.on('message', (message: { results?: unknown }) => {
          messages.push(message);
          if (message.results) resolve(undefined);
        });
        worker.once('error', reject);
      });
      await worker.terminate();
      expect(messages).toEqual([
        { progress: { done: 1, total: 2, result: expect.objectContaining({ status: 'accepted' }) } },
        { progress: { done: 2, total: 2, result: expect.objectContaining({ status: 'known' }) } },
        { results: [expect.objectContaining({ status: 'accepted', siteCode: 'SPIP-54' }), expect.objectContaining({ status: 'known' })] },
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
