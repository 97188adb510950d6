import { ed25519 } from '@noble/curves/ed25519.js';
import { deflateSync } from 'fflate';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../ports/keyStore.ts';
import { bytesToHex, fromUtf8, utf8 } from './bytes.ts';
import { ensureSiteEncryptionKey, keyIdOf, type SiteEncryptionKey } from './keys.ts';
import { pseudonymKey } from './pseudonym.ts';
import { seal } from './sealed.ts';
import {
  handoverOf,
  openTransfer,
  readTransferHeader,
  sealTransfer,
  signedBy,
  TRANSFER_FORMAT_VERSION,
  type AnswerContent,
  type DirectorySite,
  type DossierContent,
  type TransferHeader,
} from './transfer.ts';

const clock = (minute: number, node = 'dev-a') => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;

async function party(code: string) {
  const signingSecret = ed25519.utils.randomSecretKey();
  const encryptionKey: SiteEncryptionKey = await ensureSiteEncryptionKey(memoryKeyStore());
  const site: DirectorySite = {
    siteId: uuidv7(),
    code,
    name: `Site ${code}`,
    kind: 'spip',
    departement: '54',
    signingKey: bytesToHex(ed25519.getPublicKey(signingSecret)),
    encryptionKey: bytesToHex(encryptionKey.publicKey),
  };
  return { site, signingSecret, encryptionKey };
}

type Party = Awaited<ReturnType<typeof party>>;

/** A person with a TIG of 120 h, one placement and 35 h done, as the sending site holds them. */
function dossier(from: Party, to: Party): DossierContent {
  const stamp = (minute: number) => ({ siteId: from.site.siteId, updatedAt: clock(minute), updatedBy: 'Camille Martin' });
  const personId = uuidv7();
  const measureId = uuidv7();
  const placementId = uuidv7();
  const postId = uuidv7();
  const hourLogs = [1, 2].map((day, i) => ({
    id: uuidv7(),
    ...stamp(4 + i),
    measureId,
    personId,
    placementId,
    date: `2026-11-0${day}`,
    hours: i === 0 ? 20 : 15,
    confirmedByTutor: true,
  }));
  return {
    kind: 'dossier',
    transferId: uuidv7(),
    from: { siteId: from.site.siteId, code: from.site.code, name: from.site.name, departement: '54' },
    to: { siteId: to.site.siteId, code: to.site.code, name: to.site.name },
    on: '2026-11-25',
    offerClock: clock(10),
    pseudonymKey: pseudonymKey(new Uint8Array(32).fill(7), personId),
    person: { id: personId, ...stamp(1), lastName: 'Durand', firstName: 'Léa', birthDate: '1990-04-02', caseNumber: '2026/123' },
    measures: [
      {
        id: measureId,
        ...stamp(2),
        personId,
        kind: 'tig_peine',
        jurisdiction: 'TJ de Nancy',
        decisionDate: '2026-09-01',
        offenceDate: '2026-06-01',
        offenceCategory: 'delit',
        hoursOrdered: 120,
        periodStart: '2026-09-15',
        periodMonths: 18,
        suspensions: [],
        status: 'en_cours',
      },
    ],
    placements: [
      {
        id: placementId,
        ...stamp(3),
        measureId,
        postId,
        personId,
        startDate: '2026-10-01',
        plannedEnd: '2026-12-31',
        status: 'terminee',
        endedOn: '2026-11-20',
      },
    ],
    hourLogs,
    incidents: [],
    posts: [{ id: postId, title: 'Agent d’entretien', organisationName: 'Mairie de Nancy' }],
    history: [
      {
        entity: 'person',
        recordId: personId,
        op: 'create',
        clock: clock(1),
        siteId: from.site.siteId,
        deviceId: 'dev-a',
        by: 'Camille Martin',
        fields: { lastName: 'Durand' },
      },
    ],
    by: 'Camille Martin',
  };
}

async function pair() {
  const from = await party('SPIP-54');
  const to = await party('SPIP-57');
  return { from, to, directory: [from.site, to.site], content: dossier(from, to) };
}

function sealFor(content: DossierContent | AnswerContent, sender: Party, recipient: Party) {
  return sealTransfer(content, {
    signingSecret: sender.signingSecret,
    recipientKey: recipient.encryptionKey.publicKey,
    createdAt: Date.parse('2026-11-25T11:00:00Z'),
  });
}

function openAt(bytes: Uint8Array, recipient: Party, directory: readonly DirectorySite[]) {
  return openTransfer(bytes, { siteId: recipient.site.siteId, directory, encryptionKey: recipient.encryptionKey });
}

/** Seal a file with a header written by hand, signed by the sender: what a faulty or hostile site could send. */
function sealCrafted(header: TransferHeader, content: unknown, sender: Party, recipient: Party): Uint8Array {
  const format = { magic: utf8('PSRLTRNS'), version: TRANSFER_FORMAT_VERSION, label: utf8('passerelle transfer v1') };
  return seal(format, utf8(JSON.stringify(header)), deflateSync(utf8(JSON.stringify(content))), recipient.encryptionKey.publicKey, sender.signingSecret);
}

