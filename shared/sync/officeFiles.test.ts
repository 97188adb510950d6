import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bytes.ts';
import { createJoinFile, newJoinPassphrase, normalizeJoinPassphrase, openJoinFile, readJoinFileHeader } from './joinFile.ts';
import { decryptOfficeFile, openOfficeFile, parseOfficeFileName, sealOfficeFile, officeFileNames } from './officeFile.ts';
import { certify, chainOf, chainTrusts, checkedRoster, foundRoster, liveKey, mergeRoster, revoke, rosterDevices } from './officeTrust.ts';

const siteId = uuidv7();
const now = Date.parse('2026-11-25T10:00:00.000Z');

function device(name: string) {
  const secret = ed25519.utils.randomSecretKey();
  return { deviceId: uuidv7(), name, secret, publicKey: ed25519.getPublicKey(secret) };
}

describe('office files', () => {
  const author = device('Poste 1');
  const officeKey = randomBytes(32);
  const keyOf = (id: string) => (id === author.deviceId ? bytesToHex(author.publicKey) : undefined);
  const sealed = sealOfficeFile(
    { kind: 'batch', siteId, deviceId: author.deviceId, sequence: 3, createdAt: '2026-11-25T10:00:00.000Z' },
    { after: {}, rows: [{ note: 'Mairie de Nancy' }] },
    { officeKey, signingSecret: author.secret },
  );

  it('opens what the workstation sealed, with the office key and its author’s key, and hides its content', () => {
    expect(openOfficeFile(sealed, { officeKey, keyOf })).toEqual({
      ok: true,
      header: expect.objectContaining({ kind: 'batch', sequence: 3, deviceId: author.deviceId }) as unknown,
      body: { after: {}, rows: [{ note: 'Mairie de Nancy' }] },
    });
    expect(new TextDecoder().decode(sealed)).not.toContain('Nancy');
  });

  it('refuses a file altered at any byte, truncated, of an unknown workstation, or sealed with another office key', () => {
    for (let at = 0; at < sealed.length; at += 7) {
      const bad = Uint8Array.from(sealed);
      bad[at]! ^= 0x10;
      expect(openOfficeFile(bad, { officeKey, keyOf }).ok, `byte ${at}`).toBe(false);
    }
    for (const length of [0, 10, 60, sealed.length - 1]) expect(openOfficeFile(sealed.subarray(0, length), { officeKey, keyOf }).ok).toBe(false);
    expect(openOfficeFile(sealed, { officeKey, keyOf: () => undefined })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ne connaît pas/) as string,
    });
    expect(openOfficeFile(sealed, { officeKey: randomBytes(32), keyOf })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/indéchiffrable/) as string,
    });
  });

  it('stops decompressing a body past its limit (a bomb), and says so', () => {
    // 2 MiB of one repeated character, sealed by a workstation of the office: some 2 KB on the share.
    const bomb = sealOfficeFile(
      { kind: 'state', siteId, deviceId: author.deviceId, sequence: 0, createdAt: '2026-11-25T10:00:00.000Z' },
      { pad: 'x'.repeat(2 * 1024 * 1024) },
      { officeKey, signingSecret: author.secret },
    );
    expect(bomb.length).toBeLessThan(16 * 1024);
    const refusal = { ok: false, reason: 'contenu illisible ou trop volumineux une fois décompressé : fichier forgé ou abîmé.' };
    expect(openOfficeFile(bomb, { officeKey, keyOf }, 1024 * 1024)).toMatchObject(refusal);
    expect(decryptOfficeFile(bomb, officeKey, 1024 * 1024)).toMatchObject(refusal);
    expect(openOfficeFile(bomb, { officeKey, keyOf }, 3 * 1024 * 1024)).toMatchObject({ ok: true });
  });

  it('names files so that a listing sorts them, and recognises only its own names', () => {
    expect(officeFileNames.batch(12)).toBe('lot-00000012.passerelle-bureau');
    expect(parseOfficeFileName(officeFileNames.batch(12))).toEqual({ kind: 'batch', sequence: 12 });
    expect(parseOfficeFileName(officeFileNames.snapshotPart(2, 7))).toEqual({ kind: 'snapshotPart', sequence: 2, part: 7 });
    expect(parseOfficeFileName('.lot-00000012.passerelle-bureau.a1b2.tmp')).toBeUndefined();
  });
});

