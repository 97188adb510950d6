import { ed25519 } from '@noble/curves/ed25519.js';
import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { referenceDataSchema, type ReferenceData } from '../schemas/referenceData.ts';
import { concatBytes, fromUtf8, readU16, readU32, u16, u32, utf8 } from './bytes.ts';
import { SyncError } from '../errors.ts';
import { isHlc } from '../db/hlc.ts';
import { deviceIdSchema, deviceTag } from './bundle.ts';

/*
 * A document headquarters signs for the sites (acknowledgements, reference data), byte by byte:
 *
 *   0      8   magic "PSRLSDOC"
 *   8      2   format version, unsigned big-endian (1)
 *   10     4   L, length of the body, unsigned big-endian
 *   14     L   body: JSON, UTF-8, whose `kind` says what it is
 *   14+L   64  Ed25519 signature, by headquarters' signing key, of every byte before it
 *
 * Nothing in it is secret, so it is not encrypted.
 */

export const SIGNED_FORMAT_VERSION = 1;
const MAGIC = utf8('PSRLSDOC');
const SIGNATURE = 64;

export function signDocument(body: { kind: string }, signingSecret: Uint8Array): Uint8Array {
  const json = utf8(JSON.stringify(body));
  const signed = concatBytes([MAGIC, u16(SIGNED_FORMAT_VERSION), u32(json.length), json]);
  return concatBytes([signed, ed25519.sign(signed, signingSecret)]);
}

/** Verify a signed document against headquarters' signing key and return its body. */
export function openDocument(bytes: Uint8Array, signingPublic: Uint8Array, what: string): unknown {
  if (bytes.length < 14 + SIGNATURE || !MAGIC.every((b, i) => bytes[i] === b))
    throw new SyncError(`${what} : ce fichier n’est pas un document signé de Passerelle.`);
  const version = readU16(bytes, 8);
  if (version !== SIGNED_FORMAT_VERSION) throw new SyncError(`${what} : version de format inconnue (${version}). Mettez Passerelle à jour.`);
  const length = readU32(bytes, 10);
  if (bytes.length !== 14 + length + SIGNATURE) throw new SyncError(`${what} : fichier tronqué ou abîmé.`);
  let valid: boolean;
  try {
    valid = ed25519.verify(bytes.subarray(14 + length), bytes.subarray(0, 14 + length), signingPublic);
  } catch {
    valid = false;
  }
  if (!valid) throw new SyncError(`${what} : signature invalide. Le fichier ne vient pas de votre siège, ou il a été modifié.`);
  try {
    return JSON.parse(fromUtf8(bytes.subarray(14, 14 + length)));
  } catch {
    throw new SyncError(`${what} : contenu illisible.`);
  }
}

/**
 * The body of a document without checking its signature, or undefined when it is not one. Only for comparing a
 * file headquarters wrote itself with what it would write now (checking hundreds of signatures at every import
 * costs seconds); never to trust what a file says.
 */
export function unverifiedBody(bytes: Uint8Array): unknown {
  if (bytes.length < 14 + SIGNATURE || !MAGIC.every((b, i) => bytes[i] === b) || readU16(bytes, 8) !== SIGNED_FORMAT_VERSION) return undefined;
  const length = readU32(bytes, 10);
  if (bytes.length !== 14 + length + SIGNATURE) return undefined;
  try {
    return JSON.parse(fromUtf8(bytes.subarray(14, 14 + length)));
  } catch {
    return undefined;
  }
}

const hlc = z.string().refine(isHlc, { error: 'Horloge invalide' });

/**
 * Headquarters holds every change of this site up to `ackedClock` (null: none): the site stops resending them,
 * or, when it is lower than an earlier acknowledgement said, sends again from there.
 */
export const acknowledgementSchema = z
  .object({
    kind: z.literal('passerelle-ack'),
    siteId: uuid,
    siteCode: z.string(),
    /**
     * The workstation whose changes it acknowledges (each has its own); absent from headquarters' older
     * acknowledgements and from those of a bundle that named no workstation.
     */
    deviceId: deviceIdSchema.optional(),
    ackedClock: hlc.nullable(),
    bundleCount: z.number().int().min(0),
    issuedAt: z.iso.datetime(),
  })
  .strict();
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

export const ACK_EXTENSION = '.passerelle-ack';
export const REFERENCE_FILE = 'referentiel.passerelle-ref';

/** `SPIP-54-7c3d9a2b1e4f.passerelle-ack` for a workstation (its tag, as in its bundles' names), `SPIP-54.passerelle-ack` without one. */
export function ackFileName(siteCode: string, deviceId?: string): string {
  return `${siteCode}${deviceId === undefined ? '' : `-${deviceTag(deviceId)}`}${ACK_EXTENSION}`;
}

export function readAcknowledgement(bytes: Uint8Array, signingPublic: Uint8Array): Acknowledgement {
  const body = openDocument(bytes, signingPublic, 'Accusé de réception');
  const parsed = acknowledgementSchema.safeParse(body);
  if (!parsed.success) throw new SyncError('Accusé de réception : contenu inattendu (ce n’est pas un accusé de réception).');
  return parsed.data;
}

export function readReferenceData(bytes: Uint8Array, signingPublic: Uint8Array): ReferenceData {
  const body = openDocument(bytes, signingPublic, 'Données de référence');
  const parsed = referenceDataSchema.safeParse(body);
  if (!parsed.success) throw new SyncError('Données de référence : contenu inattendu (ce ne sont pas des données de référence).');
  return parsed.data;
}
