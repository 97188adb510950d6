import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/bridge/contract.ts';
import { addHourLog } from '../../../shared/repos/hourLogs.ts';
import { readIdentity } from '../../../shared/repos/identity.ts';
import { createOrganisation } from '../../../shared/repos/organisations.ts';
import { createPlacement } from '../../../shared/repos/placements.ts';
import { applyReferenceData, referenceSites } from '../../../shared/repos/reference.ts';
import { takeBundleSequence } from '../../../shared/repos/syncState.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import type { SiteSetupInput } from '../../../shared/schemas/site.ts';
import { toBase64 } from '../../../shared/sync/bytes.ts';
import { collectPending, recordAcknowledgement } from '../../../shared/sync/site.ts';
import { acceptTransfer, getTransfer, prepareTransfer, takeTransferFiles } from '../../../shared/sync/transfers.ts';
import { removeTempDirs, tempDir } from '../../../test/support/fakeElectron.ts';
import { fixedClock, testContext, testSite } from '../../../test/support/memoryDb.ts';
import { bridgeOf, testServices } from '../../../test/support/services.ts';
import { seedHost, seedPlacement } from '../../../test/support/tig.ts';

afterAll(removeTempDirs);

const hqSetup: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

/** A page's database and its host's services and bridge, on its own data folder. */
async function host(setup: SiteSetupInput, folder?: string) {
  const ctx = await testContext(setup, fixedClock('2026-11-25T10:00:00.000Z'));
  const identity = (await readIdentity(ctx.db))!;
  const bridge: Bridge = bridgeOf(testServices({ dataDir: await tempDir('relay-host'), clock: ctx.clock }));
  const session = await bridge.startSession({
    site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
  });
  if (folder) await bridge.syncSetFolder({ path: folder });
  return { ctx, identity, bridge, session, folder: folder ?? '' };
}

type Host = Awaited<ReturnType<typeof host>>;

/** What « Synchroniser » does at a site: collect from the database, take a sequence, write the bundle. */
async function exportBundle(site: Host) {
  return site.bridge.siteExport({ pending: await collectPending(site.ctx), sequence: await takeBundleSequence(site.ctx), target: 'syncFolder' });
}

