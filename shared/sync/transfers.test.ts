import { describe, expect, it } from 'vitest';
import { memoryHqStore } from '../../test/support/memoryHqStore.ts';
import { testSite } from '../../test/support/memoryDb.ts';
import { officeOf, siteState, type Station } from '../../test/support/office.ts';
import { memoryKeyStore } from '../ports/keyStore.ts';
import type { RepoContext } from '../repos/context.ts';
import { readIdentity } from '../repos/identity.ts';
import { bytesToHex } from './bytes.ts';
import { decryptedText, hqFixture, siteFixture } from '../../test/support/sync.ts';
import { adultInput, expectRefused, measureInput, seedHost, seedPlacement } from '../../test/support/tig.ts';
import { addHourLog, deleteHourLog, editHourLog, hourLogsOfMeasure } from '../repos/hourLogs.ts';
import { HANDED_OVER } from '../repos/guards.ts';
import { createIncident } from '../repos/incidents.ts';
import { moveToBin } from '../repos/bin.ts';
import { totalsOfMeasures } from '../repos/hourTotals.ts';
import { createPerson } from '../repos/persons.ts';
import { createPlacement } from '../repos/placements.ts';
import { applyReferenceData, referenceSites } from '../repos/reference.ts';
import { createMeasure, updateMeasure } from '../repos/measures.ts';
import { writeTransaction } from '../repos/writer.ts';
import { referenceData } from './hqOutputs.ts';
import { headquartersAnnualReview } from '../review/fromConsolidated.ts';
import { recordTransferAct } from './hqTransfers.ts';
import { ensureSiteKeys, loadSiteEncryptionKey } from './keys.ts';
import { pseudonymKey } from './pseudonym.ts';
import { openTransfer, sealTransfer, type AnswerContent, type DossierContent } from './transfer.ts';
import {
  acceptTransfer,
  applyTransferAnswer,
  carriedPersonKeys,
  getTransfer,
  listTransfers,
  matchesOf,
  prepareTransfer,
  receiveTransfer,
  refuseTransfer,
  takeTransferFiles,
} from './transfers.ts';

type Site = Awaited<ReturnType<typeof siteFixture>>;

