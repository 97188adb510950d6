import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { channels, type BridgeRequest, type BridgeResponse, type Channel, type EventName } from '../../shared/bridge/contract.ts';
import { dispatch } from '../../shared/bridge/envelope.ts';
import { MAX_FILE_BYTES } from '../../shared/bridge/syncSchemas.ts';
import { memoryKeyStore } from '../../shared/ports/keyStore.ts';
import { pendingChangeCount } from '../../shared/repos/changes.ts';
import { readIdentity } from '../../shared/repos/identity.ts';
import { createAgreement, listAgreements } from '../../shared/repos/agreements.ts';
import { createPartner, listPartners, updatePartner } from '../../shared/repos/partners.ts';
import { applyReferenceData } from '../../shared/repos/reference.ts';
import { takeBundleSequence } from '../../shared/repos/syncState.ts';
import { writeTransaction } from '../../shared/repos/writer.ts';
import type { SiteSetupInput } from '../../shared/schemas/site.ts';
import { fromBase64, fromUtf8, toBase64 } from '../../shared/sync/bytes.ts';
import { ensureSiteKeys, loadSiteKeys } from '../../shared/sync/keys.ts';
import { pseudonymKey } from '../../shared/sync/pseudonym.ts';
import { ackFileName, readReferenceData } from '../../shared/sync/signed.ts';
import { bundleFileName } from '../../shared/sync/bundle.ts';
import { collectPending, recordAcknowledgement } from '../../shared/sync/site.ts';
import { removeTempDirs, tempDir } from '../../test/support/fakeElectron.ts';
import { fixedClock, testContext } from '../../test/support/memoryDb.ts';
import { memoryKeyVault, testServices } from '../../test/support/services.ts';
import { readHqPublic } from './hq/hqDir.ts';
import type { Services } from './services.ts';

afterAll(removeTempDirs);

async function call<C extends Channel>(services: Services, channel: C, request: BridgeRequest<C>): Promise<BridgeResponse<C>> {
  const envelope = await dispatch(services.handlers, channel, request);
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value as BridgeResponse<C>;
}

