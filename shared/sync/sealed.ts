import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { concatBytes, readU16, readU32, u16, u32 } from './bytes.ts';

/*
 * A sealed file: a clear header, a payload encrypted to one recipient's X25519 key, and the sender's Ed25519
 * signature over everything. Bundles (to headquarters) and transferred files (to another site) are both, each
 * with its own magic, version and key-derivation label:
 *
 *   0        8   magic
 *   8        2   format version, unsigned big-endian
 *   10       4   H, length of the header, unsigned big-endian
 *   14       H   header: JSON, UTF-8, in clear
 *   14+H     32  ephemeral X25519 public key
 *   46+H     24  XChaCha20-Poly1305 nonce
 *   70+H     C   ciphertext of the payload, with its 16-byte Poly1305 tag at the end
 *   end-64   64  Ed25519 signature, by the sender, of every byte before it
 *
 * The AEAD key is HKDF-SHA256(X25519(ephemeral, recipient key), salt = ephemeral public key || recipient
 * public key, info = the format's label); its associated data is bytes 0 to 14+H, so the clear header cannot be
 * changed without the decryption failing, besides the signature.
 */

export interface SealedFormat {
  magic: Uint8Array;
  version: number;
  /** HKDF's `info`: a key derived for one format never opens another. */
  label: Uint8Array;
}

const PREFIX = 14;
const EPHEMERAL = 32;
const NONCE = 24;
const TAG = 16;
const SIGNATURE = 64;

/** The parts of a sealed file, before its signature is checked. */
export interface SealedParts {
  /** Bytes 0 to 14+H: what the AEAD binds to the ciphertext. */
  aad: Uint8Array;
  header: Uint8Array;
  ephemeralPublic: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  /** Every byte before the signature. */
  signed: Uint8Array;
  signature: Uint8Array;
}

/** Why a file could not be split: not this format, another version, or shorter than its header says. */
export type SealedProblem = { problem: 'magic' } | { problem: 'version'; version: number } | { problem: 'truncated' };

function aeadKey(format: SealedFormat, shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concatBytes([ephemeralPublic, recipientPublic]), format.label, 32);
}

/** Encrypt `payload` to `recipientPublic` with a fresh ephemeral key, behind the clear `header`, and sign it all. */
export function seal(format: SealedFormat, header: Uint8Array, payload: Uint8Array, recipientPublic: Uint8Array, signingSecret: Uint8Array): Uint8Array {
  const aad = concatBytes([format.magic, u16(format.version), u32(header.length), header]);
  const ephemeralSecret = x25519.utils.randomSecretKey();
  const ephemeralPublic = x25519.getPublicKey(ephemeralSecret);
  const key = aeadKey(format, x25519.getSharedSecret(ephemeralSecret, recipientPublic), ephemeralPublic, recipientPublic);
  const nonce = randomBytes(NONCE);
  const signed = concatBytes([aad, ephemeralPublic, nonce, xchacha20poly1305(key, nonce, aad).encrypt(payload)]);
  return concatBytes([signed, ed25519.sign(signed, signingSecret)]);
}

/** Split a sealed file into its parts; nothing is verified yet. */
export function splitSealed(format: SealedFormat, bytes: Uint8Array): SealedParts | SealedProblem {
  if (bytes.length < PREFIX || !format.magic.every((b, i) => bytes[i] === b)) return { problem: 'magic' };
  const version = readU16(bytes, 8);
  if (version !== format.version) return { problem: 'version', version };
  const encryptedStart = PREFIX + readU32(bytes, 10);
  if (bytes.length < encryptedStart + EPHEMERAL + NONCE + TAG + SIGNATURE) return { problem: 'truncated' };
  const signatureStart = bytes.length - SIGNATURE;
  return {
    aad: bytes.subarray(0, encryptedStart),
    header: bytes.subarray(PREFIX, encryptedStart),
    ephemeralPublic: bytes.subarray(encryptedStart, encryptedStart + EPHEMERAL),
    nonce: bytes.subarray(encryptedStart + EPHEMERAL, encryptedStart + EPHEMERAL + NONCE),
    ciphertext: bytes.subarray(encryptedStart + EPHEMERAL + NONCE, signatureStart),
    signed: bytes.subarray(0, signatureStart),
    signature: bytes.subarray(signatureStart),
  };
}

/** Whether `signingPublic` signed the file (any flipped bit, truncation or re-signing fails). */
export function verifySealed(parts: SealedParts, signingPublic: Uint8Array): boolean {
  try {
    return ed25519.verify(parts.signature, parts.signed, signingPublic);
  } catch {
    return false;
  }
}

/** The payload, or undefined when this recipient key does not open it (another key, or altered content). */
export function openSealed(format: SealedFormat, parts: SealedParts, recipientSecret: Uint8Array): Uint8Array | undefined {
  try {
    const key = aeadKey(format, x25519.getSharedSecret(recipientSecret, parts.ephemeralPublic), parts.ephemeralPublic, x25519.getPublicKey(recipientSecret));
    return xchacha20poly1305(key, parts.nonce, parts.aad).decrypt(parts.ciphertext);
  } catch {
    return undefined;
  }
}
