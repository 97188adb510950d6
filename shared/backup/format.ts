import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/hashes/utils.js';
import * as z from 'zod';
import { siteKinds } from '../schemas/site.ts';
import { bytesToHex, concatBytes, fromUtf8, hexToBytes, readU16, readU32, u16, u32, utf8 } from '../sync/bytes.ts';
import { SyncError } from '../errors.ts';
import { deriveKey, kdfParamsSchema, newDerivedKey, type ScryptCost } from '../sync/passphrase.ts';
import { keyIdOf } from '../sync/keys.ts';

/*
 * A database backup file: the whole local database in encrypted frames, so it can be written and read a
 * piece at a time (a full site holds millions of rows) and a file cut short is told from a whole one.
 *
 *   0      8   magic "PSRLSAUV"
 *   8      2   format version, unsigned big-endian (1)
 *   10     4   H, length of the header, unsigned big-endian
 *   14     H   header: UTF-8 JSON, in clear (who, when, which schema, how the key is found)
 *   then frames, each: 4 bytes L (unsigned big-endian), then L bytes of XChaCha20-Poly1305 ciphertext with
 *   its 16-byte tag
 *
 * Frame i is sealed with nonce = noncePrefix (16 bytes) ‖ i (8 bytes, big-endian) and associated data =
 * bytes 0 to 14+H ‖ i (4 bytes) ‖ 1 for the last frame, 0 otherwise: the clear header cannot be altered,
 * frames cannot be reordered, dropped or repeated, and a file cut after any frame fails on its last one.
 * The key is scrypt of a passphrase (a backup a person saves) or the installation's backup key, held with
 * its other keys (automatic backups). A frame's clear text is a deflated JSON payload (shared/backup/dump.ts).
 */

export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.passerelle-sauvegarde';
const MAGIC = utf8('PSRLSAUV');
const PREFIX = 14;
/** No frame the writer makes comes near this; a crafted length must not make a reader allocate more. */
export const MAX_FRAME = 64 * 1024 * 1024;
const TAG = 16;

/** Why a backup was made: named so a person choosing one knows which is which. */
export const backupOrigins = ['manuelle', 'quotidienne', 'avant-mise-a-jour', 'avant-restauration'] as const;
export type BackupOrigin = (typeof backupOrigins)[number];
export const backupOriginLabels: Record<BackupOrigin, string> = {
  manuelle: 'Sauvegarde manuelle',
  quotidienne: 'Sauvegarde quotidienne',
  'avant-mise-a-jour': 'Avant la mise à jour des données',
  'avant-restauration': 'Avant une restauration',
};

export const backupSiteSchema = z.object({ siteId: z.string().max(64), code: z.string().max(20), name: z.string().max(200), kind: z.enum(siteKinds) }).strict();
export type BackupSite = z.infer<typeof backupSiteSchema>;

