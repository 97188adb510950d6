import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/hashes/utils.js';
import * as z from 'zod';
import type { KeyStore } from '../ports/keyStore.ts';
import { bytesToHex, concatBytes, fromUtf8, hexToBytes, readU16, readU32, u16, u32, utf8 } from './bytes.ts';
import { SyncError } from '../errors.ts';
import { affordable, DEFAULT_SCRYPT, deriveKey, kdfParamsShape, newDerivedKey, passphraseSchema, type KdfParams, type ScryptCost } from './passphrase.ts';

/*
 * A key backup file: every key of a KeyStore (the site's signing key and pseudonymisation secret, and in
 * headquarters mode headquarters' keys), encrypted with a passphrase, so a reinstalled or replaced PC keeps
 * its identity and its persons keep the same pseudonymous keys.
 *
 *   0      8   magic "PSRLKEYS"
 *   8      2   format version, unsigned big-endian (1)
 *   10     4   H, length of the header, unsigned big-endian
 *   14     H   header: UTF-8 JSON, in clear (key derivation parameters, salt, nonce, who and when)
 *   14+H   ..  XChaCha20-Poly1305 ciphertext of `{ "keys": { name: hex } }`, its 16-byte tag at the end
 *
 * The key is scrypt(passphrase NFKC, salt) (shared/sync/passphrase.ts); the associated data is bytes 0 to
 * 14+H, so the clear header cannot be altered without the tag failing.
 */

export const KEY_BACKUP_VERSION = 1;
export const KEY_BACKUP_EXTENSION = '.passerelle-cles';
const MAGIC = utf8('PSRLKEYS');
const NONCE = 24;

const keyName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

/** What every passphrase-sealed file's clear header holds besides what the file says of itself. */
export const passphraseHeaderShape = {
  ...kdfParamsShape,
  nonce: z.string().regex(/^[0-9a-f]{48}$/),
  createdAt: z.iso.datetime(),
};
type SealHeader = KdfParams & { nonce: string; createdAt: string };

const headerSchema = z
  .object({
    ...passphraseHeaderShape,
    siteCode: z.string().max(20).optional(),
    siteId: z.string().max(64).optional(),
    keyCount: z.number().int().min(0),
  })
  .strict()
  .refine(affordable);
export type KeyBackupHeader = z.infer<typeof headerSchema>;

const bodySchema = z.object({ keys: z.record(keyName, z.string().regex(/^(?:[0-9a-f]{2})+$/)) }).strict();

/**
 * A file sealed with a passphrase (a key backup, a workstation's join file), byte by byte: magic (8 bytes),
 * format version (2), H (4), a clear JSON header of H bytes with the key derivation's parameters, the nonce and
 * what the file is, then the XChaCha20-Poly1305 ciphertext of the body with bytes 0 to 14+H as associated data.
 */
export interface PassphraseFormat<H extends SealHeader> {
  magic: Uint8Array;
  version: number;
  /** The clear header, strict, with `passphraseHeaderShape` and what the file says of itself. */
  header: z.ZodType<H>;
  /** French messages: not this kind of file, unknown version, damaged, unreadable header, wrong passphrase. */
  messages: { notThis: string; version: (v: number) => string; damaged: string; unreadable: string; wrongPassphrase: string };
}

export function sealWithPassphrase<H extends SealHeader>(
  format: PassphraseFormat<H>,
  about: Omit<H, keyof SealHeader>,
  body: Uint8Array,
  passphrase: string,
  options: { now: number; cost?: ScryptCost },
): Uint8Array {
  passphraseSchema.parse(passphrase);
  const { params, key } = newDerivedKey(passphrase, options.cost ?? DEFAULT_SCRYPT);
  const nonce = randomBytes(NONCE);
  const header = { ...params, nonce: bytesToHex(nonce), createdAt: new Date(options.now).toISOString(), ...about };
  const headerBytes = utf8(JSON.stringify(format.header.parse(header)));
  const clear = concatBytes([format.magic, u16(format.version), u32(headerBytes.length), headerBytes]);
  return concatBytes([clear, xchacha20poly1305(key, nonce, clear).encrypt(body)]);
}

function parseEnvelope<H extends SealHeader>(format: PassphraseFormat<H>, bytes: Uint8Array): { header: H; clear: Uint8Array; sealed: Uint8Array } {
  if (bytes.length < 14 || !format.magic.every((b, i) => bytes[i] === b)) throw new SyncError(format.messages.notThis);
  const version = readU16(bytes, 8);
  if (version !== format.version) throw new SyncError(format.messages.version(version));
  const length = readU32(bytes, 10);
  if (bytes.length < 14 + length + 16) throw new SyncError(format.messages.damaged);
  let header: H;
  try {
    header = format.header.parse(JSON.parse(fromUtf8(bytes.subarray(14, 14 + length))));
  } catch {
    throw new SyncError(format.messages.unreadable);
  }
  if (!affordable(header)) throw new SyncError(format.messages.unreadable);
  return { header, clear: bytes.subarray(0, 14 + length), sealed: bytes.subarray(14 + length) };
}

