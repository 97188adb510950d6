import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { deflateSync } from 'fflate';
import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { concatBytes, fromUtf8, hexToBytes, inflateAtMost, readU16, readU32, u16, u32, utf8 } from './bytes.ts';
import { isHlc } from '../db/hlc.ts';
import { appliedVector, officeBatchSchema } from './officeBatch.ts';
import { deviceCertificateSchema, revocationSchema } from './officeTrust.ts';

/*
 * A file of the office share, byte by byte (docs/sync-format.md, "The office"):
 *
 *   0        8   magic "PSRLBURO"
 *   8        2   format version, unsigned big-endian (1)
 *   10       4   H, length of the header, unsigned big-endian
 *   14       H   header: JSON, UTF-8, in clear (what the file is, whose, its number)
 *   14+H     24  XChaCha20-Poly1305 nonce (random)
 *   38+H     C   ciphertext of the deflated JSON body, with the office key, its 16-byte tag at the end
 *   end-64   64  Ed25519 signature, by the writing workstation's key, of every byte before it
 *
 * The associated data of the encryption is bytes 0 to 14+H, so the clear header is bound to the body. Each
 * workstation writes only in its own folder, atomically; a reader checks the signature against the key the
 * office trusts for the workstation the header names, then decrypts: a half-written, truncated or altered
 * file is refused whole.
 */

export const OFFICE_FORMAT_VERSION = 1;
export const OFFICE_EXTENSION = '.passerelle-bureau';
/** The sub-folder of the sync folder holding one folder per workstation. */
export const OFFICE_FOLDER = 'bureau';
const MAGIC = utf8('PSRLBURO');
const PREFIX = 14;
const NONCE = 24;
const TAG = 16;
const SIGNATURE = 64;

export const officeFileKinds = ['batch', 'state', 'snapshot', 'snapshotPart'] as const;
export type OfficeFileKind = (typeof officeFileKinds)[number];

export const officeHeaderSchema = z
  .object({
    formatVersion: z.literal(OFFICE_FORMAT_VERSION),
    kind: z.enum(officeFileKinds),
    siteId: uuid,
    deviceId: uuid,
    /** Batch number, snapshot number; 0 for the state file. */
    sequence: z.number().int().min(0),
    /** Part of a snapshot, from 1. */
    part: z.number().int().min(1).optional(),
    createdAt: z.iso.datetime(),
  })
  .strict();
export type OfficeHeader = z.infer<typeof officeHeaderSchema>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** File names, per workstation folder: numbered so that a listing sorts them in order. */
export const officeFileNames = {
  batch: (sequence: number) => `lot-${pad(sequence, 8)}${OFFICE_EXTENSION}`,
  state: `etat${OFFICE_EXTENSION}`,
  snapshot: (sequence: number) => `instantane-${pad(sequence, 6)}${OFFICE_EXTENSION}`,
  snapshotPart: (sequence: number, part: number) => `instantane-${pad(sequence, 6)}-${pad(part, 5)}${OFFICE_EXTENSION}`,
};

/** What a file name says it is (files of another kind, temporary ones included, are left alone). */
export function parseOfficeFileName(name: string): { kind: OfficeFileKind; sequence: number; part?: number } | undefined {
  let m = /^lot-(\d{8})\.passerelle-bureau$/.exec(name);
  if (m) return { kind: 'batch', sequence: Number(m[1]) };
  if (name === officeFileNames.state) return { kind: 'state', sequence: 0 };
  m = /^instantane-(\d{6})\.passerelle-bureau$/.exec(name);
  if (m) return { kind: 'snapshot', sequence: Number(m[1]) };
  m = /^instantane-(\d{6})-(\d{5})\.passerelle-bureau$/.exec(name);
  if (m) return { kind: 'snapshotPart', sequence: Number(m[1]), part: Number(m[2]) };
  return undefined;
}

export function sealOfficeFile(
  header: Omit<OfficeHeader, 'formatVersion'>,
  body: unknown,
  keys: { officeKey: Uint8Array; signingSecret: Uint8Array },
): Uint8Array {
  const headerBytes = utf8(JSON.stringify(officeHeaderSchema.parse({ formatVersion: OFFICE_FORMAT_VERSION, ...header })));
  const aad = concatBytes([MAGIC, u16(OFFICE_FORMAT_VERSION), u32(headerBytes.length), headerBytes]);
  const nonce = randomBytes(NONCE);
  const ciphertext = xchacha20poly1305(keys.officeKey, nonce, aad).encrypt(deflateSync(utf8(JSON.stringify(body)), { level: 6 }));
  const signed = concatBytes([aad, nonce, ciphertext]);
  return concatBytes([signed, ed25519.sign(signed, keys.signingSecret)]);
}

export type OfficeRead = { ok: true; header: OfficeHeader; body: unknown } | { ok: false; reason: string; header?: OfficeHeader };

