import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../shared/ports/keyStore.ts';
import { pendingChangeCount } from '../../../shared/repos/changes.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import type { OrganisationInput } from '../../../shared/schemas/organisation.ts';
import { readBundle, type WireRecord } from '../../../shared/sync/bundle.ts';
import { bytesToHex } from '../../../shared/sync/bytes.ts';
import { ackFileName, readAcknowledgement } from '../../../shared/sync/signed.ts';
import { SyncError } from '../../../shared/errors.ts';
import { importBundle, reenrolSite } from '../../../shared/sync/hqImport.ts';
import type { HqStore } from '../../../shared/sync/hqStore.ts';
import { entityCsv } from '../../../shared/sync/centralExport.ts';
import { signedAcknowledgement, signedReferenceData } from '../../../shared/sync/hqOutputs.ts';
import { createHqKeys, ensureSiteKeys, keyIdOf, keyNames, loadHqKeyring, rotateHqEncryptionKey, siteKeysFrom } from '../../../shared/sync/keys.ts';
import { applyAcknowledgement, verifyReferenceData } from '../../../shared/sync/site.ts';
import { memoryHqStore } from '../../../test/support/memoryHqStore.ts';
import { craftedSite, hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { DatabaseSync } from 'node:sqlite';
import { sha256 } from '@noble/hashes/sha2.js';
import { gunzipSync } from 'node:zlib';
import { checkHqStore, hqPaths, initHqDir, loadKeyring, openHqStore } from './hqDir.ts';
import { importBundleFiles } from './import.ts';
import { openSqliteHqStore } from './sqliteStore.ts';

/** The field table of store versions 1 to 4: one row per field. */
const FIELD_ROWS = `CREATE TABLE fields (
  entity TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, clock TEXT NOT NULL,
  site_id TEXT NOT NULL, device_id TEXT NOT NULL, PRIMARY KEY (entity, id, name)) STRICT, WITHOUT ROWID;`;

/** A version 5 store's fields back into the rows of version 4, to build older stores from a new one. */
const backToFieldRows = `${FIELD_ROWS}
  INSERT INTO fields SELECT r.entity, r.id, f.key, f.value -> '$[0]', f.value ->> '$[1]', coalesce(f.value ->> '$[2]', r.site_id),
    coalesce(f.value ->> '$[3]', substr(f.value ->> '$[1]', 31)) FROM records r, json_each(r.fields) f;
  ALTER TABLE records DROP COLUMN fields`;

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
  it('knows a file imported again by its SHA-256, changing nothing, and still refuses a copy altered by one byte', async () => {
    const root = await mkdtemp(join(tmpdir(), 'passerelle-known-'));
    try {
      const hqDir = join(root, 'hq');
      const pub = await initHqDir(hqDir, new Date());
      const site = await siteFixture();
      await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
      const bundle = await site.export(pub);
      const file = join(root, bundle.name);
      await writeFile(file, bundle.bytes);
      expect(await importBundleFiles(hqDir, [file])).toMatchObject([{ status: 'accepted', records: 1 }]);
      const stored = () => {
        const store = openHqStore(hqDir, { readOnly: true });
        try {
          return JSON.stringify({ bundles: store.bundles(), sites: store.sites(), records: [...store.consolidated()], conflicts: store.conflicts() });
        } finally {
          store.close();
        }
      };
      const before = stored();
      // Node's hash is the one the file is known by: the same as @noble/hashes gives.
      expect(JSON.parse(before).bundles).toEqual([expect.objectContaining({ sha256: bytesToHex(sha256(bundle.bytes)) })]);
      expect(await importBundleFiles(hqDir, [file, { name: 'copie.passerelle', bytes: bundle.bytes }])).toMatchObject([
        { status: 'known', siteCode: 'SPIP-54' },
        { status: 'known' },
      ]);
      expect(stored()).toBe(before);
      const altered = Uint8Array.from(bundle.bytes);
      altered[altered.length - 100]! ^= 1;
      expect(await importBundleFiles(hqDir, [{ name: 'altere.passerelle', bytes: altered }])).toMatchObject([
        { status: 'refused', reason: expect.stringMatching(/^Signature invalide/) },
      ]);
      expect(stored()).toBe(before);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

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
    // Not before the person saw, and named back, the installation it retires.
    const before = hq.snapshot();
    expect(() => reenrolSite(hq.store, bundle.bytes, { now: Date.parse('2026-11-25T13:00:00Z'), note: 'Réinstallation' })).toThrow(
      `Cette réinscription retirerait le site inscrit SPIP-54 (${old.identity.name}, identifiant ${old.identity.siteId}, inscrit le 2026-11-25, dernier lot reçu le 2026-11-25, 1 lot, 1 enregistrement, 1 poste) : vérifiez`,
    );
    expect(hq.snapshot()).toBe(before);
    expect(
      reenrolSite(hq.store, bundle.bytes, { now: Date.parse('2026-11-25T13:00:00Z'), note: 'Réinstallation', replaces: old.identity.siteId }),
    ).toMatchObject({ recordsMoved: 1 });
    expect(hq.store.ownershipActs()).toEqual([
      expect.objectContaining({ kind: 'reenrolment', fromSiteId: old.identity.siteId, toSiteId: reinstalled.identity.siteId, records: 1 }),
    ]);
    expect([...hq.store.consolidated('organisation')].map((r) => [r.siteId, r.owner])).toEqual([[old.identity.siteId, reinstalled.identity.siteId]]);
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

describe('a bundle written in batches', () => {
  const at = (minute: number, node: string) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;
  const idOf = (i: number) => `019b8d63-4710-707d-bcd3-${String(i).padStart(12, '0')}`;
  const organisation = (i: number, node: string, minute: number, name = `Structure ${i}`): WireRecord => ({
    entity: 'organisation',
    id: idOf(i),
    created: at(minute, node),
    fields: Object.fromEntries(
      Object.entries({ name, kind: 'association', communeName: 'Nancy', departement: '54' }).map(([k, v]) => [k, [v, at(minute, node)]]),
    ),
  });

  it('holds every record and field of a bundle larger than a batch, as the in-memory store does, and a refusal after a batch keeps nothing', async () => {
    const sqlite = await hqFixture();
    const memory = await hqFixture(undefined, sqlite, memoryHqStore());
    const site = craftedSite();
    // 700 records of 4 fields: more rows than one batch (2,000 fields) and than one statement (200 rows).
    const first = site.seal(
      Array.from({ length: 700 }, (_, i) => organisation(i, site.node, 1)),
      sqlite.pub,
    );
    const second = site.seal(
      [
        ...Array.from({ length: 300 }, (_, i): WireRecord => ({ entity: 'organisation', id: idOf(i), fields: { name: [`Renommée ${i}`, at(2, site.node)] } })),
        ...Array.from({ length: 20 }, (_, i): WireRecord => ({ entity: 'organisation', id: idOf(600 + i), deleted: at(2, site.node), fields: {} })),
        ...Array.from({ length: 7 }, (_, i) => organisation(700 + i, site.node, 2)),
      ],
      sqlite.pub,
    );
    for (const bundle of [first, second]) {
      expect(sqlite.import(bundle)).toMatchObject({ status: 'accepted' });
      expect(memory.import(bundle)).toMatchObject({ status: 'accepted' });
    }
    const held = [...sqlite.store.consolidated('organisation')];
    expect(held).toHaveLength(707);
    expect(held.filter((r) => r.deleted)).toHaveLength(20);
    expect(held.find((r) => r.id === idOf(299))?.fields.name?.value).toBe('Renommée 299');
    expect(held.find((r) => r.id === idOf(706))?.fields).toHaveProperty('communeName.value', 'Nancy');
    expect(bytesToHex(sqlite.centralExport())).toBe(bytesToHex(memory.centralExport()));

    // The last record is another site's: refused once more than a batch of the bundle was written.
    const other = craftedSite();
    expect(sqlite.import(other.seal([organisation(900, other.node, 3)], sqlite.pub)).status).toBe('accepted');
    const before = sqlite.snapshot();
    const hostile = site.seal(
      [...Array.from({ length: 600 }, (_, i) => organisation(1000 + i, site.node, 4)), { ...organisation(900, site.node, 4), created: undefined }],
      sqlite.pub,
    );
    expect(sqlite.import(hostile)).toMatchObject({ status: 'refused', reason: expect.stringMatching(/appartient au site/) });
    expect(sqlite.snapshot()).toBe(before);
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
            expect(importBundle(other, keyring, bundle.bytes, { now: Date.now(), fileName: bundle.name }).status).toBe('accepted');
            return mine.transaction(fn);
          },
        },
      }) as HqStore;
      expect(importBundle(racing, keyring, bundle.bytes, { now: Date.now(), fileName: bundle.name }).status).toBe('known');
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
    reenrolSite(hq.store, bundle.bytes, { now: Date.parse('2026-11-25T13:00:00Z'), note: 'Réinstallation', replaces: old.identity.siteId });
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
  it('is signed by headquarters, lists domains and sites, and carries only the records headquarters’ own key wrote', async () => {
    const hq = await hqFixture();
    const atigip = await siteFixture({ kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75' });
    const spip = await siteFixture();
    await writeTransaction(atigip.ctx, (w) => w.insert('organisation', { ...org, name: 'La Poste', departement: '75' }));
    await writeTransaction(spip.ctx, (w) => w.insert('organisation', org));
    // Headquarters' installation signs its own bundles with headquarters' signing key.
    await atigip.keys.put(keyNames.siteSigning, hq.keyring.signingSecret);
    expect(hq.import(await atigip.export(hq.pub)).status).toBe('accepted');
    expect(hq.import(await spip.export(hq.pub)).status).toBe('accepted');
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

    expect(results[1]?.acknowledgement).toBe(join(hqPaths(hqDir).acks, ackFileName('SPIP-54', site.identity.deviceId)));
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

  it('upgrades a version 1 store: every record is owned by its author', async () => {
    const path = join(dir, 'v1.sqlite');
    const v1 = new DatabaseSync(path);
    v1.exec(`CREATE TABLE records (
      entity TEXT NOT NULL, id TEXT NOT NULL, site_id TEXT NOT NULL, first_clock TEXT NOT NULL,
      deleted_clock TEXT, deleted_site TEXT, deleted_device TEXT, PRIMARY KEY (entity, id)) STRICT, WITHOUT ROWID;
      CREATE TABLE sites (
        site_id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, departement TEXT NOT NULL,
        public_key TEXT NOT NULL, enrolled_at TEXT NOT NULL, acked_clock TEXT, last_bundle_at TEXT, retired_at TEXT) STRICT;
      CREATE TABLE bundles (
        bundle_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, site_code TEXT NOT NULL, sequence INTEGER NOT NULL,
        first_clock TEXT, last_clock TEXT, created_at TEXT NOT NULL, imported_at TEXT NOT NULL, file_name TEXT NOT NULL, counts TEXT NOT NULL) STRICT;
      ${FIELD_ROWS}
      INSERT INTO records (entity, id, site_id, first_clock) VALUES ('organisation', 'o1', 'site-a', 'c1');
      INSERT INTO fields VALUES ('organisation', 'o1', 'name', '"Mairie"', 'c1', 'site-a', 'd1');
      PRAGMA user_version = 1;`);
    v1.close();
    const store = openSqliteHqStore(path);
    expect(store.record('organisation', 'o1')).toEqual({ entity: 'organisation', id: 'o1', siteId: 'site-a', owner: 'site-a', firstClock: 'c1' });
    expect(store.fields('organisation', 'o1')).toEqual(new Map([['name', { value: '"Mairie"', clock: 'c1', siteId: 'site-a', deviceId: 'd1' }]]));
    expect(store.ownershipActs()).toEqual([]);
    expect((store.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(6);
    store.close();
  });

  it('upgrades a version 2 store: sites gain their encryption key, ownership acts their offer clock', async () => {
    const path = join(dir, 'v2.sqlite');
    openSqliteHqStore(path, { create: true }).close();
    const v2 = new DatabaseSync(path);
    v2.exec(`${backToFieldRows}; ALTER TABLE sites DROP COLUMN encryption_key; ALTER TABLE ownership_acts DROP COLUMN up_to; DROP INDEX ownership_moves_record;
      DROP INDEX bundles_sha256; ALTER TABLE bundles DROP COLUMN sha256; DROP TABLE site_workstations;
      INSERT INTO sites (site_id, code, name, kind, departement, public_key, enrolled_at) VALUES ('s', 'SPIP-54', 'SPIP', 'spip', '54', 'k', 't');
      PRAGMA user_version = 2;`);
    v2.close();
    const store = openSqliteHqStore(path);
    expect(store.site('s')).toEqual({ siteId: 's', code: 'SPIP-54', name: 'SPIP', kind: 'spip', departement: '54', publicKey: 'k', enrolledAt: 't' });
    store.saveSite({ ...store.site('s')!, encryptionKey: 'e'.repeat(64) });
    expect(store.site('s')?.encryptionKey).toBe('e'.repeat(64));
    expect((store.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(6);
    store.close();
  });

  it('upgrades a version 3 store: a file imported before is still known, by its id once its signature is checked', async () => {
    const path = join(dir, 'v3.sqlite');
    const hq = await hqFixture(undefined, undefined, openSqliteHqStore(path, { create: true }));
    const site = await siteFixture();
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const bundle = await site.export(hq.pub);
    expect(hq.import(bundle).status).toBe('accepted');
    hq.store.close();
    const v3 = new DatabaseSync(path);
    v3.exec(`${backToFieldRows}; DROP INDEX bundles_sha256; ALTER TABLE bundles DROP COLUMN sha256; DROP TABLE site_workstations; PRAGMA user_version = 3;`);
    v3.close();
    const store = openSqliteHqStore(path);
    expect(store.bundles()[0]).not.toHaveProperty('sha256');
    expect(store.hasBundleHash(bytesToHex(sha256(bundle.bytes)))).toBe(false);
    expect(importBundle(store, hq.keyring, bundle.bytes, { now: Date.now(), fileName: bundle.name }).status).toBe('known');
    expect((store.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(6);
    store.close();
  });

  it('creates a store with pages of 32 KiB, for rows of a record with all its fields', () => {
    const store = openSqliteHqStore(join(dir, 'new.sqlite'), { create: true });
    expect((store.db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size).toBe(32768);
    expect((store.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    store.close();
  });

  it('upgrades a version 4 store: the field rows of each record become its one row, values, clocks and origins kept', async () => {
    const path = join(dir, 'v4.sqlite');
    const HLC = '2026-11-25T17:30:00.000Z-0000-poste-1';
    openSqliteHqStore(path, { create: true }).close();
    const v4 = new DatabaseSync(path);
    const field = (id: string, name: string, value: string, clock: string) =>
      `('measure', '${id}', '${name}', '${value}', '${clock}', 'site-a', 'dev-${clock}')`;
    v4.exec(`${backToFieldRows}; DROP TABLE site_workstations;
      INSERT INTO records (entity, id, site_id, owner, first_clock) VALUES ('measure', 'm1', 'site-a', 'site-b', 'c1'), ('measure', 'm2', 'site-a', 'site-a', 'c2');
      INSERT INTO records (entity, id, site_id, owner, first_clock, deleted_clock, deleted_site, deleted_device) VALUES ('measure', 'm3', 'site-a', 'site-a', 'c3', 'c4', 'site-a', 'dev-c4');
      INSERT INTO fields VALUES ${field('m1', 'hours', '70.5', 'c1')}, ${field('m1', 'extra', '{"10":true,"2":[1,"a"]}', 'c5')}, ${field('m1', 'note', 'null', 'c6')};
      INSERT INTO fields VALUES ('measure', 'm2', 'label', '"Entretien « vert »"', '${HLC}', 'site-a', 'poste-1');
      PRAGMA user_version = 4;`);
    v4.close();
    const store = openSqliteHqStore(path);
    expect((store.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(6);
    expect(store.db.prepare(`SELECT name FROM sqlite_master WHERE name = 'fields'`).get()).toBeUndefined();
    expect(store.fields('measure', 'm1')).toEqual(
      new Map([
        ['hours', { value: '70.5', clock: 'c1', siteId: 'site-a', deviceId: 'dev-c1' }],
        ['extra', { value: '{"10":true,"2":[1,"a"]}', clock: 'c5', siteId: 'site-a', deviceId: 'dev-c5' }],
        ['note', { value: 'null', clock: 'c6', siteId: 'site-a', deviceId: 'dev-c6' }],
      ]),
    );
    expect(store.fields('measure', 'm2')).toEqual(new Map([['label', { value: '"Entretien « vert »"', clock: HLC, siteId: 'site-a', deviceId: 'poste-1' }]]));
    // Written by its author with the clock's device, the field is kept without its origin, which the row and the clock give.
    expect(store.db.prepare(`SELECT fields FROM records WHERE id = 'm2'`).get()).toEqual({ fields: `{"label":["Entretien « vert »","${HLC}"]}` });
    expect(store.db.prepare(`SELECT fields FROM records WHERE id = 'm1'`).get()).toEqual({
      fields: expect.stringContaining('"hours":[70.5,"c1","site-a","dev-c1"]'),
    });
    expect(store.fields('measure', 'm3')).toEqual(new Map());
    expect(store.record('measure', 'm1')).toEqual({ entity: 'measure', id: 'm1', siteId: 'site-a', owner: 'site-b', firstClock: 'c1' });
    expect([...store.consolidated('measure')]).toEqual([
      {
        entity: 'measure',
        id: 'm1',
        siteId: 'site-a',
        owner: 'site-b',
        fields: { extra: { value: { 10: true, 2: [1, 'a'] }, clock: 'c5' }, hours: { value: 70.5, clock: 'c1' }, note: { value: null, clock: 'c6' } },
      },
      { entity: 'measure', id: 'm2', siteId: 'site-a', owner: 'site-a', fields: { label: { value: 'Entretien « vert »', clock: HLC } } },
      { entity: 'measure', id: 'm3', siteId: 'site-a', owner: 'site-a', deleted: { clock: 'c4' }, fields: {} },
    ]);
    store.close();
  });

  it('upgrades a version 5 store: each site’s workstations, with their own key and clock, kept and read back', async () => {
    const path = join(dir, 'v5.sqlite');
    openSqliteHqStore(path, { create: true }).close();
    const v5 = new DatabaseSync(path);
    v5.exec('DROP TABLE site_workstations; PRAGMA user_version = 5;');
    v5.close();
    const store = openSqliteHqStore(path);
    expect((store.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(6);
    expect(store.workstations()).toEqual([]);
    const first = { siteId: 's', deviceId: 'd2', name: 'Poste de l’accueil', publicKey: 'k2', enrolledAt: 't', ackedClock: 'c2', lastBundleAt: 'u' };
    store.saveWorkstation(first);
    store.saveWorkstation({ siteId: 's', deviceId: 'd1', publicKey: 'k1', enrolledAt: 't' });
    store.saveWorkstation({ siteId: 'r', deviceId: 'd0', publicKey: 'k0', enrolledAt: 't' });
    expect(store.workstation('s', 'd2')).toEqual(first);
    expect(store.workstations('s').map((w) => w.deviceId)).toEqual(['d1', 'd2']);
    expect(store.workstations().map((w) => `${w.siteId}/${w.deviceId}`)).toEqual(['r/d0', 's/d1', 's/d2']);
    store.saveWorkstation({ ...first, publicKey: 'k3' });
    expect(store.workstation('s', 'd2')?.publicKey).toBe('k3');
    store.close();
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