describe('a transferred file', () => {
  it('opens at the receiving site with the person, every record, the posts and the history', async () => {
    const { from, to, directory, content } = await pair();
    const sealed = sealFor(content, from, to);
    expect(sealed.fileName).toBe(`dossier-SPIP-54-vers-SPIP-57-${content.transferId}.passerelle-transfert`);
    const opened = openAt(sealed.bytes, to, directory);
    expect(opened).toEqual({ ok: true, header: sealed.header, content });
  });

  it('shows headquarters, which relays it, the sites and the handover but no identity or free text', async () => {
    const { from, to, content } = await pair();
    const { bytes } = sealFor(content, from, to);
    const read = readTransferHeader(bytes);
    expect(read.ok && read.header).toEqual({
      formatVersion: 1,
      kind: 'dossier',
      transferId: content.transferId,
      from: { siteId: from.site.siteId, code: 'SPIP-54' },
      to: { siteId: to.site.siteId, code: 'SPIP-57' },
      createdAt: '2026-11-25T11:00:00.000Z',
      recipientKeyId: to.encryptionKey.keyId,
      handover: handoverOf(content),
    });
    expect(read.ok && signedBy(read.parts, from.site.signingKey!)).toBe(true);
    expect(read.ok && signedBy(read.parts, to.site.signingKey!)).toBe(false);
    const clear = fromUtf8(bytes);
    for (const secret of ['Durand', 'Léa', '2026/123', 'TJ de Nancy', 'Mairie de Nancy', content.person.id]) expect(clear).not.toContain(secret);
  });

  it('refuses what is not a transferred file, another version and a truncated copy', async () => {
    const { from, to, directory, content } = await pair();
    const { bytes } = sealFor(content, from, to);
    expect(openAt(utf8('PSRLBNDL and more'), to, directory)).toEqual({ ok: false, reason: 'Ce fichier n’est pas un dossier transféré Passerelle.' });
    const other = Uint8Array.from(bytes);
    other[9] = 2;
    expect(openAt(other, to, directory)).toMatchObject({ ok: false, reason: expect.stringContaining('version de format inconnue (2)') });
    expect(openAt(bytes.subarray(0, 200), to, directory)).toMatchObject({ ok: false, reason: expect.stringContaining('tronqué') });
  });

  it('refuses a file for another site without opening it', async () => {
    const { from, to, directory, content } = await pair();
    const third = await party('SPIP-88');
    const { bytes } = sealFor(content, from, to);
    expect(openAt(bytes, third, [...directory, third.site])).toMatchObject({
      ok: false,
      reason: 'Ce dossier est destiné au site SPIP-57, pas à ce site : il n’a pas été ouvert.',
    });
  });

  it('refuses a file from a site absent from the directory, or a directory entry without its key', async () => {
    const { from, to, content } = await pair();
    const { bytes } = sealFor(content, from, to);
    expect(openAt(bytes, to, [to.site])).toMatchObject({ ok: false, reason: expect.stringContaining('vient du site SPIP-54, absent de l’annuaire') });
    const { signingKey: _, ...unpinned } = from.site;
    expect(openAt(bytes, to, [unpinned, to.site])).toMatchObject({ ok: false, reason: expect.stringContaining('absent de l’annuaire') });
  });

  it('refuses a forged file (signed by another key than the directory’s) and an altered one', async () => {
    const { from, to, directory, content } = await pair();
    const forger = { ...from, signingSecret: ed25519.utils.randomSecretKey() };
    expect(openAt(sealFor(content, forger, to).bytes, to, directory)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Signature invalide : ce dossier n’a pas été signé par le site SPIP-54 de l’annuaire'),
    });
    const { bytes } = sealFor(content, from, to);
    for (const at of [20, bytes.length - 100, bytes.length - 1]) {
      const altered = Uint8Array.from(bytes);
      altered[at]! ^= 1;
      expect(openAt(altered, to, directory)).toMatchObject({ ok: false });
    }
    const altered = Uint8Array.from(bytes);
    altered[bytes.length - 100]! ^= 1;
    expect(openAt(altered, to, directory)).toMatchObject({ ok: false, reason: expect.stringContaining('Signature invalide') });
  });

  it('refuses a file encrypted to a former key of the receiving site', async () => {
    const { from, to, directory, content } = await pair();
    const { bytes } = sealFor(content, from, to);
    const renewed = { ...to, encryptionKey: await ensureSiteEncryptionKey(memoryKeyStore()) };
    expect(openAt(bytes, renewed, directory)).toMatchObject({
      ok: false,
      reason: expect.stringContaining(`Ce dossier est chiffré pour une autre clé de ce site (${to.encryptionKey.keyId})`),
    });
  });

  it('refuses a file whose key id is right but whose content does not open with the key', async () => {
    const { from, to, directory, content } = await pair();
    const stranger = await ensureSiteEncryptionKey(memoryKeyStore());
    const sealed = sealTransfer(content, { signingSecret: from.signingSecret, recipientKey: stranger.publicKey, createdAt: 0 });
    const header = { ...sealed.header, recipientKeyId: to.encryptionKey.keyId };
    const bytes = seal(
      { magic: utf8('PSRLTRNS'), version: 1, label: utf8('passerelle transfer v1') },
      utf8(JSON.stringify(header)),
      deflateSync(utf8(JSON.stringify(content))),
      stranger.publicKey,
      from.signingSecret,
    );
    expect(openAt(bytes, to, directory)).toMatchObject({ ok: false, reason: expect.stringContaining('ne peut pas être déchiffré avec la clé de ce site') });
  });

  it('refuses a file whose clear handover is not what it holds (headquarters would move other records)', async () => {
    const { from, to, directory, content } = await pair();
    const { header } = sealFor(content, from, to);
    const handover = handoverOf(content);
    const widened = { ...header, handover: { ...handover, records: { ...handover.records, measure: [...handover.records.measure, uuidv7()] } } };
    expect(openAt(sealCrafted(widened, content, from, to), to, directory)).toMatchObject({
      ok: false,
      reason: 'Ce dossier ne correspond pas à son en-tête : il est refusé.',
    });
    const otherPerson = { ...header, handover: { ...handover, personKey: 'ab'.repeat(32) } };
    expect(openAt(sealCrafted(otherPerson, content, from, to), to, directory)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ne correspond pas'),
    });
    expect(openAt(sealCrafted({ ...header, transferId: uuidv7() }, content, from, to), to, directory)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ne correspond pas'),
    });
  });

  it('refuses incoherent contents: another person’s records, a missing measure or placement, a later write, a deleted record', async () => {
    const { from, to, directory, content } = await pair();
    const hourLog = content.hourLogs[0]!;
    const cases: [DossierContent, string][] = [
      [{ ...content, hourLogs: [{ ...hourLog, personId: uuidv7() }] }, 'un enregistrement concerne une autre personne ou une mesure absente du dossier'],
      [{ ...content, measures: [{ ...content.measures[0]!, personId: uuidv7() }] }, 'une mesure concerne une autre personne'],
      [{ ...content, placements: [] }, 'des heures ou un incident renvoient à une mise en situation absente du dossier'],
      [{ ...content, hourLogs: [...content.hourLogs, hourLog] }, 'un enregistrement y figure deux fois'],
      [{ ...content, hourLogs: [{ ...hourLog, updatedAt: clock(30) }] }, 'il contient une modification postérieure à son envoi'],
      [{ ...content, incidents: [], person: { ...content.person, deleted: true } }, 'il contient un enregistrement supprimé'],
      [{ ...content, history: [{ ...content.history[0]!, recordId: uuidv7() }] }, 'son historique concerne des enregistrements absents du dossier'],
    ];
    for (const [bad, problem] of cases) {
      expect(openAt(sealFor(bad, from, to).bytes, to, directory)).toMatchObject({ ok: false, reason: `Dossier incohérent : ${problem}. Il est refusé.` });
    }
  });

  it('refuses contents that do not fit the schemas (an invalid measure)', async () => {
    const { from, to, directory, content } = await pair();
    const bad = { ...content, measures: [{ ...content.measures[0]!, hoursOrdered: -3 }] };
    expect(openAt(sealFor(bad, from, to).bytes, to, directory)).toMatchObject({ ok: false, reason: expect.stringContaining('Contenu illisible') });
  });
});

