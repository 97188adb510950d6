import { randomBytes } from '@noble/hashes/utils.js';
import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { siteKinds } from '../schemas/site.ts';
import { bytesToHex, fromUtf8, hexToBytes, utf8 } from './bytes.ts';
import { SyncError } from '../errors.ts';
import { openWithPassphrase, passphraseHeaderShape, readPassphraseHeader, sealWithPassphrase, type PassphraseFormat } from './keyBackup.ts';
import { keyNames } from './keys.ts';
import { deviceCertificateSchema, revocationSchema, type DeviceCertificate, type Revocation } from './officeTrust.ts';

/*
 * The join file ("Ajouter un poste"): everything a new workstation needs to become one more workstation of the
 * site, sealed with a passphrase shown once, as a key backup is (same envelope, magic "PSRLJOIN"): the site's
 * identity, its pseudonymisation secret (a person keeps one pseudonymous key whichever workstation exports),
 * the office key, the new workstation's own device id and signing key with its certificate, headquarters'
 * public key, the sync folder, and the certificates and revocations of the office's workstations.
 */

export const JOIN_FILE_VERSION = 1;
export const JOIN_FILE_EXTENSION = '.passerelle-poste';
export const OFFICE_KEY_NAME = 'office.key';

const joinHeaderSchema = z.object({ ...passphraseHeaderShape, siteCode: z.string().max(20), siteId: uuid, deviceName: z.string().max(100) }).strict();
export type JoinFileHeader = z.infer<typeof joinHeaderSchema>;

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);

export const joinBodySchema = z
  .object({
    site: z.object({ siteId: uuid, code: z.string().max(20), name: z.string().max(200), kind: z.enum(siteKinds), departement: z.string().max(3) }).strict(),
    device: z.object({ deviceId: uuid, name: z.string().min(1).max(100) }).strict(),
    keys: z.object({ signing: hex32, pseudonym: hex32, office: hex32 }).strict(),
    /** `hq.pub` as the inviting workstation imported it, or null when it has none yet. */
    hqPublic: z.string().max(10_000).nullable(),
    /** The sync folder (the office share) as the inviting workstation names it. */
    syncFolder: z.string().max(4096).nullable(),
    certificates: z.array(deviceCertificateSchema).min(1).max(1000),
    revocations: z.array(revocationSchema).max(1000),
  })
  .strict();
export type JoinBody = z.infer<typeof joinBodySchema>;

const joinFormat: PassphraseFormat<JoinFileHeader> = {
  magic: utf8('PSRLJOIN'),
  version: JOIN_FILE_VERSION,
  header: joinHeaderSchema,
  messages: {
    notThis: 'Ce fichier n’est pas un fichier d’ajout de poste Passerelle.',
    version: (v) => `Fichier d’ajout de poste d’une version inconnue (${v}) : installez la même version de Passerelle que sur les autres postes.`,
    damaged: 'Fichier d’ajout de poste tronqué ou abîmé : refaites-le sur un poste du site.',
    unreadable: 'Fichier d’ajout de poste illisible : refaites-le sur un poste du site.',
    wrongPassphrase: 'Phrase secrète incorrecte, ou fichier modifié : vérifiez la phrase affichée quand le fichier a été créé.',
  },
};

/** Crockford's base 32: no I, L, O or U, so the passphrase reads and types without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 24 characters (120 random bits), shown in groups of four: `K7QW-3M9D-...`. */
export function newJoinPassphrase(): string {
  const bytes = randomBytes(24);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!);
  return Array.from({ length: 6 }, (_, i) => chars.slice(i * 4, i * 4 + 4).join('')).join('-');
}

/** What is typed back: case, spaces and dashes do not matter, nor O for 0 or I and L for 1. */
export function normalizeJoinPassphrase(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export interface JoinContent {
  site: JoinBody['site'];
  device: { deviceId: string; name: string };
  keys: { signing: Uint8Array; pseudonym: Uint8Array; office: Uint8Array };
  hqPublic: string | null;
  syncFolder: string | null;
  certificates: DeviceCertificate[];
  revocations: Revocation[];
}

export function createJoinFile(content: JoinContent, passphrase: string, options: { now: number; cost?: { N: number; r: number; p: number } }): Uint8Array {
  const body: JoinBody = {
    ...content,
    keys: { signing: bytesToHex(content.keys.signing), pseudonym: bytesToHex(content.keys.pseudonym), office: bytesToHex(content.keys.office) },
  };
  const about = { siteCode: content.site.code, siteId: content.site.siteId, deviceName: content.device.name };
  return sealWithPassphrase(joinFormat, about, utf8(JSON.stringify(joinBodySchema.parse(body))), normalizeJoinPassphrase(passphrase), options);
}

export function readJoinFileHeader(bytes: Uint8Array): JoinFileHeader {
  return readPassphraseHeader(joinFormat, bytes);
}

export function openJoinFile(bytes: Uint8Array, passphrase: string): JoinContent {
  const { body } = openWithPassphrase(joinFormat, bytes, normalizeJoinPassphrase(passphrase));
  let parsed: JoinBody;
  try {
    parsed = joinBodySchema.parse(JSON.parse(fromUtf8(body)));
  } catch {
    throw new SyncError('Fichier d’ajout de poste illisible : contenu inattendu.');
  }
  return {
    ...parsed,
    keys: { signing: hexToBytes(parsed.keys.signing), pseudonym: hexToBytes(parsed.keys.pseudonym), office: hexToBytes(parsed.keys.office) },
  };
}

/** The names the keys of a join file take in the new workstation's key store. */
export const joinKeyNames = { signing: keyNames.siteSigning, pseudonym: keyNames.sitePseudonym, office: OFFICE_KEY_NAME } as const;
