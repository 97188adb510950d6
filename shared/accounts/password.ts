import * as z from 'zod';
import { bytesToHex, hexToBytes } from '../sync/bytes.ts';
import { DEFAULT_SCRYPT, deriveKey, newDerivedKey, sameBytes, type ScryptCost } from '../sync/passphrase.ts';
import type { PasswordHash } from '../schemas/account.ts';

/** ANSSI's floor for a password that is the only factor and is slowed down after failures: 12 characters. */
export const MIN_PASSWORD = 12;

export const passwordSchema = z
  .string({ error: 'Mot de passe : champ obligatoire' })
  .min(MIN_PASSWORD, { error: `Mot de passe : ${MIN_PASSWORD} caractères au moins` })
  .max(256, { error: 'Mot de passe : 256 caractères au plus' });

/** What an account keeps of a new password: scrypt of it under a fresh random salt, never the password. */
export function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT): PasswordHash {
  const { params, key } = newDerivedKey(password, cost);
  return { kdf: 'scrypt', N: params.N, r: params.r, p: params.p, salt: params.salt, hash: bytesToHex(key) };
}

/** Whether `password` is the one `stored` was derived from (compared in constant time). */
export function verifyPassword(password: string, stored: PasswordHash): boolean {
  return sameBytes(deriveKey(password, stored), hexToBytes(stored.hash));
}