describe('an answer to a transferred file', () => {
  it('goes back to the sender, encrypted to it, with the decision in clear for headquarters and the reason inside', async () => {
    const { from, to, directory, content } = await pair();
    const answer: AnswerContent = {
      kind: 'reponse',
      transferId: content.transferId,
      from: { siteId: to.site.siteId, code: to.site.code, name: to.site.name },
      to: { siteId: from.site.siteId, code: from.site.code, name: from.site.name },
      decision: 'refuse',
      answeredOn: '2026-11-26',
      reason: 'Mme Durand ne réside pas dans notre ressort.',
      by: 'Alex Petit',
    };
    const sealed = sealFor(answer, to, from);
    expect(sealed.header).toMatchObject({ kind: 'reponse', decision: 'refuse', recipientKeyId: keyIdOf(from.encryptionKey.publicKey) });
    expect(fromUtf8(sealed.bytes)).not.toContain('Durand');
    expect(openAt(sealed.bytes, from, directory)).toEqual({ ok: true, header: sealed.header, content: answer });
    expect(openAt(sealed.bytes, to, directory)).toMatchObject({ ok: false, reason: expect.stringContaining('Cette réponse est destinée au site SPIP-54') });
    const { reason: _, ...unexplained } = answer;
    expect(() => sealFor(unexplained, to, from)).not.toThrow();
    expect(openAt(sealFor(unexplained, to, from).bytes, from, directory)).toMatchObject({ ok: false, reason: expect.stringContaining('Contenu illisible') });
    const flipped = sealCrafted({ ...sealed.header, decision: 'accepte' }, answer, to, from);
    expect(openAt(flipped, from, directory)).toMatchObject({ ok: false, reason: 'Cette réponse ne correspond pas à son en-tête : elle est refusée.' });
  });
});