/** Two SPIPs known to headquarters, each holding the signed site directory with the other's keys. */
async function twoSites() {
  const sender = await siteFixture({ code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle' });
  const receiver = await siteFixture({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' });
  const hq = await hqFixture('2026-11-25T12:00:00.000Z', undefined, memoryHqStore());
  for (const site of [sender, receiver]) expect(hq.import(await site.export(hq.pub))).toMatchObject({ status: 'accepted' });
  const data = referenceData(hq.store, hq.keyring.signingPublic, '2026-11-25T12:00:00.000Z');
  for (const site of [sender, receiver]) expect(await applyReferenceData(site.ctx, data)).toMatchObject({ applied: true });
  return { sender, receiver, hq };
}

/** A TIG of 70 h with a placement and 35 h done at the sending site. */
async function halfDoneTig(site: Site) {
  const seeded = await seedPlacement(site.ctx);
  for (const day of ['05', '06', '07', '08', '09']) {
    await addHourLog(site.ctx, {
      measureId: seeded.measure.id,
      personId: seeded.person.id,
      placementId: seeded.placement.id,
      date: `2026-10-${day}`,
      hours: 7,
      confirmedByTutor: true,
    });
  }
  return seeded;
}

async function sealFrom(site: Site, to: Site, content: DossierContent | AnswerContent) {
  const recipientKey = (await loadSiteEncryptionKey(to.keys))!.publicKey;
  return sealTransfer(content, { signingSecret: site.siteKeys.signingSecret, recipientKey, createdAt: site.ctx.clock.now() });
}

async function openAt(site: Site, bytes: Uint8Array) {
  const opened = openTransfer(bytes, {
    siteId: site.identity.siteId,
    directory: await referenceSites(site.ctx),
    encryptionKey: (await loadSiteEncryptionKey(site.keys))!,
  });
  if (!opened.ok) throw new Error(opened.reason);
  return opened;
}

async function send(sender: Site, receiver: Site, personId: string, measureIds: string[], on = '2026-11-20') {
  const content = await prepareTransfer(sender.ctx, {
    personId,
    measureIds,
    on,
    toSiteId: receiver.identity.siteId,
    personKey: pseudonymKey(sender.siteKeys.pseudonymSecret, personId),
  });
  return { content, file: await sealFrom(sender, receiver, content) };
}

async function receive(receiver: Site, bytes: Uint8Array) {
  const opened = await openAt(receiver, bytes);
  if (opened.content.kind !== 'dossier') throw new Error('not a file');
  return receiveTransfer(receiver.ctx, { header: opened.header, content: opened.content });
}

describe('a person’s file transferred between two SPIPs', () => {
  it('closes the measure at the sender, reopens it at the receiver with the hours done, and the count goes on there', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure, post } = await halfDoneTig(sender);
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);

    const sent = await sender.ctx.db.measures.get(measure.id);
    expect(sent).toMatchObject({ status: 'transferee', endedOn: '2026-11-20' });
    expect(await sender.ctx.db.placements.where('measureId').equals(measure.id).first()).toMatchObject({ status: 'interrompue', endedOn: '2026-11-20' });
    expect(content).toMatchObject({ on: '2026-11-20', person: { lastName: 'Lefèvre' }, measures: [{ id: measure.id, status: 'transferee' }] });
    expect(content.hourLogs.map((l) => l.hours)).toEqual([7, 7, 7, 7, 7]);
    expect(content.posts).toEqual([{ id: post.id, title: 'Entretien des espaces verts', organisationName: 'Association Les Jardins du Cœur' }]);
    expect(content.history.filter((h) => h.recordId === measure.id).map((h) => h.op)).toEqual(['create', 'update', 'update']);
    expect(await getTransfer(sender.ctx, content.transferId)).toMatchObject({
      direction: 'sortant',
      status: 'envoye',
      personName: 'LEFÈVRE Julien',
      to: { code: 'SPIP-57' },
    });

    const received = await receive(receiver, file.bytes);
    expect(received).toMatchObject({ direction: 'entrant', status: 'recu', from: { code: 'SPIP-54' }, personName: 'LEFÈVRE Julien' });
    expect(await receiver.ctx.db.persons.count()).toBe(0);

    const answer = await acceptTransfer(receiver.ctx, content.transferId);
    expect(answer).toMatchObject({ kind: 'reponse', decision: 'accepte', from: { code: 'SPIP-57' }, to: { code: 'SPIP-54' }, answeredOn: '2026-11-25' });
    const arrived = await receiver.ctx.db.measures.get(measure.id);
    expect(arrived).toMatchObject({ status: 'en_cours', siteId: receiver.identity.siteId, personId: person.id, hoursOrdered: 70 });
    expect(arrived?.endedOn).toBeUndefined();
    expect(await receiver.ctx.db.persons.get(person.id)).toMatchObject({ lastName: 'Lefèvre', siteId: receiver.identity.siteId });
    expect(await totalsOfMeasures(receiver.ctx, [measure.id])).toEqual([{ hours: 35, days: 5 }]);
    // Here they are this site's records, as on every workstation of its office; headquarters keeps where each hour was done.
    expect((await hourLogsOfMeasure(receiver.ctx, measure.id)).every((l) => l.siteId === receiver.identity.siteId)).toBe(true);

    const host = await seedHost(receiver.ctx, { name: 'Mairie de Metz', departement: '57', communeName: 'Metz' }, { departement: '57', communeName: 'Metz' });
    const placement = await createPlacement(receiver.ctx, { measureId: measure.id, postId: host.post.id, startDate: '2026-11-23', plannedEnd: '2027-01-31' });
    await addHourLog(receiver.ctx, {
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date: '2026-11-24',
      hours: 7,
      confirmedByTutor: true,
    });
    expect(await totalsOfMeasures(receiver.ctx, [measure.id])).toEqual([{ hours: 42, days: 6 }]);

    const back = await openAt(sender, (await sealFrom(receiver, sender, answer)).bytes);
    expect(await applyTransferAnswer(sender.ctx, back.content as AnswerContent)).toMatchObject({ status: 'accepte', answeredOn: '2026-11-25' });
    expect(await sender.ctx.db.measures.get(measure.id)).toMatchObject({ status: 'transferee' });
  });

  it('names the received person in the receiver’s bundles by the key headquarters already knows', async () => {
    const { sender, receiver, hq } = await twoSites();
    const { person, measure } = await halfDoneTig(sender);
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);
    await receive(receiver, file.bytes);
    await acceptTransfer(receiver.ctx, content.transferId);
    expect(await carriedPersonKeys(receiver.ctx)).toEqual(new Map([[person.id, content.pseudonymKey]]));
    const host = await seedHost(receiver.ctx, { name: 'Mairie de Metz', departement: '57', communeName: 'Metz' }, { departement: '57', communeName: 'Metz' });
    const placement = await createPlacement(receiver.ctx, { measureId: measure.id, postId: host.post.id, startDate: '2026-11-23', plannedEnd: '2027-01-31' });
    await addHourLog(receiver.ctx, {
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date: '2026-11-24',
      hours: 7,
      confirmedByTutor: true,
    });
    const payload = decryptedText((await receiver.export(hq.pub)).bytes, hq.keyring)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { entity: string; id: string; fields: Record<string, [unknown, string]> });
    const personIds = new Set(payload.flatMap((r) => (r.fields.personId ? [r.fields.personId[0]] : [])));
    expect(personIds).toEqual(new Set([content.pseudonymKey]));
    expect(payload.find((r) => r.entity === 'measure' && r.id === measure.id)?.fields.status?.[0]).toBe('en_cours');
    // The received records are logged as this site's creations (the office's workstations need them): the person under the same key.
    expect(payload.filter((r) => r.entity === 'person').map((r) => r.id)).toEqual([content.pseudonymKey]);
  });

  it('reaches the receiving office’s other workstation with the person, the measure and the hours done', async () => {
    const office = await officeOf(2, '2026-11-25T10:00:00.000Z', { ...testSite, code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' });
    const [first, second] = office.stations as [Station, Station];
    const sender = await siteFixture();
    const officeKeys = memoryKeyStore();
    const officeSigning = (await ensureSiteKeys(officeKeys)).signingPublic;
    const officeEncryption = (await loadSiteEncryptionKey(officeKeys))!;
    const entry = async (ctx: RepoContext, signing: Uint8Array, encryption: Uint8Array) => {
      const identity = (await readIdentity(ctx.db))!;
      const { siteId, code, name, kind, departement } = identity;
      return { siteId, code, name, kind, departement, signingKey: bytesToHex(signing), encryptionKey: bytesToHex(encryption) };
    };
    const senderEncryption = (await loadSiteEncryptionKey(sender.keys))!.publicKey;
    const directory = [await entry(sender.ctx, sender.siteKeys.signingPublic, senderEncryption), await entry(first, officeSigning, officeEncryption.publicKey)];
    const data = { kind: 'passerelle-reference' as const, issuedAt: '2026-11-25T08:00:00.000Z', activityDomains: [], sites: directory, records: {} };
    for (const ctx of [sender.ctx, first, second]) await applyReferenceData(ctx, data);

    const { person, measure } = await halfDoneTig(sender);
    const content = await prepareTransfer(sender.ctx, {
      personId: person.id,
      measureIds: [measure.id],
      on: '2026-11-20',
      toSiteId: directory[1]!.siteId,
      personKey: pseudonymKey(sender.siteKeys.pseudonymSecret, person.id),
    });
    const sealed = sealTransfer(content, { signingSecret: sender.siteKeys.signingSecret, recipientKey: officeEncryption.publicKey, createdAt: Date.now() });
    const opened = openTransfer(sealed.bytes, { siteId: directory[1]!.siteId, directory, encryptionKey: officeEncryption });
    if (!opened.ok || opened.content.kind !== 'dossier') throw new Error('not opened');
    await receiveTransfer(first, { header: opened.header, content: opened.content });
    await acceptTransfer(first, content.transferId);

    await office.publish(first);
    await office.receive(second);
    expect(await second.db.persons.get(person.id)).toMatchObject({ lastName: 'Lefèvre', firstName: 'Julien' });
    expect(await second.db.measures.get(measure.id)).toMatchObject({ status: 'en_cours', hoursOrdered: 70, personId: person.id });
    expect(await totalsOfMeasures(second, [measure.id])).toEqual([{ hours: 35, days: 5 }]);
    expect(await second.db.placements.where('measureId').equals(measure.id).count()).toBe(1);
    // The second workstation goes on where the first stopped: the hours it logs count on.
    expect(await siteState(second)).toEqual(await siteState(first));
  });

  it('keeps a file once: a second copy says what became of the first', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure } = await halfDoneTig(sender);
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);
    await receive(receiver, file.bytes);
    await expectRefused(
      receiver.ctx,
      () => receive(receiver, file.bytes),
      'Ce dossier (LEFÈVRE Julien, envoyé par SPIP-54) a déjà été reçu : il est en attente de réponse.',
    );
    await acceptTransfer(receiver.ctx, content.transferId);
    await expectRefused(receiver.ctx, () => receive(receiver, file.bytes), 'a déjà été reçu : il est accepté le 25/11/2026.');
    await expectRefused(receiver.ctx, () => acceptTransfer(receiver.ctx, content.transferId), 'Ce dossier a déjà été accepté le 25/11/2026.');
    await expectRefused(receiver.ctx, () => refuseTransfer(receiver.ctx, content.transferId, 'Trop tard'), 'Ce dossier a déjà été accepté le 25/11/2026.');
  });

  it('takes the files and answers found in the share once, and says why one cannot be taken', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure } = await halfDoneTig(sender);
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);
    const opened = { fileName: 'dossier.passerelle-transfert', ...(await openAt(receiver, file.bytes)) };
    const broken = { fileName: 'abime.passerelle-transfert', ok: false as const, reason: 'Signature invalide.' };
    const first = await takeTransferFiles(receiver.ctx, [opened, broken]);
    expect(first.received.map((t) => t.transferId)).toEqual([content.transferId]);
    expect(first.problems).toEqual(['abime.passerelle-transfert : Signature invalide.']);
    expect(await takeTransferFiles(receiver.ctx, [opened])).toEqual({ received: [], answered: [], problems: [] });

    const answer = await acceptTransfer(receiver.ctx, content.transferId);
    expect((await getTransfer(receiver.ctx, content.transferId))?.answer).toEqual(answer);
    const reply = { fileName: 'reponse.passerelle-transfert', ...(await openAt(sender, (await sealFrom(receiver, sender, answer)).bytes)) };
    expect((await takeTransferFiles(sender.ctx, [reply])).answered).toMatchObject([{ status: 'accepte' }]);
    expect(await takeTransferFiles(sender.ctx, [reply])).toEqual({ received: [], answered: [], problems: [] });
    // An answer to a file this site never sent is not taken silently.
    const stranger = await takeTransferFiles(receiver.ctx, [{ ...reply, content: { ...answer, transferId: sender.identity.siteId } }]);
    expect(stranger.problems).toEqual(['reponse.passerelle-transfert : Cette réponse concerne un transfert que ce site n’a pas envoyé.']);
  });

  it('refused with a reason: nothing enters the receiver, and the measure reopens at the sender as it was', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure } = await halfDoneTig(sender);
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);
    await receive(receiver, file.bytes);
    await expectRefused(receiver.ctx, () => refuseTransfer(receiver.ctx, content.transferId, '   '), 'Motif du refus : champ obligatoire');
    const answer = await refuseTransfer(receiver.ctx, content.transferId, 'La personne réside dans le ressort du SPIP 88.');
    expect(answer).toMatchObject({ decision: 'refuse', reason: 'La personne réside dans le ressort du SPIP 88.' });
    expect(await receiver.ctx.db.measures.count()).toBe(0);
    expect(await getTransfer(receiver.ctx, content.transferId)).toMatchObject({ status: 'refuse', reason: 'La personne réside dans le ressort du SPIP 88.' });

    const back = await openAt(sender, (await sealFrom(receiver, sender, answer)).bytes);
    expect(await applyTransferAnswer(sender.ctx, back.content as AnswerContent)).toMatchObject({
      status: 'refuse',
      reason: 'La personne réside dans le ressort du SPIP 88.',
    });
    const reopened = await sender.ctx.db.measures.get(measure.id);
    expect(reopened).toMatchObject({ status: 'en_cours', suspensions: [] });
    expect(reopened?.endedOn).toBeUndefined();
    await expectRefused(
      sender.ctx,
      () => applyTransferAnswer(sender.ctx, back.content as AnswerContent),
      'La réponse à ce transfert a déjà été enregistrée (refusé le 25/11/2026).',
    );
  });

  it('attaches the file to a person the receiver already follows, after showing the match', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure } = await halfDoneTig(sender);
    const local = await createPerson(receiver.ctx, { ...adultInput, lastName: 'LEFEVRE', caseNumber: '57/2026/9' });
    await createPerson(receiver.ctx, { ...adultInput, firstName: 'Paul', caseNumber: '57/2026/10' });
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);
    await receive(receiver, file.bytes);
    expect((await matchesOf(receiver.ctx, content.transferId)).map((p) => p.id)).toEqual([local.id]);
    await acceptTransfer(receiver.ctx, content.transferId, { attachTo: local.id });
    expect(await receiver.ctx.db.persons.count()).toBe(2);
    expect(await receiver.ctx.db.measures.get(measure.id)).toMatchObject({ personId: local.id, status: 'en_cours' });
    expect((await hourLogsOfMeasure(receiver.ctx, measure.id)).map((l) => l.personId)).toEqual(Array(5).fill(local.id));
    expect(await carriedPersonKeys(receiver.ctx)).toEqual(new Map());
    expect(await listTransfers(receiver.ctx)).toMatchObject([{ status: 'accepte', personId: local.id }]);
  });

  it('keeps the sender’s closed trace read only until the file is refused', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure, placement } = await halfDoneTig(sender);
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);
    const [log] = await hourLogsOfMeasure(sender.ctx, measure.id);
    const writes: (() => Promise<unknown>)[] = [
      () => updateMeasure(sender.ctx, measure.id, { notes: 'Après le transfert' }),
      () =>
        addHourLog(sender.ctx, { measureId: measure.id, personId: person.id, placementId: placement.id, date: '2026-10-12', hours: 2, confirmedByTutor: true }),
      () => editHourLog(sender.ctx, log!.id, { comment: 'corrigé' }),
      () => deleteHourLog(sender.ctx, log!.id),
      () => createIncident(sender.ctx, { measureId: measure.id, date: '2026-10-12', kind: 'retard', description: 'Retard de 30 minutes' }),
      () => moveToBin(sender.ctx, 'placement', placement.id),
      () => moveToBin(sender.ctx, 'measure', measure.id),
    ];
    for (const write of writes) await expectRefused(sender.ctx, write, HANDED_OVER);
    await receive(receiver, file.bytes);
    const back = await openAt(sender, (await sealFrom(receiver, sender, await refuseTransfer(receiver.ctx, content.transferId, 'Hors ressort'))).bytes);
    await applyTransferAnswer(sender.ctx, back.content as AnswerContent);
    expect(await updateMeasure(sender.ctx, measure.id, { notes: 'Le suivi reste ici' })).toMatchObject({ notes: 'Le suivi reste ici' });
  });

  it('refuses a transfer the rules forbid, changing nothing', async () => {
    const { sender, receiver } = await twoSites();
    const { person, measure } = await halfDoneTig(sender);
    const attempt = (over: { toSiteId?: string; on?: string; measureIds?: string[] }) => () =>
      prepareTransfer(sender.ctx, {
        personId: person.id,
        measureIds: over.measureIds ?? [measure.id],
        on: over.on ?? '2026-11-20',
        toSiteId: over.toSiteId ?? receiver.identity.siteId,
        personKey: 'ab'.repeat(32),
      });
    await expectRefused(sender.ctx, attempt({ toSiteId: sender.identity.siteId }), 'Le dossier ne peut pas être transféré à votre propre site.');
    await expectRefused(sender.ctx, attempt({ on: '2026-12-01' }), 'La date de transfert ne peut être dans le futur.');
    await expectRefused(sender.ctx, attempt({ measureIds: [] }), 'Choisissez au moins une mesure à transférer.');
    await expectRefused(
      sender.ctx,
      attempt({ toSiteId: '01900000-0000-7000-8000-000000000000' }),
      'Choisissez le site qui reprend le suivi dans l’annuaire des sites.',
    );
  });
});

