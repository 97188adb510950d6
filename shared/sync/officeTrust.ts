import { ed25519 } from '@noble/curves/ed25519.js';
import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { bytesToHex, canonicalJson, hexToBytes, utf8 } from './bytes.ts';
import { keyIdOf } from './keys.ts';

/*
 * Which workstations belong to a site's office. Each has its own Ed25519 signing key; a workstation already
 * trusted certifies a new one when it writes its join file (site, device, name, public key, date, signed with
 * the issuer's key). A key is trusted when a chain of such certificates leads to a key already trusted for the
 * site: the founding workstation's (self-certified) for the office, any key headquarters pinned for the site
 * for headquarters. "Retirer ce poste" is a revocation signed the same way, which every workstation applies.
 */

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const hex64 = z.string().regex(/^[0-9a-f]{128}$/);

export const deviceCertificateSchema = z
  .object({
    siteId: uuid,
    deviceId: uuid,
    /** What the office calls the workstation ("Poste d’accueil"), chosen when it was added. */
    name: z.string().trim().min(1).max(100),
    publicKey: hex32,
    issuedAt: z.iso.datetime(),
    /** The workstation that certified it (itself for the founding workstation). */
    issuer: uuid,
    issuerKey: hex32,
    signature: hex64,
  })
  .strict();
export type DeviceCertificate = z.infer<typeof deviceCertificateSchema>;

export const revocationSchema = z
  .object({
    siteId: uuid,
    deviceId: uuid,
    /** The revoked workstation's batches up to this one were in the share when it was revoked: they stay valid. */
    lastSequence: z.number().int().min(0),
    revokedAt: z.iso.datetime(),
    by: uuid,
    byKey: hex32,
    signature: hex64,
  })
  .strict();
export type Revocation = z.infer<typeof revocationSchema>;

function certificateText(c: Omit<DeviceCertificate, 'signature'>): Uint8Array {
  return utf8(`passerelle-poste-v1\n${canonicalJson(c)}`);
}

function revocationText(r: Omit<Revocation, 'signature'>): Uint8Array {
  return utf8(`passerelle-retrait-v1\n${canonicalJson(r)}`);
}

export interface Signer {
  deviceId: string;
  secret: Uint8Array;
}

export function certify(subject: { siteId: string; deviceId: string; name: string; publicKey: Uint8Array }, issuer: Signer, at: number): DeviceCertificate {
  const body = {
    siteId: subject.siteId,
    deviceId: subject.deviceId,
    name: subject.name.trim(),
    publicKey: bytesToHex(subject.publicKey),
    issuedAt: new Date(at).toISOString(),
    issuer: issuer.deviceId,
    issuerKey: bytesToHex(ed25519.getPublicKey(issuer.secret)),
  };
  return { ...body, signature: bytesToHex(ed25519.sign(certificateText(body), issuer.secret)) };
}

export function revoke(target: { siteId: string; deviceId: string; lastSequence: number }, by: Signer, at: number): Revocation {
  const body = {
    siteId: target.siteId,
    deviceId: target.deviceId,
    lastSequence: target.lastSequence,
    revokedAt: new Date(at).toISOString(),
    by: by.deviceId,
    byKey: bytesToHex(ed25519.getPublicKey(by.secret)),
  };
  return { ...body, signature: bytesToHex(ed25519.sign(revocationText(body), by.secret)) };
}

function verify(signature: string, message: Uint8Array, key: string): boolean {
  try {
    return ed25519.verify(hexToBytes(signature), message, hexToBytes(key));
  } catch {
    return false;
  }
}

/** The signature is the issuer's (whether the issuer is trusted is the roster's question). */
export function certificateSigned(c: DeviceCertificate): boolean {
  const { signature, ...body } = c;
  return verify(signature, certificateText(body), c.issuerKey);
}

export function revocationSigned(r: Revocation): boolean {
  const { signature, ...body } = r;
  return verify(signature, revocationText(body), r.byKey);
}

export interface RosterDevice {
  deviceId: string;
  name: string;
  publicKey: string;
  keyId: string;
  issuedAt: string;
  issuer: string;
  revoked?: { at: string; by: string; lastSequence: number };
}

/**
 * The workstations of an office as this one knows them: certificates accepted, and revocations. A certificate
 * is accepted when its signature is good and its issuer is a workstation already accepted and not revoked
 * (the founding one certifies itself); once accepted it stays, so a key revoked later cannot have certified
 * anyone after the fact. A revocation counts when signed by an accepted workstation that is not revoked.
 */
export interface Roster {
  siteId: string;
  certificates: DeviceCertificate[];
  revocations: Revocation[];
}

