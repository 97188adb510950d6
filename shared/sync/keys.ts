import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import * as z from 'zod';
import type { KeyStore } from '../ports/keyStore.ts';
import { bytesToHex, fromUtf8, hexToBytes, utf8 } from './bytes.ts';
import { SyncError } from '../errors.ts';

/** Names of the keys in a KeyStore. */
export const keyNames = {
  siteSigning: 'site.signingKey',
  sitePseudonym: 'site.pseudonymSecret',
  siteEncryption: 'site.encryptionKey',
  hqSigning: 'hq.signingKey',
  hqEncryptionPrefix: 'hq.encryptionKey.',
} as const;

/**
 * A site's secrets: its Ed25519 signing key, the 32-byte secret of its pseudonymous person keys, and the public
 * half of its X25519 encryption key (other sites encrypt transferred files to it; its bundles tell headquarters).
 */
export interface SiteKeys {
  signingSecret: Uint8Array;
  signingPublic: Uint8Array;
  pseudonymSecret: Uint8Array;
  encryptionPublic?: Uint8Array;
}

export function siteKeysFrom(signingSecret: Uint8Array, pseudonymSecret: Uint8Array, encryptionSecret?: Uint8Array): SiteKeys {
  if (signingSecret.length !== 32 || pseudonymSecret.length !== 32 || (encryptionSecret && encryptionSecret.length !== 32))
    throw new SyncError('Clés du site invalides : 32 octets attendus.');
  const keys: SiteKeys = { signingSecret, signingPublic: ed25519.getPublicKey(signingSecret), pseudonymSecret };
  if (encryptionSecret) keys.encryptionPublic = x25519.getPublicKey(encryptionSecret);
  return keys;
}

export async function loadSiteKeys(store: KeyStore): Promise<SiteKeys | undefined> {
  const signing = await store.get(keyNames.siteSigning);
  const pseudonym = await store.get(keyNames.sitePseudonym);
  return signing && pseudonym ? siteKeysFrom(signing, pseudonym, await store.get(keyNames.siteEncryption)) : undefined;
}

/**
 * The site's keys, created on first use. The pseudonymisation secret is created once and must survive a
 * reinstall (key backup), or the same persons get new pseudonymous keys at headquarters.
 */
export async function ensureSiteKeys(store: KeyStore): Promise<SiteKeys> {
  let signing = await store.get(keyNames.siteSigning);
  if (!signing) {
    signing = ed25519.utils.randomSecretKey();
    await store.put(keyNames.siteSigning, signing);
  }
  let pseudonym = await store.get(keyNames.sitePseudonym);
  if (!pseudonym) {
    pseudonym = randomBytes(32);
    await store.put(keyNames.sitePseudonym, pseudonym);
  }
  return siteKeysFrom(signing, pseudonym, (await ensureSiteEncryptionKey(store)).secret);
}

/** The site's X25519 key pair: files transferred from other sites are encrypted to its public half. */
export interface SiteEncryptionKey {
  secret: Uint8Array;
  publicKey: Uint8Array;
  keyId: string;
}

function encryptionKeyFrom(secret: Uint8Array): SiteEncryptionKey {
  const publicKey = x25519.getPublicKey(secret);
  return { secret, publicKey, keyId: keyIdOf(publicKey) };
}

export async function loadSiteEncryptionKey(store: KeyStore): Promise<SiteEncryptionKey | undefined> {
  const secret = await store.get(keyNames.siteEncryption);
  return secret ? encryptionKeyFrom(secret) : undefined;
}

/**
 * The site's encryption key, created when missing: an installation whose keys predate transfers gets it at its
 * next export, which carries its public half to headquarters. Nothing depends on it before, so creating it
 * never changes a pseudonymous key or a signature.
 */
export async function ensureSiteEncryptionKey(store: KeyStore): Promise<SiteEncryptionKey> {
  const existing = await loadSiteEncryptionKey(store);
  if (existing) return existing;
  const secret = x25519.utils.randomSecretKey();
  await store.put(keyNames.siteEncryption, secret);
  return encryptionKeyFrom(secret);
}

/** Short public id of a key (first 8 bytes of its SHA-256, hex), as printed in headers and reports. */
export function keyIdOf(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey).subarray(0, 8));
}

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Clé invalide : 64 caractères hexadécimaux attendus' });