/** The clear header, without the passphrase: what a person is shown before opening. */
export function readPassphraseHeader<H extends SealHeader>(format: PassphraseFormat<H>, bytes: Uint8Array): H {
  return parseEnvelope(format, bytes).header;
}

export function openWithPassphrase<H extends SealHeader>(format: PassphraseFormat<H>, bytes: Uint8Array, passphrase: string): { header: H; body: Uint8Array } {
  const { header, clear, sealed } = parseEnvelope(format, bytes);
  try {
    return { header, body: xchacha20poly1305(deriveKey(passphrase, header), hexToBytes(header.nonce), clear).decrypt(sealed) };
  } catch {
    throw new SyncError(format.messages.wrongPassphrase);
  }
}

const keyBackupFormat: PassphraseFormat<KeyBackupHeader> = {
  magic: MAGIC,
  version: KEY_BACKUP_VERSION,
  header: headerSchema,
  messages: {
    notThis: 'Ce fichier n’est pas une sauvegarde de clés Passerelle.',
    version: (v) => `Sauvegarde de clés d’une version inconnue (${v}) : mettez Passerelle à jour.`,
    damaged: 'Sauvegarde de clés tronquée ou abîmée.',
    unreadable: 'Sauvegarde de clés illisible : en-tête invalide.',
    wrongPassphrase: 'Phrase secrète incorrecte, ou fichier de sauvegarde modifié : aucune clé n’a été restaurée.',
  },
};

export interface BackupOptions {
  now: number;
  site?: { siteId: string; code: string };
  /** Tests lower the cost; files record theirs, so a reader follows whatever the writer chose. */
  cost?: ScryptCost;
}

export function createKeyBackup(keys: Readonly<Record<string, Uint8Array>>, passphrase: string, options: BackupOptions): Uint8Array {
  const body = utf8(JSON.stringify({ keys: Object.fromEntries(Object.entries(keys).map(([name, value]) => [keyName.parse(name), bytesToHex(value)])) }));
  const about = { ...(options.site ? { siteCode: options.site.code, siteId: options.site.siteId } : {}), keyCount: Object.keys(keys).length };
  return sealWithPassphrase(keyBackupFormat, about, body, passphrase, options);
}

/** The clear header, without the passphrase: what a person is shown before restoring. */
export function readKeyBackupHeader(bytes: Uint8Array): KeyBackupHeader {
  return readPassphraseHeader(keyBackupFormat, bytes);
}

export function openKeyBackup(bytes: Uint8Array, passphrase: string): { header: KeyBackupHeader; keys: Record<string, Uint8Array> } {
  const { header, body } = openWithPassphrase(keyBackupFormat, bytes, passphrase);
  const parsed = bodySchema.safeParse(JSON.parse(fromUtf8(body)));
  if (!parsed.success) throw new SyncError('Sauvegarde de clés illisible : contenu inattendu.');
  return { header, keys: Object.fromEntries(Object.entries(parsed.data.keys).map(([name, hex]) => [name, hexToBytes(hex)])) };
}

export async function backupKeyStore(store: KeyStore, passphrase: string, options: BackupOptions): Promise<Uint8Array> {
  const keys: Record<string, Uint8Array> = {};
  for (const name of (await store.list()).sort()) {
    const value = await store.get(name);
    if (value) keys[name] = value;
  }
  if (Object.keys(keys).length === 0) throw new SyncError('Aucune clé à sauvegarder : générez d’abord les clés du site.');
  return createKeyBackup(keys, passphrase, options);
}

export interface RestoreResult {
  header: KeyBackupHeader;
  /** Names written. */
  restored: string[];
  /** Names whose different value was replaced. */
  replaced: string[];
}

/**
 * Restore every key of a backup into the store. Replacing a key that differs (this PC already made its own)
 * needs `overwrite`: the person confirms, since bundles signed with the replaced key will no longer match.
 * A key the store cannot read any more (the profile was copied from another PC) counts as different.
 */
export async function restoreKeyStore(store: KeyStore, bytes: Uint8Array, passphrase: string, options: { overwrite: boolean }): Promise<RestoreResult> {
  const { header, keys } = openKeyBackup(bytes, passphrase);
  const replaced: string[] = [];
  for (const [name, value] of Object.entries(keys)) {
    let current: Uint8Array | undefined;
    try {
      current = await store.get(name);
    } catch {
      current = new Uint8Array(0);
    }
    if (current && bytesToHex(current) !== bytesToHex(value)) replaced.push(name);
  }
  if (replaced.length > 0 && !options.overwrite) {
    throw new SyncError('Ce poste a déjà d’autres clés : confirmez leur remplacement par celles de la sauvegarde pour les restaurer.');
  }
  for (const [name, value] of Object.entries(keys)) await store.put(name, value);
  return { header, restored: Object.keys(keys).sort(), replaced: replaced.sort() };
}