/** The clear header alone, unverified: enough to know whose key checks the rest. */
export function readOfficeHeader(bytes: Uint8Array): OfficeHeader | string {
  if (bytes.length < PREFIX || !MAGIC.every((b, i) => bytes[i] === b)) return 'ce n’est pas un fichier du bureau Passerelle.';
  const version = readU16(bytes, 8);
  if (version !== OFFICE_FORMAT_VERSION) return `version de format inconnue (${version}) : mettez Passerelle à jour sur ce poste.`;
  const length = readU32(bytes, 10);
  if (bytes.length < PREFIX + length + NONCE + TAG + SIGNATURE) return 'fichier tronqué (copie interrompue ou en cours d’écriture).';
  try {
    const parsed = officeHeaderSchema.safeParse(JSON.parse(fromUtf8(bytes.subarray(PREFIX, PREFIX + length))));
    return parsed.success ? parsed.data : 'en-tête illisible : fichier abîmé.';
  } catch {
    return 'en-tête illisible : fichier abîmé.';
  }
}

/** The signature of the file is `publicKey`'s, over every byte before it. */
export function officeFileSigned(bytes: Uint8Array, publicKey: string): boolean {
  const signatureStart = bytes.length - SIGNATURE;
  if (signatureStart < 0) return false;
  try {
    return ed25519.verify(bytes.subarray(signatureStart), bytes.subarray(0, signatureStart), hexToBytes(publicKey));
  } catch {
    return false;
  }
}

/**
 * The most a file's body may decompress to: no longer a string than JavaScript can make, so nothing readable is
 * refused, while a few megabytes that would expand to gigabytes (a bomb) stop there instead of taking the memory.
 */
export const MAX_OFFICE_BODY_BYTES = 512 * 1024 * 1024;

/**
 * Decrypt a file with the office key, without looking at who signed it: only for a state file, whose body
 * carries the certificate that says whose key must have signed it (checked right after with `officeFileSigned`).
 */
export function decryptOfficeFile(bytes: Uint8Array, officeKey: Uint8Array, maxBodyBytes = MAX_OFFICE_BODY_BYTES): OfficeRead {
  const header = readOfficeHeader(bytes);
  if (typeof header === 'string') return { ok: false, reason: header };
  const headerEnd = PREFIX + readU32(bytes, 10);
  try {
    const clear = xchacha20poly1305(officeKey, bytes.subarray(headerEnd, headerEnd + NONCE), bytes.subarray(0, headerEnd)).decrypt(
      bytes.subarray(headerEnd + NONCE, bytes.length - SIGNATURE),
    );
    const body = inflateAtMost(clear, maxBodyBytes);
    if (!body) return { ok: false, reason: 'contenu illisible ou trop volumineux une fois décompressé : fichier forgé ou abîmé.', header };
    return { ok: true, header, body: JSON.parse(fromUtf8(body)) };
  } catch {
    return { ok: false, reason: 'contenu indéchiffrable : la clé du bureau ne correspond pas, ou le fichier est abîmé.', header };
  }
}

/**
 * Check and open a file of the office share: the header names a workstation, `keyOf` gives the key the office
 * trusts for it (undefined: unknown or removed), the signature must be that key's over every byte, and the
 * body must decrypt with the office key and decompress. Any damage refuses the whole file.
 */
export function openOfficeFile(
  bytes: Uint8Array,
  keys: { officeKey: Uint8Array; keyOf(deviceId: string): string | undefined },
  maxBodyBytes = MAX_OFFICE_BODY_BYTES,
): OfficeRead {
  const header = readOfficeHeader(bytes);
  if (typeof header === 'string') return { ok: false, reason: header };
  const publicKey = keys.keyOf(header.deviceId);
  if (!publicKey) return { ok: false, reason: 'écrit par un poste que le bureau ne connaît pas, ou qui a été retiré.', header };
  if (!officeFileSigned(bytes, publicKey)) return { ok: false, reason: 'signature invalide : fichier abîmé, incomplet ou modifié.', header };
  return decryptOfficeFile(bytes, keys.officeKey, maxBodyBytes);
}

const hlc = z.string().refine(isHlc, { error: 'Horloge invalide' });

/** The state file: what a workstation has applied, what it calls itself, the office as it knows it. */
export const officeStateSchema = z
  .object({
    name: z.string().max(100),
    applied: appliedVector,
    certificates: z.array(deviceCertificateSchema).max(1000),
    revocations: z.array(revocationSchema).max(1000),
    /** When this workstation last finished an exchange (its colleagues show it). */
    writtenAt: z.iso.datetime(),
  })
  .strict();
export type OfficeState = z.infer<typeof officeStateSchema>;

export const officeBatchBodySchema = officeBatchSchema.pick({ after: true, rows: true });

/** A snapshot's first file, written last: what it covers and how many parts follow. */
export const snapshotManifestSchema = z
  .object({
    applied: appliedVector,
    parts: z.number().int().min(0),
    counts: z.record(z.string(), z.number().int().min(0)),
    latest: hlc.optional(),
  })
  .strict();
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;

export const snapshotChunkShape = z
  .object({ entity: z.string().max(60), records: z.array(z.record(z.string(), z.unknown())), clocks: z.array(z.unknown()) })
  .strict();
export const snapshotPartSchema = z.object({ chunks: z.array(snapshotChunkShape) }).strict();