const hqPublicFile = z.object({
  format: z.literal('passerelle-hq-public'),
  version: z.literal(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  encryptionKey: hex32,
  signingKey: hex32,
  createdAt: z.string(),
});

/** What a site needs from headquarters (the shareable `hq.pub` file): where to encrypt, whom to believe. */
export interface HqPublic {
  /** Id of the current encryption key, written in every bundle header. */
  keyId: string;
  encryptionKey: Uint8Array;
  signingKey: Uint8Array;
  createdAt: string;
}

export function serializeHqPublic(hq: HqPublic): Uint8Array {
  const file: z.infer<typeof hqPublicFile> = {
    format: 'passerelle-hq-public',
    version: 1,
    keyId: hq.keyId,
    encryptionKey: bytesToHex(hq.encryptionKey),
    signingKey: bytesToHex(hq.signingKey),
    createdAt: hq.createdAt,
  };
  return utf8(`${JSON.stringify(file, null, 2)}\n`);
}

export function parseHqPublic(bytes: Uint8Array): HqPublic {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new SyncError('Clé publique du siège illisible : ce n’est pas un fichier hq.pub de Passerelle.');
  }
  const parsed = hqPublicFile.safeParse(json);
  if (!parsed.success) throw new SyncError('Clé publique du siège illisible : ce n’est pas un fichier hq.pub de Passerelle.');
  const encryptionKey = hexToBytes(parsed.data.encryptionKey);
  if (keyIdOf(encryptionKey) !== parsed.data.keyId) throw new SyncError('Clé publique du siège incohérente : l’identifiant ne correspond pas à la clé.');
  return { keyId: parsed.data.keyId, encryptionKey, signingKey: hexToBytes(parsed.data.signingKey), createdAt: parsed.data.createdAt };
}

/** Headquarters' secrets: its signing key and every encryption key it ever had, by id (rotation keeps old ones). */
export interface HqKeyring {
  signingSecret: Uint8Array;
  signingPublic: Uint8Array;
  decryptionKeys: Map<string, Uint8Array>;
}

export async function loadHqKeyring(store: KeyStore): Promise<HqKeyring> {
  const signingSecret = await store.get(keyNames.hqSigning);
  if (!signingSecret) throw new SyncError('Clé de signature du siège introuvable : ce dossier n’a pas été initialisé (passerelle hq init).');
  const decryptionKeys = new Map<string, Uint8Array>();
  for (const name of await store.list()) {
    if (!name.startsWith(keyNames.hqEncryptionPrefix)) continue;
    const secret = await store.get(name);
    if (secret) decryptionKeys.set(keyIdOf(x25519.getPublicKey(secret)), secret);
  }
  return { signingSecret, signingPublic: ed25519.getPublicKey(signingSecret), decryptionKeys };
}

async function newEncryptionKey(store: KeyStore): Promise<{ keyId: string; publicKey: Uint8Array }> {
  const secret = x25519.utils.randomSecretKey();
  const publicKey = x25519.getPublicKey(secret);
  const keyId = keyIdOf(publicKey);
  await store.put(`${keyNames.hqEncryptionPrefix}${keyId}`, secret);
  return { keyId, publicKey };
}

/** First keys of a new headquarters. Refuses a store that already holds headquarters keys. */
export async function createHqKeys(store: KeyStore, now: Date): Promise<HqPublic> {
  const held = await store.list();
  if (held.some((n) => n === keyNames.hqSigning || n.startsWith(keyNames.hqEncryptionPrefix))) {
    throw new SyncError('Ce dossier contient déjà des clés du siège : il n’a pas été modifié.');
  }
  const signingSecret = ed25519.utils.randomSecretKey();
  await store.put(keyNames.hqSigning, signingSecret);
  const { keyId, publicKey } = await newEncryptionKey(store);
  return { keyId, encryptionKey: publicKey, signingKey: ed25519.getPublicKey(signingSecret), createdAt: now.toISOString() };
}

/**
 * A new encryption key becomes current; the old ones stay in the store so bundles already encrypted to them
 * still open. The signing key does not change: sites keep verifying acknowledgements with the key they know.
 */
export async function rotateHqEncryptionKey(store: KeyStore, now: Date): Promise<HqPublic> {
  const ring = await loadHqKeyring(store);
  const { keyId, publicKey } = await newEncryptionKey(store);
  return { keyId, encryptionKey: publicKey, signingKey: ring.signingPublic, createdAt: now.toISOString() };
}