/** Headquarters and two SPIPs, each site with its own folder (headquarters reaches both), holding the signed directory. */
async function network() {
  const [folder54, folder57] = [await tempDir('share-54'), await tempDir('share-57')];
  const hq = await host(hqSetup);
  const pub = (await hq.bridge.hqPublicKey({ target: 'download' })).download!;
  const sender = await host(testSite, folder54);
  const receiver = await host({ ...testSite, code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57', userName: 'Inès Moreau' }, folder57);
  for (const site of [sender, receiver]) {
    await site.bridge.syncImportHqKey({ file: pub });
    await site.bridge.siteKeysGenerate({});
  }
  await createOrganisation(receiver.ctx, { name: 'Mairie de Metz', kind: 'collectivite_territoriale', communeName: 'Metz', departement: '57' });
  return { hq, sender, receiver, folder54, folder57 };
}

/** Headquarters takes what both folders hold, publishes the directory, and writes acknowledgements and relayed files to each folder. */
async function hqRound(net: Awaited<ReturnType<typeof network>>) {
  const { hq } = net;
  const imported = [];
  for (const path of [net.folder54, net.folder57]) imported.push(await hq.bridge.hqImport({ jobId: crypto.randomUUID(), source: { kind: 'folder', path } }));
  await hq.bridge.hqPublishReference({ pending: await collectPending(hq.ctx), sequence: await takeBundleSequence(hq.ctx), target: { folder: net.folder54 } });
  await hq.bridge.hqPublishReference({ pending: await collectPending(hq.ctx), sequence: await takeBundleSequence(hq.ctx), target: { folder: net.folder57 } });
  for (const folder of [net.folder54, net.folder57]) await hq.bridge.hqWriteAcks({ target: { folder } });
  for (const site of [net.sender, net.receiver]) {
    const { inbox } = await site.bridge.syncCheckNow({});
    if (inbox.reference) await applyReferenceData(site.ctx, inbox.reference);
    if (inbox.acknowledgement) await recordAcknowledgement(site.ctx, inbox.acknowledgement);
  }
  return imported;
}

async function logHours(ctx: RepoContext, ids: { measureId: string; personId: string; placementId: string }, dates: string[]) {
  for (const date of dates) await addHourLog(ctx, { ...ids, date, hours: 7, confirmedByTutor: true });
}

describe('headquarters relays a transferred file and its answer', () => {
  it('from the sender’s folder to the receiver’s and back, without opening them, and moves the records once accepted', async () => {
    const net = await network();
    const { hq, sender, receiver } = net;
    const { person, measure, placement } = await seedPlacement(sender.ctx, {}, { hoursOrdered: 70 });
    await logHours(sender.ctx, { measureId: measure.id, personId: person.id, placementId: placement.id }, [
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
    ]);
    await exportBundle(sender);
    await exportBundle(receiver);
    await hqRound(net);

    // The sender writes the file to its own folder: the receiver's folder does not hold it yet.
    const { personKey } = await sender.bridge.transferPersonKey({ personId: person.id });
    const content = await prepareTransfer(sender.ctx, {
      personId: person.id,
      measureIds: [measure.id],
      on: '2026-11-20',
      toSiteId: receiver.identity.siteId,
      personKey,
    });
    const recipient = (await referenceSites(sender.ctx)).find((s) => s.code === 'SPIP-57')!;
    const written = await sender.bridge.transferWrite({ content, recipientKey: recipient.encryptionKey!, target: 'syncFolder' });
    expect((await receiver.bridge.transferScan({ directory: await referenceSites(receiver.ctx) })).files).toEqual([]);

    const [from54] = await hqRound(net);
    expect(from54?.transfers).toEqual([{ file: written.fileName, status: 'relayed', kind: 'dossier', fromCode: 'SPIP-54', toCode: 'SPIP-57' }]);
    expect(await readdir(net.folder57)).toContain(written.fileName);
    const scanned = await receiver.bridge.transferScan({ directory: await referenceSites(receiver.ctx) });
    expect((await takeTransferFiles(receiver.ctx, scanned.files)).received).toHaveLength(1);

    // Accepted: the answer goes to the receiver's folder, with its bundle that writes to the received measure.
    const answer = await acceptTransfer(receiver.ctx, content.transferId);
    const sent = (await referenceSites(receiver.ctx)).find((s) => s.code === 'SPIP-54')!;
    await receiver.bridge.transferWrite({ content: answer, recipientKey: sent.encryptionKey!, target: 'syncFolder' });
    const metz = await seedHost(receiver.ctx, { name: 'Mairie de Metz', departement: '57', communeName: 'Metz' }, { departement: '57', communeName: 'Metz' });
    const there = await createPlacement(receiver.ctx, { measureId: measure.id, postId: metz.post.id, startDate: '2026-11-23', plannedEnd: '2027-01-31' });
    await logHours(receiver.ctx, { measureId: measure.id, personId: person.id, placementId: there.id }, ['2026-11-23', '2026-11-24']);
    const bundle = await exportBundle(receiver);

    // Until headquarters holds the file and its acceptance, the receiver's bundle writes to the sender's records: refused.
    const alone = await hq.bridge.hqImport({
      jobId: crypto.randomUUID(),
      source: { kind: 'files', files: [{ name: bundle.fileName, base64: toBase64(new Uint8Array(await readFile(join(net.folder57, bundle.fileName)))) }] },
    });
    expect(alone.results).toMatchObject([{ status: 'refused', reason: expect.stringContaining('qui appartient au site SPIP-54') }]);

    const [, from57] = await hqRound(net);
    expect(from57?.transfers).toContainEqual(expect.objectContaining({ status: 'relayed', kind: 'reponse', fromCode: 'SPIP-57', toCode: 'SPIP-54', moved: 8 }));
    expect(from57?.results.find((r) => r.file.endsWith(bundle.fileName))).toMatchObject({ status: 'accepted' });
    // The sender finds the answer in its own folder, relayed by headquarters.
    const back = await sender.bridge.transferScan({ directory: await referenceSites(sender.ctx) });
    expect((await takeTransferFiles(sender.ctx, back.files)).answered).toMatchObject([{ status: 'accepte' }]);
    expect(await getTransfer(sender.ctx, content.transferId)).toMatchObject({ status: 'accepte' });

    // A second round relays nothing new and records no second act.
    const again = await hqRound(net);
    expect(again.flatMap((r) => r.transfers).map((t) => t.status)).toEqual(['known', 'known', 'known', 'known']);

    // The central export: one measure, its hours from both sites, each attributed to where it was done.
    const out = await tempDir('central');
    const exported = await hq.bridge.hqCentralExport({ format: 'ndjson', target: { folder: out } });
    const lines = new TextDecoder()
      .decode(gunzipSync(await readFile(join(out, exported.files[0]!))))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { entity: string; siteId: string; fields?: { hours?: number } });
    expect(lines.filter((l) => l.entity === 'measure')).toHaveLength(1);
    const hours = (siteId: string) => lines.filter((l) => l.entity === 'hourLog' && l.siteId === siteId).length * 7;
    expect([hours(sender.identity.siteId), hours(receiver.identity.siteId)]).toEqual([35, 14]);
  });

  it('refuses a file signed by no enrolled site, and relays nothing of it', async () => {
    const net = await network();
    await exportBundle(net.sender);
    await exportBundle(net.receiver);
    const [first] = await hqRound(net);
    expect(first?.transfers).toEqual([]);
    const forged = { name: 'dossier-SPIP-54-vers-SPIP-57-x.passerelle-transfert', base64: toBase64(new TextEncoder().encode('PSRLTRNS pas un dossier')) };
    const result = await net.hq.bridge.hqImport({ jobId: crypto.randomUUID(), source: { kind: 'files', files: [forged] } });
    expect(result).toMatchObject({
      results: [],
      transfers: [{ file: forged.name, status: 'refused', reason: expect.stringMatching(/^Fichier de transfert : /) }],
    });
    expect((await net.hq.bridge.hqWriteAcks({ target: 'download' })).transfers).toEqual([]);
  });
});