const org = { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' } as const;
const hqSetup: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

/** A renderer's side: its database, and the services of its host (each with its own data folder). */
async function host(setup?: SiteSetupInput, vaultStore = memoryKeyStore()) {
  const ctx = setup ? await testContext(setup, fixedClock(new Date().toISOString())) : await testContext(undefined, fixedClock(new Date().toISOString()));
  const identity = (await readIdentity(ctx.db))!;
  const dataDir = await tempDir('services');
  const services = testServices({ dataDir, vault: memoryKeyVault(vaultStore) });
  const events: { event: EventName; payload: unknown }[] = [];
  services.events.subscribe((event, payload) => events.push({ event, payload }));
  const session = await call(services, 'startSession', {
    site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
    deviceId: identity.deviceId,
  });
  return {
    ctx,
    identity,
    dataDir,
    services,
    events,
    session,
    vaultStore,
    /** What the Synchronisation screen does: collect from the database, take a sequence, hand over to the Node side. */
    async export(target: BridgeRequest<'siteExport'>['target']) {
      const pending = await collectPending(ctx);
      return call(services, 'siteExport', { pending, sequence: await takeBundleSequence(ctx), target });
    },
    /** An export the Node side is expected to refuse: no sequence number is taken for it. */
    async attempt(target: BridgeRequest<'siteExport'>['target']) {
      return call(services, 'siteExport', { pending: await collectPending(ctx), sequence: 1, target });
    },
  };
}

describe('bridge handlers refuse bad arguments before anything runs', () => {
  const site = { siteId: '019b0000-0000-7000-8000-000000000054', code: 'SPIP-54', name: 'SPIP 54', kind: 'spip', departement: '54' };
  const pending = { site, changeCount: 0, records: [] };
  const file = { name: 'hq.pub', base64: 'AAAA' };
  const bad: Record<Channel, unknown[]> = {
    appInfo: [{ x: 1 }],
    reportProfile: [{ dbVersion: 0 }],
    startSession: [{ site: { ...site, kind: 'prefecture' } }, { site: { ...site, code: 'a b' } }, {}],
    pickFolder: [{ title: '' }, { title: 'x'.repeat(201) }],
    syncStatus: [{ x: 1 }],
    syncSetFolder: [{ path: '' }, { path: 3 }, {}],
    syncCheckNow: [{ fresh: true }],
    syncImportHqKey: [
      { file: { name: '../hq.pub', base64: 'AAAA' } },
      { file: { name: 'hq.pub', base64: 'pas du base64 !' } },
      { file: { name: 'hq.pub', base64: 'A'.repeat((MAX_FILE_BYTES / 3) * 4 + 8) } },
    ],
    siteKeysGenerate: [{ force: true }],
    siteExport: [
      { pending, sequence: 0, target: 'download' },
      { pending, sequence: 1, target: 'usb' },
      { pending: { ...pending, records: [{ entity: 'inconnue', id: 'x', fields: {} }] }, sequence: 1, target: 'download' },
      {
        pending: { ...pending, records: [{ entity: 'organisation', id: 'x', fields: { name: { value: 'a', clock: 'hier' } } }] },
        sequence: 1,
        target: 'download',
      },
    ],
    siteReadFile: [{ file: { name: 'a\\b', base64: 'AAAA' } }, { file: { name: 'a', base64: '=AAA' } }, { file: { name: 'a', base64: 'AAAAA' } }],
    keysBackup: [
      { passphrase: 'court', target: 'download' },
      { passphrase: 'une phrase assez longue', target: 'syncFolder' },
    ],
    keysRestore: [
      { file, passphrase: '', overwrite: false },
      { file, passphrase: 'x', overwrite: 'oui' },
    ],
    officeStatus: [{ x: 1 }],
    officeInvite: [
      { site, inviter: { deviceId: site.siteId, name: 'Poste 1' }, name: '', target: 'download' },
      { site, inviter: { deviceId: 'x', name: 'Poste 1' }, name: 'Poste 2', target: 'download' },
      { site, inviter: { deviceId: site.siteId, name: 'Poste 1' }, name: 'Poste 2', target: 'syncFolder' },
    ],
    officeJoin: [
      { file, passphrase: '' },
      { file: { name: '../x', base64: 'AAAA' }, passphrase: 'ABCD' },
    ],
    officeFetch: [
      { applied: { x: 1 }, maxRows: 10 },
      { applied: {}, maxRows: 0 },
    ],
    officePublish: [
      { rows: [{ entity: 'organisation', recordId: 'x', op: 'rename', clock: 'hier', by: 'u', fields: {} }], applied: {} },
      { rows: [], applied: { [site.siteId]: -1 } },
    ],
    officeSnapshotWrite: [{ step: 'middle' }, { step: 'part', sequence: 0, part: 1, chunks: [] }],
    officeSnapshotRead: [{ step: 'part', deviceId: 'x', sequence: 1, part: 1 }, {}],
    officeRevoke: [
      { deviceId: site.siteId, confirmed: false },
      { deviceId: 'x', confirmed: true },
    ],
    backupStart: [
      { origin: 'manuelle', passphrase: 'court', folder: '/tmp', site: null, dbVersion: 2 },
      { origin: 'manuelle', passphrase: 'une phrase assez longue', site: null, dbVersion: 2 },
      { origin: 'hebdomadaire', site: null, dbVersion: 2 },
      { origin: 'quotidienne', site: null, dbVersion: 0 },
    ],
    backupWrite: [
      { jobId: 'x', payload: 'AAAA' },
      { jobId: '019b0000-0000-7000-8000-000000000001', payload: 'pas du base64' },
    ],
    backupFinish: [{ jobId: '019b0000-0000-7000-8000-000000000001' }],
    backupAbort: [{}],
    backupList: [{ x: 1 }],
    backupOpen: [
      { source: {}, siteId: null },
      { source: { automatic: 'a' }, passphrase: 'x'.repeat(1025), siteId: null },
      { source: { path: '/x' }, siteId: 'SPIP-54' },
    ],
    backupRead: [{ handle: 'x' }],
    backupClose: [{}],
    pickFile: [
      { title: 'Sauvegarde', extension: 'sauvegarde' },
      { title: '', extension: '.passerelle-sauvegarde' },
    ],
    transferPersonKey: [{ personId: 'pas-un-uuid' }, {}],
    transferWrite: [
      { content: { kind: 'dossier' }, recipientKey: 'ab'.repeat(32), target: 'download' },
      { content: { kind: 'autre' }, recipientKey: 'cle', target: 'download' },
    ],
    transferOpen: [
      { file: { name: '../x', base64: '' }, directory: [] },
      { file, directory: [{ siteId: 'x' }] },
    ],
    transferScan: [{}, { directory: 'tous' }],
    hqStatus: [{ x: 1 }],
    hqPublicKey: [{ target: { folder: '' } }, {}],
    hqImport: [
      { jobId: 'pas-un-uuid', source: { kind: 'syncFolder' } },
      { jobId: '019b0000-0000-7000-8000-000000000001', source: { kind: 'files', files: [] } },
      { jobId: '019b0000-0000-7000-8000-000000000001', source: { kind: 'disk', path: '/' } },
    ],
    hqSites: [{ x: 1 }],
    hqBundles: [{ siteId: 'SPIP-54' }],
    hqConflicts: [{ limit: 10 }],
    hqQuarantine: [{ x: 1 }],
    hqInspectBundle: [{ source: { quarantined: '../../hq.sqlite' } }, { source: {} }],
    hqReenrol: [
      { source: { file }, note: 'poste réinstallé', confirmed: false },
      { source: { file }, note: 'ok', confirmed: true },
    ],
    hqRotateKey: [{}, { confirmed: false }, { confirmed: 'oui' }],
    hqWriteAcks: [{ target: 'ftp' }],
    hqPublishReference: [{ pending, sequence: 1, target: 'nulle-part' }],
    hqCentralExport: [
      { format: 'xml', target: 'download' },
      { format: 'csv', target: 'syncFolder' },
    ],
    hqReview: [
      { year: 1999, scope: { kind: 'all' } },
      { year: 2025, scope: { kind: 'site', siteId: 'SPIP-54' } },
      { year: 2025, scope: { kind: 'pays' } },
      { year: 2025 },
    ],
    hqDashboard: [{ x: 1 }],
    hqEstablishments: [{ disp: 'paris-nord' }, { domain: 'astronautique' }, { minStorageArea: -1 }, { minProductionArea: '500' }, { extra: true }],
  };

  it('has a refused example for every channel of the contract', () => {
    expect(Object.keys(bad).sort()).toEqual([...channels].sort());
  });

  for (const channel of channels) {
    it(`${channel}: refused with a French message`, async () => {
      const { services, dataDir } = await host();
      const before = (await readdir(dataDir)).sort();
      for (const request of bad[channel]) {
        const answer = await dispatch(services.handlers, channel, request);
        expect(answer.ok, JSON.stringify(request).slice(0, 200)).toBe(false);
        if (!answer.ok) expect(answer.error).toMatch(/^Appel refusé, arguments invalides/);
      }
      expect((await readdir(dataDir)).sort()).toEqual(before);
    });
  }
});

describe('a site and headquarters through the bridge handlers', () => {
  it('export, import off the main thread with progress, acknowledgement, and the pending count back to zero', async () => {
    const share = await tempDir('share');
    const site = await host();
    const hq = await host(hqSetup);
    expect(site.session).toEqual({ mode: 'site', hq: null });
    expect(hq.session).toMatchObject({ mode: 'hq', hq: { ok: true, sites: 0, bundles: 0 } });

    const status = await call(site.services, 'syncStatus', {});
    expect(status).toMatchObject({ folder: null, hqKey: null, siteKeys: { state: 'missing' }, keyStorage: { problem: null } });
    await expect(site.attempt('download')).rejects.toThrow('Importez d’abord la clé publique du siège');

    const pub = await call(hq.services, 'hqPublicKey', { target: 'download' });
    const imported = await call(site.services, 'syncImportHqKey', { file: pub.download! });
    expect(imported).toMatchObject({ keyId: (hq.session.hq as { keyId: string }).keyId, previousKeyId: null });
    await expect(site.attempt('download')).rejects.toThrow('générez-les dans Paramètres');
    const generated = await call(site.services, 'siteKeysGenerate', {});
    await expect(call(site.services, 'siteKeysGenerate', {})).rejects.toThrow('déjà des clés');
    expect((await call(site.services, 'syncStatus', {})).siteKeys).toEqual({
      state: 'ready',
      keyId: generated.keyId,
      publicKey: generated.publicKey,
      encryptionKeyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });

    await expect(call(site.services, 'syncSetFolder', { path: 'partage' })).rejects.toThrow('n’est pas un chemin complet');
    await expect(call(site.services, 'syncSetFolder', { path: join(share, 'absent') })).rejects.toThrow('Dossier introuvable');
    expect(await call(site.services, 'syncSetFolder', { path: share })).toMatchObject({ folder: share, reachable: true });
    await call(hq.services, 'syncSetFolder', { path: share });

    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const exported = await site.export('syncFolder');
    // Named after this workstation, as its acknowledgement is: no other PC of the site writes these names.
    const bundleName = bundleFileName('SPIP-54', 1, site.identity.deviceId);
    const ackName = ackFileName('SPIP-54', site.identity.deviceId);
    expect(bundleName).toMatch(/^SPIP-54-[0-9a-f]{12}-1\.passerelle$/);
    expect(exported).toMatchObject({
      fileName: bundleName,
      sequence: 1,
      changeCount: 1,
      recordCount: 1,
      counts: { organisation: 1 },
      output: { folder: share, download: null },
    });
    expect(await readdir(share)).toEqual([bundleName]);

    const jobId = '019b0000-0000-7000-8000-00000000a001';
    const { results } = await call(hq.services, 'hqImport', { jobId, source: { kind: 'syncFolder' } });
    expect(results).toEqual([expect.objectContaining({ file: bundleName, status: 'accepted', siteCode: 'SPIP-54', records: 1 })]);
    expect(hq.events.filter((e) => e.event === 'hqImportProgress').map((e) => e.payload)).toEqual([
      { jobId, done: 1, total: 1, file: bundleName, status: 'accepted' },
    ]);

    const { sites } = await call(hq.services, 'hqSites', {});
    expect(sites).toEqual([expect.objectContaining({ code: 'SPIP-54', keyId: generated.keyId, lastSequence: 1, bundleCount: 1, retiredAt: null })]);
    expect((await call(hq.services, 'hqBundles', { siteId: site.identity.siteId })).bundles).toEqual([
      expect.objectContaining({ sequence: 1, counts: { organisation: 1 } }),
    ]);
    expect(await call(hq.services, 'hqStatus', {})).toMatchObject({ ok: true, sites: 1, bundles: 1, conflicts: 0, quarantined: 0 });

    const acks = await call(hq.services, 'hqWriteAcks', { target: 'syncFolder' });
    expect(acks).toMatchObject({ files: [ackName], acks: [{ siteCode: 'SPIP-54', ackedClock: exported.lastClock }] });

    expect(await pendingChangeCount(site.ctx)).toBe(1);
    const { inbox } = await call(site.services, 'syncCheckNow', {});
    expect(inbox.acknowledgement).toMatchObject({ siteCode: 'SPIP-54', deviceId: site.identity.deviceId, ackedClock: exported.lastClock });
    await recordAcknowledgement(site.ctx, inbox.acknowledgement!);
    expect(await pendingChangeCount(site.ctx)).toBe(0);

    const ackBytes = await readFile(join(share, ackName));
    expect(await call(site.services, 'siteReadFile', { file: { name: ackName, base64: toBase64(ackBytes) } })).toMatchObject({
      kind: 'acknowledgement',
    });
    await expect(
      call(site.services, 'siteReadFile', { file: { name: bundleName, base64: toBase64(await readFile(join(share, bundleName))) } }),
    ).rejects.toThrow('n’est pas un document signé');
  });

  it('refuses an edited bundle with its French reason, quarantines it, and changes nothing', async () => {
    const site = await host();
    const hq = await host(hqSetup);
    await call(site.services, 'syncImportHqKey', { file: (await call(hq.services, 'hqPublicKey', { target: 'download' })).download! });
    await call(site.services, 'siteKeysGenerate', {});
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const exported = await site.export('download');
    expect(exported.output.folder).toBeNull();
    const bytes = fromBase64(exported.output.download!.base64);
    bytes[bytes.length - 100]! ^= 0x20;
    const { results } = await call(hq.services, 'hqImport', {
      jobId: '019b0000-0000-7000-8000-00000000a002',
      source: { kind: 'files', files: [{ name: exported.fileName, base64: toBase64(bytes) }] },
    });
    expect(results).toEqual([expect.objectContaining({ status: 'refused', reason: expect.stringMatching(/^Signature invalide/) })]);
    expect(await call(hq.services, 'hqStatus', {})).toMatchObject({ sites: 0, bundles: 0, quarantined: 1 });
    const { files } = await call(hq.services, 'hqQuarantine', {});
    expect(files).toEqual([
      expect.objectContaining({
        name: expect.stringMatching(/SPIP-54-[0-9a-f]{12}-1\.passerelle$/),
        report: expect.stringContaining('Raison : Signature invalide'),
      }),
    ]);
  });

  it('re-enrols a reinstalled site after a confirmation, recorded with its reason', async () => {
    const hq = await host(hqSetup);
    const pub = (await call(hq.services, 'hqPublicKey', { target: 'download' })).download!;
    const site = await host();
    await call(site.services, 'syncImportHqKey', { file: pub });
    await call(site.services, 'siteKeysGenerate', {});
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const first = await site.export('download');
    await call(hq.services, 'hqImport', { jobId: '019b0000-0000-7000-8000-00000000a003', source: { kind: 'files', files: [first.output.download!] } });

    // The same database on a reinstalled PC whose keys were lost: new keys, same site id.
    const reinstalled = testServices({ dataDir: await tempDir('services'), vault: memoryKeyVault() });
    await call(reinstalled, 'startSession', {
      site: { siteId: site.identity.siteId, code: 'SPIP-54', name: site.identity.name, kind: 'spip', departement: '54' },
    });
    await call(reinstalled, 'syncImportHqKey', { file: pub });
    await call(reinstalled, 'siteKeysGenerate', {});
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name: 'CCAS de Nancy' }));
    const second = await call(reinstalled, 'siteExport', {
      pending: await collectPending(site.ctx),
      sequence: await takeBundleSequence(site.ctx),
      target: 'download',
    });
    const refused = await call(hq.services, 'hqImport', {
      jobId: '019b0000-0000-7000-8000-00000000a004',
      source: { kind: 'files', files: [second.output.download!] },
    });
    expect(refused.results[0]).toMatchObject({ status: 'refused', reason: expect.stringContaining('Clé de signature différente') });

    const [quarantined] = (await call(hq.services, 'hqQuarantine', {})).files;
    const inspection = await call(hq.services, 'hqInspectBundle', { source: { quarantined: quarantined!.name } });
    expect(inspection).toMatchObject({ siteCode: 'SPIP-54', enrolment: 'other-key' });
    expect(inspection.keyId).not.toBe(inspection.pinnedKeyId);
    const reenrolled = await call(hq.services, 'hqReenrol', {
      source: { quarantined: quarantined!.name },
      note: 'Poste réinstallé, vérifié par téléphone',
      confirmed: true,
    });
    expect(reenrolled).toEqual({ siteCode: 'SPIP-54', previousKeyId: inspection.pinnedKeyId, newKeyId: inspection.keyId });
    const again = await call(hq.services, 'hqImport', {
      jobId: '019b0000-0000-7000-8000-00000000a005',
      source: { kind: 'files', files: [second.output.download!] },
    });
    expect(again.results[0]).toMatchObject({ status: 'accepted' });
    const { keyChanges } = await call(hq.services, 'hqSites', {});
    expect(keyChanges).toEqual([
      expect.objectContaining({
        siteCode: 'SPIP-54',
        oldKeyId: inspection.pinnedKeyId,
        newKeyId: inspection.keyId,
        note: 'Poste réinstallé, vérifié par téléphone',
      }),
    ]);
  });

  it('rotates headquarters’ encryption key after a confirmation: hq.pub carries the new one, bundles encrypted to the old one still import', async () => {
    const hq = await host(hqSetup);
    const oldPub = (await call(hq.services, 'hqPublicKey', { target: 'download' })).download!;
    const site = await host();
    await call(site.services, 'syncImportHqKey', { file: oldPub });
    await call(site.services, 'siteKeysGenerate', {});
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const toOldKey = await site.export('download');

    const before = await call(hq.services, 'hqStatus', {});
    const rotated = await call(hq.services, 'hqRotateKey', { confirmed: true });
    expect(rotated).toMatchObject({ previousKeyId: (before as { keyId: string }).keyId, keyCount: 2 });
    expect(rotated.keyId).not.toBe(rotated.previousKeyId);
    expect(await call(hq.services, 'hqStatus', {})).toMatchObject({ ok: true, keyId: rotated.keyId, createdAt: rotated.createdAt });
    const newPub = (await call(hq.services, 'hqPublicKey', { target: 'download' })).download!;
    expect(JSON.parse(fromUtf8(fromBase64(newPub.base64)))).toMatchObject({
      keyId: rotated.keyId,
      signingKey: JSON.parse(fromUtf8(fromBase64(oldPub.base64))).signingKey,
    });

    const old = await call(hq.services, 'hqImport', {
      jobId: '019b0000-0000-7000-8000-00000000a010',
      source: { kind: 'files', files: [toOldKey.output.download!] },
    });
    expect(old.results).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(await call(site.services, 'syncImportHqKey', { file: newPub })).toMatchObject({
      keyId: rotated.keyId,
      previousKeyId: (before as { keyId: string }).keyId,
    });
    await writeTransaction(site.ctx, (w) => w.insert('organisation', { ...org, name: 'CCAS de Nancy' }));
    const toNewKey = await site.export('download');
    const fresh = await call(hq.services, 'hqImport', {
      jobId: '019b0000-0000-7000-8000-00000000a011',
      source: { kind: 'files', files: [toNewKey.output.download!] },
    });
    expect(fresh.results).toEqual([expect.objectContaining({ status: 'accepted' })]);
  });

  // scrypt at its real cost (128 MiB, half a second each way): slow on purpose, slower on a busy machine.
  it('backs the keys up with a passphrase and restores them on another PC: persons keep their pseudonymous keys', { timeout: 30_000 }, async () => {
    const site = await host();
    await call(site.services, 'siteKeysGenerate', {});
    const original = (await loadSiteKeys(site.vaultStore))!;
    await expect(call(site.services, 'keysBackup', { passphrase: 'une phrase secrète solide', target: { folder: 'relatif' } })).rejects.toThrow(
      'chemin complet',
    );
    const usb = await tempDir('usb');
    const saved = await call(site.services, 'keysBackup', { passphrase: 'une phrase secrète solide', target: { folder: usb } });
    expect(saved.files).toEqual([expect.stringMatching(/^passerelle-cles-SPIP-54-\d{4}-\d{2}-\d{2}\.passerelle-cles$/)]);
    const file = { name: saved.files[0]!, base64: toBase64(await readFile(join(usb, saved.files[0]!))) };

    const otherStore = memoryKeyStore();
    const other = testServices({ dataDir: await tempDir('services'), vault: memoryKeyVault(otherStore) });
    await expect(call(other, 'keysRestore', { file, passphrase: 'une autre phrase secrète', overwrite: false })).rejects.toThrow('Phrase secrète incorrecte');
    const restored = await call(other, 'keysRestore', { file, passphrase: 'une phrase secrète solide', overwrite: false });
    expect(restored).toMatchObject({ restored: ['site.encryptionKey', 'site.pseudonymSecret', 'site.signingKey'], replaced: [], siteCode: 'SPIP-54' });
    const person = '019b0000-0000-7000-8000-0000000000aa';
    expect(pseudonymKey((await loadSiteKeys(otherStore))!.pseudonymSecret, person)).toBe(pseudonymKey(original.pseudonymSecret, person));
  });

  it('refuses to generate or restore keys where they cannot be protected', async () => {
    const services = testServices({ dataDir: await tempDir('services'), vault: memoryKeyVault(memoryKeyStore(), 'Stockage protégé indisponible.') });
    expect((await call(services, 'syncStatus', {})).keyStorage.problem).toBe('Stockage protégé indisponible.');
    await expect(call(services, 'siteKeysGenerate', {})).rejects.toThrow('Stockage protégé indisponible.');
  });

  it('publishes headquarters’ national partners and agreements as reference data that a site verifies and applies, read only', async () => {
    const share = await tempDir('share');
    const hq = await host(hqSetup);
    await call(hq.services, 'syncSetFolder', { path: share });
    const ratp = await createPartner(hq.ctx, { name: 'RATP', kind: 'entreprise', scope: 'national' });
    await createAgreement(hq.ctx, { partnerId: ratp.id, kind: 'accord_cadre_national', signedOn: '2024-11-20', validFrom: '2024-11-20', scope: ['tig'] });
    const published = await call(hq.services, 'hqPublishReference', {
      pending: await collectPending(hq.ctx),
      sequence: await takeBundleSequence(hq.ctx),
      target: 'syncFolder',
    });
    expect(published).toMatchObject({
      files: ['referentiel.passerelle-ref'],
      folder: share,
      acknowledgement: { siteCode: 'ATIGIP', siteId: hq.identity.siteId },
    });
    await recordAcknowledgement(hq.ctx, published.acknowledgement!);
    expect(await pendingChangeCount(hq.ctx)).toBe(0);
    expect((await call(hq.services, 'hqSites', {})).sites.map((s) => s.code)).toEqual(['ATIGIP']);

    const site = await host();
    await call(site.services, 'syncImportHqKey', { file: (await call(hq.services, 'hqPublicKey', { target: 'download' })).download! });
    await call(site.services, 'syncSetFolder', { path: share });
    const { inbox } = await call(site.services, 'syncCheckNow', {});
    expect(inbox.reference?.sites).toEqual([expect.objectContaining({ code: 'ATIGIP', kind: 'atigip' })]);
    expect(await applyReferenceData(site.ctx, inbox.reference!)).toMatchObject({ applied: true, summary: { records: { partner: 1, agreement: 1 } } });
    expect((await listPartners(site.ctx)).map((p) => [p.name, p.scope, p.siteId])).toEqual([['RATP', 'national', hq.identity.siteId]]);
    expect(await listAgreements(site.ctx, { partnerId: ratp.id })).toHaveLength(1);
    await expect(updatePartner(site.ctx, ratp.id, { notes: 'modifié sur le site' })).rejects.toThrow('lecture seule');
    expect(await pendingChangeCount(site.ctx)).toBe(0);
  });

  it('publishes again what headquarters’ restored store lost of its own records, on the acknowledgement that says so', async () => {
    const hq = await host(hqSetup);
    const database = join(hq.dataDir, 'hq', 'hq.sqlite');
    await copyFile(database, join(hq.dataDir, 'empty.sqlite'));
    const publish = async () => {
      const published = await call(hq.services, 'hqPublishReference', {
        pending: await collectPending(hq.ctx),
        sequence: await takeBundleSequence(hq.ctx),
        target: 'download',
      });
      return { published, applied: published.acknowledgement ? await recordAcknowledgement(hq.ctx, published.acknowledgement) : undefined };
    };
    await createPartner(hq.ctx, { name: 'RATP', kind: 'entreprise', scope: 'national' });
    expect((await publish()).applied).toMatchObject({ applied: true });
    await copyFile(join(hq.dataDir, 'empty.sqlite'), database);
    hq.ctx.clock.advance(60_000);
    await createPartner(hq.ctx, { name: 'La Poste', kind: 'entreprise', scope: 'national' });
    const lowered = await publish();
    expect(lowered.published.acknowledgement).toMatchObject({ ackedClock: null });
    expect(lowered.applied).toMatchObject({ applied: true, current: undefined });
    const { signingKey } = await readHqPublic(join(hq.dataDir, 'hq'));
    const names = (download: { base64: string } | null) => readReferenceData(fromBase64(download!.base64), signingKey).records.partner?.map((r) => r.name);
    expect(names(lowered.published.download)).toEqual([]);
    hq.ctx.clock.advance(60_000);
    const again = await publish();
    expect(names(again.published.download)?.sort()).toEqual(['La Poste', 'RATP']);
    expect(await pendingChangeCount(hq.ctx)).toBe(0);
  });

  it('writes the central export file, and the CSV files as one zip to download', async () => {
    const site = await host();
    const hq = await host(hqSetup);
    await call(site.services, 'syncImportHqKey', { file: (await call(hq.services, 'hqPublicKey', { target: 'download' })).download! });
    await ensureSiteKeys(site.vaultStore);
    await writeTransaction(site.ctx, (w) => w.insert('organisation', org));
    const exported = await site.export('download');
    await call(hq.services, 'hqImport', { jobId: '019b0000-0000-7000-8000-00000000a006', source: { kind: 'files', files: [exported.output.download!] } });

    const out = await tempDir('central');
    const ndjson = await call(hq.services, 'hqCentralExport', { format: 'ndjson', target: { folder: out } });
    expect(ndjson.files).toEqual([expect.stringMatching(/^passerelle-central-\d{4}-\d{2}-\d{2}\.ndjson\.gz$/), 'dictionnaire.csv', 'codes.csv']);
    const lines = fromUtf8(gunzipSync(await readFile(join(out, ndjson.files[0]!))))
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l) as { entity: string; name?: string })).toEqual([
      expect.objectContaining({
        entity: 'site',
        id: site.identity.siteId,
        code: 'SPIP-54',
        kind: 'spip',
        departement: '54',
        lastBundle: { sequence: 1, createdAt: exported.createdAt },
      }),
      expect.objectContaining({ entity: 'organisation', name: 'Mairie de Nancy' }),
    ]);

    const csv = await call(hq.services, 'hqCentralExport', { format: 'csv', target: 'download' });
    expect(csv.download?.name).toMatch(/-csv\.zip$/);
    const zipped = unzipSync(fromBase64(csv.download!.base64));
    expect(Object.keys(zipped)).toEqual(expect.arrayContaining(['sites.csv', 'dictionnaire.csv', 'codes.csv']));
    expect(fromUtf8(zipped['organisations.csv'] ?? new Uint8Array())).toContain('Mairie de Nancy');
  });

  it('says in French why the headquarters store cannot open, at start', async () => {
    const dataDir = await tempDir('services');
    const refusing = { ...memoryKeyStore(), put: () => Promise.reject(new Error('Stockage protégé indisponible.')) };
    const broken = testServices({ dataDir, vault: memoryKeyVault(refusing, 'Stockage protégé indisponible.') });
    const session = await call(broken, 'startSession', {
      site: { siteId: '019b0000-0000-7000-8000-0000000000a1', code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip', departement: '75' },
    });
    expect(session).toEqual({
      mode: 'hq',
      hq: { ok: false, message: expect.stringMatching(/^Impossible de créer la base du siège .*Stockage protégé indisponible\./) },
    });
  });
});
