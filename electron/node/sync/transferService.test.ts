import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyReferenceData, referenceSites } from '../../../shared/repos/reference.ts';
import { referenceData } from '../../../shared/sync/hqOutputs.ts';
import { toBase64 } from '../../../shared/sync/bytes.ts';
import { loadSiteEncryptionKey } from '../../../shared/sync/keys.ts';
import { pseudonymKey } from '../../../shared/sync/pseudonym.ts';
import { TRANSFER_EXTENSION } from '../../../shared/sync/transfer.ts';
import { acceptTransfer, applyTransferAnswer, prepareTransfer, receiveTransfer } from '../../../shared/sync/transfers.ts';
import { removeTempDirs, tempDir } from '../../../test/support/fakeElectron.ts';
import { memoryHqStore } from '../../../test/support/memoryHqStore.ts';
import { bridgeOf, memoryKeyVault, testServices } from '../../../test/support/services.ts';
import { hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { seedPlacement } from '../../../test/support/tig.ts';

afterAll(removeTempDirs);

/** Two SPIPs, each with its page's database, its host's services and the same share, holding the signed directory. */
async function twoHosts() {
  const share = await tempDir('transfer-share');
  const hq = await hqFixture('2026-11-25T12:00:00.000Z', undefined, memoryHqStore());
  const sites = [];
  for (const site of [
    { code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle' },
    { code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' },
  ]) {
    const fixture = await siteFixture(site);
    expect(hq.import(await fixture.export(hq.pub))).toMatchObject({ status: 'accepted' });
    const services = testServices({ dataDir: await tempDir(`transfer-${site.code}`), vault: memoryKeyVault(fixture.keys), clock: fixture.ctx.clock });
    const bridge = bridgeOf(services);
    const { identity } = fixture;
    await bridge.startSession({
      site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
    });
    await bridge.syncSetFolder({ path: share });
    sites.push({ ...fixture, bridge });
  }
  const data = referenceData(hq.store, hq.keyring.signingPublic, '2026-11-25T12:00:00.000Z');
  for (const site of sites) expect(await applyReferenceData(site.ctx, data)).toMatchObject({ applied: true });
  const [sender, receiver] = sites as [(typeof sites)[number], (typeof sites)[number]];
  return { share, sender, receiver };
}

type Host = Awaited<ReturnType<typeof twoHosts>>['sender'];

async function recipientKeyOf(from: Host, to: Host): Promise<string> {
  const entry = (await referenceSites(from.ctx)).find((s) => s.siteId === to.identity.siteId);
  return entry!.encryptionKey!;
}

async function sendThroughShare(sender: Host, receiver: Host) {
  const { person, measure } = await seedPlacement(sender.ctx);
  const { personKey } = await sender.bridge.transferPersonKey({ personId: person.id });
  const content = await prepareTransfer(sender.ctx, {
    personId: person.id,
    measureIds: [measure.id],
    on: '2026-11-20',
    toSiteId: receiver.identity.siteId,
    personKey,
  });
  const written = await sender.bridge.transferWrite({ content, recipientKey: await recipientKeyOf(sender, receiver), target: 'syncFolder' });
  return { person, measure, content, written };
}

describe('transferred files through the bridge and the share', () => {
  it('seals with the keys the Node side holds, and the receiving site alone finds and opens the file', async () => {
    const { share, sender, receiver } = await twoHosts();
    const { person, content, written } = await sendThroughShare(sender, receiver);
    expect(content.pseudonymKey).toBe(pseudonymKey(sender.siteKeys.pseudonymSecret, person.id));
    expect(written.fileName).toBe(`dossier-SPIP-54-vers-SPIP-57-${content.transferId}${TRANSFER_EXTENSION}`);
    expect(written.output).toEqual({ files: [written.fileName], folder: share, download: null });
    expect(await readdir(share)).toContain(written.fileName);

    expect(await sender.bridge.transferScan({ directory: await referenceSites(sender.ctx) })).toEqual({ folder: share, files: [] });
    const scanned = await receiver.bridge.transferScan({ directory: await referenceSites(receiver.ctx) });
    expect(scanned.files).toHaveLength(1);
    const [found] = scanned.files;
    if (!found?.ok) throw new Error('not opened');
    expect(found).toMatchObject({ fileName: written.fileName, header: { kind: 'dossier', from: { code: 'SPIP-54' } } });
    expect(found.content).toEqual(content);

    // The answer goes back the same way and the sender records it.
    if (found.content.kind !== 'dossier') throw new Error('not a file');
    await receiveTransfer(receiver.ctx, { header: found.header, content: found.content });
    const answer = await acceptTransfer(receiver.ctx, content.transferId);
    await receiver.bridge.transferWrite({ content: answer, recipientKey: await recipientKeyOf(receiver, sender), target: 'syncFolder' });
    const back = await sender.bridge.transferScan({ directory: await referenceSites(sender.ctx) });
    expect(back.files).toMatchObject([{ ok: true, header: { kind: 'reponse', decision: 'accepte' } }]);
    const [reply] = back.files;
    if (!reply?.ok || reply.content.kind !== 'reponse') throw new Error('no answer');
    expect(await applyTransferAnswer(sender.ctx, reply.content)).toMatchObject({ status: 'accepte' });
  });

  it('opens a file the person chose, and refuses in French one for another site or an altered one', async () => {
    const { share, sender, receiver } = await twoHosts();
    const { content, written } = await sendThroughShare(sender, receiver);
    const bytes = new Uint8Array(await readFile(join(share, written.fileName)));
    const file = { name: written.fileName, base64: toBase64(bytes) };

    expect(await receiver.bridge.transferOpen({ file, directory: await referenceSites(receiver.ctx) })).toMatchObject({
      content: { transferId: content.transferId },
    });
    await expect(sender.bridge.transferOpen({ file, directory: await referenceSites(sender.ctx) })).rejects.toThrow(
      `${written.fileName} : Ce dossier est destiné au site SPIP-57, pas à ce site`,
    );
    await expect(receiver.bridge.transferOpen({ file, directory: [] })).rejects.toThrow('absent de l’annuaire des sites');

    const altered = bytes.slice();
    altered[altered.length - 10]! ^= 1;
    await writeFile(join(share, written.fileName), altered);
    const scanned = await receiver.bridge.transferScan({ directory: await referenceSites(receiver.ctx) });
    expect(scanned.files).toEqual([{ ok: false, fileName: written.fileName, reason: expect.stringMatching(/^Signature invalide/) }]);
  });

  it('writes a file only in this site’s name, and only with the site’s keys', async () => {
    const { sender, receiver } = await twoHosts();
    const { content } = await sendThroughShare(sender, receiver);
    await expect(receiver.bridge.transferWrite({ content, recipientKey: await recipientKeyOf(sender, receiver), target: 'download' })).rejects.toThrow(
      'Ce fichier est au nom du site SPIP-54, pas de ce site',
    );
    const noKeys = bridgeOf(testServices({ dataDir: await tempDir('transfer-nokeys') }));
    await expect(noKeys.transferPersonKey({ personId: content.person.id })).rejects.toThrow('n’a pas encore de clés');
    // The receiving key the directory names is the one the receiving site holds.
    expect(await recipientKeyOf(sender, receiver)).toBe(Buffer.from((await loadSiteEncryptionKey(receiver.keys))!.publicKey).toString('hex'));
  });
});