describe('headquarters across a transfer', () => {
  async function acceptedTransfer() {
    const sites = await twoSites();
    const { sender, receiver, hq } = sites;
    const { person, measure } = await halfDoneTig(sender);
    expect(hq.import(await sender.export(hq.pub))).toMatchObject({ status: 'accepted' });
    const { content, file } = await send(sender, receiver, person.id, [measure.id]);
    expect(hq.import(await sender.export(hq.pub))).toMatchObject({ status: 'accepted' });
    await receive(receiver, file.bytes);
    const answer = await sealFrom(receiver, sender, await acceptTransfer(receiver.ctx, content.transferId));
    const host = await seedHost(receiver.ctx, { name: 'Mairie de Metz', departement: '57', communeName: 'Metz' }, { departement: '57', communeName: 'Metz' });
    const placement = await createPlacement(receiver.ctx, { measureId: measure.id, postId: host.post.id, startDate: '2026-11-23', plannedEnd: '2027-01-31' });
    await addHourLog(receiver.ctx, {
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date: '2026-11-24',
      hours: 7,
      confirmedByTutor: true,
    });
    return { ...sites, person, measure, content, file, answer };
  }

  it('moves the records on the acceptance, then counts the measure once with each site’s hours', async () => {
    const { sender, receiver, hq, measure, content, file, answer } = await acceptedTransfer();
    expect(hq.import(await receiver.export(hq.pub))).toMatchObject({ status: 'refused', reason: expect.stringContaining('qui appartient au site SPIP-54') });

    expect(recordTransferAct(hq.store, file.bytes, answer.bytes, { now: Date.parse('2026-11-26T09:00:00Z') })).toEqual({ moved: 8 });
    expect(hq.store.ownershipActs()).toMatchObject([
      { kind: 'transfer', fromSiteId: sender.identity.siteId, toSiteId: receiver.identity.siteId, upTo: content.offerClock, records: 8 },
    ]);
    expect(hq.import(await receiver.export(hq.pub))).toMatchObject({ status: 'accepted' });
    // Not acknowledged, the sender's bundle carries its writes before the offer again: they are still taken.
    expect(hq.import(await sender.export(hq.pub))).toMatchObject({ status: 'accepted' });

    const measures = [...hq.store.consolidated('measure')];
    expect(measures).toHaveLength(1);
    expect(measures[0]).toMatchObject({
      id: measure.id,
      siteId: sender.identity.siteId,
      owner: receiver.identity.siteId,
      fields: { status: { value: 'en_cours' } },
    });
    const hoursBySite = new Map<string, number>();
    for (const log of hq.store.consolidated('hourLog')) {
      expect(log.fields.measureId?.value).toBe(measure.id);
      expect(log.fields.personId?.value).toBe(content.pseudonymKey);
      hoursBySite.set(log.siteId, (hoursBySite.get(log.siteId) ?? 0) + (log.fields.hours?.value as number));
    }
    expect(hoursBySite).toEqual(
      new Map([
        [sender.identity.siteId, 35],
        [receiver.identity.siteId, 7],
      ]),
    );
    // The annual review gives each site its share: the hours where they were done, the whole across sites.
    const placementHours = (scope: Parameters<typeof headquartersAnnualReview>[1]['scope']) =>
      headquartersAnnualReview(hq.store, { year: 2026, scope }).tables[0]?.rows.find((r) => r.indicator === 'Heures de TIG en mise en situation')?.value;
    expect(placementHours({ kind: 'site', siteId: sender.identity.siteId })).toBe(35);
    expect(placementHours({ kind: 'site', siteId: receiver.identity.siteId })).toBe(7);
    expect(placementHours({ kind: 'all' })).toBe(42);
  });

  it('refuses the sender’s writes after its offer once the records moved', async () => {
    const { sender, hq, measure, file, answer } = await acceptedTransfer();
    recordTransferAct(hq.store, file.bytes, answer.bytes, { now: Date.parse('2026-11-26T09:00:00Z') });
    sender.ctx.clock.advance(60_000);
    await writeTransaction(sender.ctx, (w) => w.update('measure', measure.id, { jurisdiction: 'TJ de Nancy (corrigé)' }));
    const before = hq.snapshot();
    expect(hq.import(await sender.export(hq.pub))).toMatchObject({ status: 'refused', reason: expect.stringContaining('qui appartient au site SPIP-57') });
    expect(hq.snapshot()).toBe(before);
  });

  it('records an act once, and never on a refusal, an answer to another file or a forged file', async () => {
    const { sender, receiver, hq, person, content, file, answer } = await acceptedTransfer();
    const now = { now: Date.parse('2026-11-26T09:00:00Z') };
    const forged = Uint8Array.from(file.bytes);
    forged[forged.length - 100]! ^= 1;
    expect(() => recordTransferAct(hq.store, forged, answer.bytes, now)).toThrow('Dossier transféré : signature invalide');
    expect(() => recordTransferAct(hq.store, answer.bytes, file.bytes, now)).toThrow('n’est pas un dossier transféré');
    const other = await send(sender, receiver, person.id, [(await createMeasure(sender.ctx, measureInput(person.id))).id]);
    expect(() => recordTransferAct(hq.store, other.file.bytes, answer.bytes, now)).toThrow('Cette réponse ne répond pas à ce dossier transféré.');
    await receive(receiver, other.file.bytes);
    const refusal = await sealFrom(receiver, sender, await refuseTransfer(receiver.ctx, other.content.transferId, 'Hors ressort'));
    expect(() => recordTransferAct(hq.store, other.file.bytes, refusal.bytes, now)).toThrow('Le site SPIP-57 a refusé ce dossier : rien ne change de site.');
    expect(hq.store.ownershipActs()).toEqual([]);
    recordTransferAct(hq.store, file.bytes, answer.bytes, now);
    expect(() => recordTransferAct(hq.store, file.bytes, answer.bytes, now)).toThrow('Ce transfert est déjà enregistré au siège.');
    expect(hq.store.ownershipActs()).toHaveLength(1);
    expect(content.transferId).toBe(file.header.transferId);
  });
});
