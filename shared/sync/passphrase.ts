import { scrypt } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import * as z from 'zod';
import { bytesToHex, hexToBytes, utf8 } from './bytes.ts';

/*
 * The one slow key derivation of Passerelle: scrypt over the NFKC form of what a person typed. Key backups,
 * database backups and account passwords all derive their keys here, and every file or record keeps the
 * parameters it was made with, so a reader follows whatever the writer chose.
 */

/** OWASP's scrypt parameters (128 MiB, about half a second here). */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export type ScryptCost = { N: number; r: number; p: number };

/** A crafted file must not make the reader allocate gigabytes: scrypt needs 128·N·r bytes, at most 256 MiB here. */
const MAX_MEMORY = 2 ** 28;

export const MIN_PASSPHRASE = 12;

export const passphraseSchema = z
  .string({ error: 'Phrase secrète : champ obligatoire' })
  .min(MIN_PASSPHRASE, { error: `Phrase secrète : ${MIN_PASSPHRASE} caractères au moins` })
  .max(1024, { error: 'Phrase secrète : 1 024 caractères au plus' });

/** How a key was derived, as files and records keep it (in clear: none of it is secret). */
export const kdfParamsShape = {
  kdf: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .refine((n) => (n & (n - 1)) === 0),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
};

/** Parameters a reader accepts: a power of two for N, and never more memory than it allows. */
export function affordable(params: { N: number; r: number }): boolean {
  return 128 * params.N * params.r <= MAX_MEMORY;
}

export const kdfParamsSchema = z.object(kdfParamsShape).strict().refine(affordable);
export type KdfParams = z.infer<typeof kdfParamsSchema>;

/** The 32-byte key of `secret` under these parameters. */
export function deriveKey(secret: string, params: Pick<KdfParams, 'N' | 'r' | 'p' | 'salt'>): Uint8Array {
  return scrypt(utf8(secret.normalize('NFKC')), hexToBytes(params.salt), { N: params.N, r: params.r, p: params.p, dkLen: 32, maxmem: MAX_MEMORY + 2 ** 16 });
}

/** Fresh parameters (a new random salt) and the key they give for `secret`. */
export function newDerivedKey(secret: string, cost: ScryptCost = DEFAULT_SCRYPT): { params: KdfParams; key: Uint8Array } {
  const params: KdfParams = { kdf: 'scrypt', ...cost, salt: bytesToHex(randomBytes(16)) };
  return { params, key: deriveKey(secret, params) };
}

/** Compare two byte strings in a time that does not depend on where they differ. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