export function rosterDevices(roster: Roster): Map<string, RosterDevice> {
  const devices = new Map<string, RosterDevice>();
  for (const c of roster.certificates) {
    devices.set(c.deviceId, {
      deviceId: c.deviceId,
      name: c.name,
      publicKey: c.publicKey,
      keyId: keyIdOf(hexToBytes(c.publicKey)),
      issuedAt: c.issuedAt,
      issuer: c.issuer,
    });
  }
  for (const r of roster.revocations) {
    const device = devices.get(r.deviceId);
    if (device && !device.revoked) device.revoked = { at: r.revokedAt, by: r.by, lastSequence: r.lastSequence };
  }
  return devices;
}

/** The key of a workstation that may still write to the office, or undefined. */
export function liveKey(roster: Roster, deviceId: string): string | undefined {
  const device = rosterDevices(roster).get(deviceId);
  return device && !device.revoked ? device.publicKey : undefined;
}

function issuerTrusted(devices: Map<string, RosterDevice>, c: DeviceCertificate): boolean {
  if (c.issuer === c.deviceId) return false;
  const issuer = devices.get(c.issuer);
  return issuer !== undefined && !issuer.revoked && issuer.publicKey === c.issuerKey;
}

/**
 * Take in what another workstation publishes (its certificates and revocations): returns the roster with
 * what this one accepts added, and what it refused, in French. Idempotent.
 */
export function mergeRoster(
  roster: Roster,
  offered: { certificates: readonly DeviceCertificate[]; revocations: readonly Revocation[] },
): { roster: Roster; refused: string[] } {
  const refused: string[] = [];
  const certificates = [...roster.certificates];
  const revocations = [...roster.revocations];
  let pending = offered.certificates.filter((c) => !certificates.some((known) => known.deviceId === c.deviceId));
  // A chain may arrive in any order: accept what can be, until nothing more can.
  for (;;) {
    const devices = rosterDevices({ siteId: roster.siteId, certificates, revocations });
    const next = pending.filter((c) => c.siteId === roster.siteId && certificateSigned(c) && issuerTrusted(devices, c));
    if (next.length === 0) break;
    for (const c of next) if (!certificates.some((known) => known.deviceId === c.deviceId)) certificates.push(c);
    pending = pending.filter((c) => !next.includes(c));
  }
  for (const c of pending) refused.push(`Poste « ${c.name} » : certificat refusé (signé par un poste inconnu ou retiré, ou altéré).`);
  for (const r of offered.revocations) {
    if (revocations.some((known) => known.deviceId === r.deviceId)) continue;
    const devices = rosterDevices({ siteId: roster.siteId, certificates, revocations });
    const signer = devices.get(r.by);
    if (r.siteId === roster.siteId && revocationSigned(r) && signer && !signer.revoked && signer.publicKey === r.byKey) revocations.push(r);
    else refused.push('Retrait de poste refusé : il n’est pas signé par un poste du bureau.');
  }
  return { roster: { siteId: roster.siteId, certificates, revocations }, refused };
}

/** The founding workstation's roster: itself, self-certified. */
export function foundRoster(siteId: string, device: { deviceId: string; name: string; secret: Uint8Array }, at: number): Roster {
  const cert = certify({ siteId, deviceId: device.deviceId, name: device.name, publicKey: ed25519.getPublicKey(device.secret) }, device, at);
  return { siteId, certificates: [cert], revocations: [] };
}

/** A roster received in a join file: every certificate must chain to the founding one, every signature be good. */
export function checkedRoster(siteId: string, certificates: readonly DeviceCertificate[], revocations: readonly Revocation[]): Roster | undefined {
  const roots = certificates.filter((c) => c.issuer === c.deviceId && c.siteId === siteId && certificateSigned(c) && c.issuerKey === c.publicKey);
  if (roots.length !== 1) return undefined;
  const { roster, refused } = mergeRoster({ siteId, certificates: roots, revocations: [] }, { certificates, revocations });
  return refused.length === 0 ? roster : undefined;
}

/**
 * The chain of certificates from a workstation up to the founding one, as a bundle carries it so that
 * headquarters can trust a key it has not pinned yet.
 */
export function chainOf(roster: Roster, deviceId: string): DeviceCertificate[] {
  const chain: DeviceCertificate[] = [];
  let current = roster.certificates.find((c) => c.deviceId === deviceId);
  while (current && !chain.includes(current)) {
    chain.push(current);
    if (current.issuer === current.deviceId) break;
    const issuer = current.issuer;
    current = roster.certificates.find((c) => c.deviceId === issuer);
  }
  return chain;
}

/**
 * Whether a chain (as `chainOf` gives it) proves `publicKey` belongs to the site, given keys already trusted
 * for the site: each certificate signed by the next one's key, up to a trusted key.
 */
export function chainTrusts(siteId: string, publicKey: string, chain: readonly DeviceCertificate[], trusted: ReadonlySet<string>): boolean {
  if (trusted.has(publicKey)) return true;
  let key = publicKey;
  for (const c of chain) {
    if (c.siteId !== siteId || c.publicKey !== key || !certificateSigned(c)) return false;
    if (trusted.has(c.issuerKey)) return true;
    if (c.issuer === c.deviceId) return false;
    key = c.issuerKey;
  }
  return false;
}