const protection = z.discriminatedUnion('by', [
  z.object({ by: z.literal('passphrase'), params: kdfParamsSchema }).strict(),
  z.object({ by: z.literal('installationKey'), keyId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(),
]);

export const backupHeaderSchema = z
  .object({
    protection,
    noncePrefix: z.string().regex(/^[0-9a-f]{32}$/),
    createdAt: z.iso.datetime(),
    origin: z.enum(backupOrigins),
    appVersion: z.string().max(50),
    /** Schema version of the database it holds: a newer one than this build knows is refused. */
    dbVersion: z.number().int().min(1),
    /** Null for a database the first run never completed. */
    site: backupSiteSchema.nullable(),
  })
  .strict();
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/** What the writer says of the backup, apart from how it is protected. */
export type BackupDescription = Pick<BackupHeader, 'createdAt' | 'origin' | 'appVersion' | 'dbVersion' | 'site'>;

/** The installation's backup key: its name in the KeyStore, so a key backup carries it with the others. */
export const BACKUP_KEY_NAME = 'local.backupKey';

export function backupKeyId(key: Uint8Array): string {
  return keyIdOf(key);
}

/** The key of a passphrase backup, with fresh parameters. */
export function passphraseProtection(passphrase: string, cost?: ScryptCost): { protection: BackupHeader['protection']; key: Uint8Array } {
  const { params, key } = newDerivedKey(passphrase, cost);
  return { protection: { by: 'passphrase', params }, key };
}

export function installationKeyProtection(key: Uint8Array): { protection: BackupHeader['protection']; key: Uint8Array } {
  return { protection: { by: 'installationKey', keyId: backupKeyId(key) }, key };
}

function nonce(prefix: Uint8Array, index: number): Uint8Array {
  const out = new Uint8Array(24);
  out.set(prefix, 0);
  new DataView(out.buffer).setBigUint64(16, BigInt(index));
  return out;
}

function associatedData(head: Uint8Array, index: number, last: boolean): Uint8Array {
  return concatBytes([head, u32(index), Uint8Array.of(last ? 1 : 0)]);
}

/** Writes the frames of one backup, in order: `head` first, then each `seal`, the last one marked. */
export interface BackupSealer {
  readonly header: BackupHeader;
  readonly head: Uint8Array;
  seal(plain: Uint8Array, last: boolean): Uint8Array;
}

export function createBackupSealer(description: BackupDescription, protectedBy: { protection: BackupHeader['protection']; key: Uint8Array }): BackupSealer {
  const prefix = randomBytes(16);
  const header = backupHeaderSchema.parse({ ...description, protection: protectedBy.protection, noncePrefix: bytesToHex(prefix) });
  const headerBytes = utf8(JSON.stringify(header));
  const head = concatBytes([MAGIC, u16(BACKUP_FORMAT_VERSION), u32(headerBytes.length), headerBytes]);
  let index = 0;
  let closed = false;
  return {
    header,
    head,
    seal(plain, last) {
      if (closed) throw new Error('Backup already sealed');
      const sealed = xchacha20poly1305(protectedBy.key, nonce(prefix, index), associatedData(head, index, last)).encrypt(plain);
      index++;
      closed = last;
      return concatBytes([u32(sealed.length), sealed]);
    },
  };
}

/** The length of the head a reader must have before `parseBackupHead`: the fixed prefix, then the header. */
export function backupHeadLength(prefix: Uint8Array): number {
  if (prefix.length < PREFIX || !MAGIC.every((b, i) => prefix[i] === b)) throw new SyncError('Ce fichier n’est pas une sauvegarde de Passerelle.');
  const version = readU16(prefix, 8);
  if (version > BACKUP_FORMAT_VERSION)
    throw new SyncError('Cette sauvegarde a été écrite par une version plus récente de Passerelle : installez la dernière version.');
  if (version !== BACKUP_FORMAT_VERSION) throw new SyncError(`Sauvegarde d’un format inconnu (${version}).`);
  const length = readU32(prefix, 10);
  if (length > 64 * 1024) throw new SyncError('Sauvegarde illisible : en-tête invalide.');
  return PREFIX + length;
}

/** The clear header: what a person is shown before the backup is opened (who, when, which kind). */
export function parseBackupHead(head: Uint8Array): BackupHeader {
  const length = backupHeadLength(head);
  if (head.length < length) throw new SyncError('Sauvegarde tronquée : l’en-tête est incomplet.');
  try {
    return backupHeaderSchema.parse(JSON.parse(fromUtf8(head.subarray(PREFIX, length))));
  } catch {
    throw new SyncError('Sauvegarde illisible : en-tête invalide.');
  }
}

/** The key of a backup from the passphrase a person typed (the header says how it was derived). */
export function keyFromPassphrase(header: BackupHeader, passphrase: string): Uint8Array {
  if (header.protection.by !== 'passphrase')
    throw new SyncError('Cette sauvegarde automatique s’ouvre avec la clé de l’installation, pas avec une phrase secrète.');
  return deriveKey(passphrase, header.protection.params);
}

export const WRONG_KEY = 'Phrase secrète incorrecte, ou fichier de sauvegarde modifié : rien n’a été restauré.';
export const TRUNCATED = 'Sauvegarde tronquée : le fichier s’arrête avant sa fin (écriture interrompue ?). Rien n’a été restauré.';
const DAMAGED = 'Sauvegarde abîmée : une partie du fichier a été modifiée ou perdue. Rien n’a été restauré.';

/** Opens the frames of one backup in order; `last` is true when the file ends after this frame. */
export function createBackupOpener(head: Uint8Array, key: Uint8Array): { header: BackupHeader; open(sealed: Uint8Array, last: boolean): Uint8Array } {
  const header = parseBackupHead(head);
  const exactHead = head.subarray(0, backupHeadLength(head));
  const prefix = hexToBytes(header.noncePrefix);
  let index = 0;
  return {
    header,
    open(sealed, last) {
      if (sealed.length < TAG) throw new SyncError(DAMAGED);
      const attempt = (asLast: boolean) => {
        try {
          return xchacha20poly1305(key, nonce(prefix, index), associatedData(exactHead, index, asLast)).decrypt(sealed);
        } catch {
          return undefined;
        }
      };
      const plain = attempt(last);
      if (plain) {
        index++;
        return plain;
      }
      // The frame opens when told it is not the last one: the file goes on after it, or should have.
      if (attempt(!last)) throw new SyncError(last ? TRUNCATED : DAMAGED);
      throw new SyncError(index === 0 ? WRONG_KEY : DAMAGED);
    },
  };
}

/** Reads a frame's length from its 4-byte prefix, refusing what no writer makes. */
export function frameLength(prefix: Uint8Array): number {
  const length = readU32(prefix, 0);
  if (length < TAG || length > MAX_FRAME + TAG) throw new SyncError(DAMAGED);
  return length;
}