describe('workstations the office trusts', () => {
  it('accepts a chain of certificates from the founding workstation, in any order', () => {
    const [a, b, c] = [device('Accueil'), device('Bureau 2'), device('Portable')];
    const founded = foundRoster(siteId, a, now);
    const certB = certify({ siteId, deviceId: b.deviceId, name: b.name, publicKey: b.publicKey }, a, now);
    const certC = certify({ siteId, deviceId: c.deviceId, name: c.name, publicKey: c.publicKey }, b, now);
    const { roster, refused } = mergeRoster(founded, { certificates: [certC, certB], revocations: [] });
    expect(refused).toEqual([]);
    expect([...rosterDevices(roster).values()].map((d) => d.name)).toEqual(['Accueil', 'Bureau 2', 'Portable']);
    expect(liveKey(roster, c.deviceId)).toBe(bytesToHex(c.publicKey));
    expect(chainOf(roster, c.deviceId).map((x) => x.name)).toEqual(['Portable', 'Bureau 2', 'Accueil']);
    expect(chainTrusts(siteId, bytesToHex(c.publicKey), chainOf(roster, c.deviceId), new Set([bytesToHex(a.publicKey)]))).toBe(true);
    expect(chainTrusts(siteId, bytesToHex(c.publicKey), chainOf(roster, c.deviceId), new Set([bytesToHex(device('x').publicKey)]))).toBe(false);
    expect(checkedRoster(siteId, roster.certificates, [])).toEqual(roster);
  });

  it('refuses a forged certificate, one signed by an outsider, and one issued by a workstation already removed', () => {
    const [a, b, outsider, late] = [device('Accueil'), device('Bureau 2'), device('Intrus'), device('Tardif')];
    let roster = foundRoster(siteId, a, now);
    const certB = certify({ siteId, deviceId: b.deviceId, name: b.name, publicKey: b.publicKey }, a, now);
    roster = mergeRoster(roster, { certificates: [certB], revocations: [] }).roster;
    const forged = { ...certify({ siteId, deviceId: outsider.deviceId, name: 'Intrus', publicKey: outsider.publicKey }, a, now), name: 'Autre nom' };
    const byOutsider = certify({ siteId, deviceId: late.deviceId, name: late.name, publicKey: late.publicKey }, outsider, now);
    expect(mergeRoster(roster, { certificates: [forged, byOutsider], revocations: [] }).refused).toHaveLength(2);

    const removal = revoke({ siteId, deviceId: b.deviceId, lastSequence: 4 }, a, now);
    roster = mergeRoster(roster, { certificates: [], revocations: [removal] }).roster;
    expect(liveKey(roster, b.deviceId)).toBeUndefined();
    expect(rosterDevices(roster).get(b.deviceId)?.revoked).toMatchObject({ lastSequence: 4 });
    const afterRemoval = certify({ siteId, deviceId: late.deviceId, name: late.name, publicKey: late.publicKey }, b, now);
    expect(mergeRoster(roster, { certificates: [afterRemoval], revocations: [] }).refused).toHaveLength(1);
    const removesFounder = revoke({ siteId, deviceId: a.deviceId, lastSequence: 0 }, b, now);
    expect(mergeRoster(roster, { certificates: [], revocations: [removesFounder] }).refused).toHaveLength(1);
  });
});

describe('join file', () => {
  const cost = { N: 2 ** 10, r: 8, p: 1 };
  const founder = device('Accueil');
  const joiner = device('Bureau 2');
  const roster = foundRoster(siteId, founder, now);
  const content = {
    site: { siteId, code: 'SPIP-54', name: 'SPIP de Meurthe-et-Moselle', kind: 'spip' as const, departement: '54' },
    device: { deviceId: joiner.deviceId, name: joiner.name },
    keys: { signing: joiner.secret, pseudonym: randomBytes(32), office: randomBytes(32) },
    hqPublic: null,
    syncFolder: '/mnt/partage/passerelle',
    certificates: [...roster.certificates, certify({ siteId, deviceId: joiner.deviceId, name: joiner.name, publicKey: joiner.publicKey }, founder, now)],
    revocations: [],
  };

  it('gives the new workstation what the inviting one sealed, with the passphrase typed loosely', () => {
    const passphrase = newJoinPassphrase();
    expect(passphrase).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    const file = createJoinFile(content, passphrase, { now, cost });
    expect(readJoinFileHeader(file)).toMatchObject({ siteCode: 'SPIP-54', deviceName: 'Bureau 2' });
    const opened = openJoinFile(file, ` ${passphrase.toLowerCase().replace(/-/g, ' ')} `);
    expect(opened).toEqual(content);
    expect(bytesToHex(file)).not.toContain(bytesToHex(content.keys.office));
  });

  it('refuses a wrong passphrase and a changed byte', () => {
    const file = createJoinFile(content, 'AAAA-BBBB-CCCC-DDDD', { now, cost });
    expect(() => openJoinFile(file, 'AAAA-BBBB-CCCC-DDDE')).toThrow(/Phrase secrète incorrecte/);
    const bad = Uint8Array.from(file);
    bad[bad.length - 5]! ^= 1;
    expect(() => openJoinFile(bad, 'AAAA-BBBB-CCCC-DDDD')).toThrow(/Phrase secrète incorrecte/);
    expect(normalizeJoinPassphrase('aooi-llxx')).toBe('A00111XX');
  });
});
