import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as z from 'zod';
import { bytesToHex, utf8 } from './bytes.ts';

/**
 * The pseudonymous key of a person: HMAC-SHA256 of the person's local id under the site's 32-byte secret.
 * Headquarters can count and join a person's measures, placements and hours, but cannot go back to the id
 * (nor guess it: without the secret, hashing candidate ids gives nothing).
 */
export function pseudonymKey(secret: Uint8Array, personId: string): string {
  return bytesToHex(hmac(sha256, secret, utf8(`passerelle/person/v1:${personId}`)));
}

/**
 * `pseudonymKey` under one secret, each id hashed once: a bundle names the same person on many records. A person
 * received from another site keeps the key headquarters already knows (`carried`, by person id), so the
 * measures and hours handed over and those logged here are one person's.
 */
export function pseudonymizer(secret: Uint8Array, carried: Readonly<Record<string, string>> = {}): (personId: string) => string {
  const keys = new Map<string, string>(Object.entries(carried));
  return (personId) => {
    let key = keys.get(personId);
    if (key === undefined) {
      key = pseudonymKey(secret, personId);
      keys.set(personId, key);
    }
    return key;
  };
}

export const pseudonymKeySchema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Clé pseudonyme invalide' });

export const ageBands = ['16-17', '18-25', '26-49', '50+'] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBandLabels: Record<AgeBand, string> = { '16-17': '16 à 17 ans', '18-25': '18 à 25 ans', '26-49': '26 à 49 ans', '50+': '50 ans et plus' };

/**
 * Age band of a person born on `birthDate` (yyyy-mm-dd), on day `on`. Undefined under 16: no band fits
 * (the measures the application follows start at 16), and a precise age must not travel instead.
 */
export function ageBand(birthDate: string, on: string): AgeBand | undefined {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (on.slice(5) < birthDate.slice(5) ? 1 : 0);
  if (years < 16) return undefined;
  if (years < 18) return '16-17';
  if (years < 26) return '18-25';
  if (years < 50) return '26-49';
  return '50+';
}
