import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { KeyStore } from '../../../shared/ports/keyStore.ts';
import { SyncError } from '../../../shared/errors.ts';
import {
  createHqKeys,
  loadHqKeyring,
  parseHqPublic,
  rotateHqEncryptionKey,
  serializeHqPublic,
  type HqKeyring,
  type HqPublic,
} from '../../../shared/sync/keys.ts';
import { writeFileAtomic } from '../atomicFile.ts';
import { fileKeyStore } from '../fileKeyStore.ts';
import { openSqliteHqStore, type OpenOptions, type SqliteHqStore } from './sqliteStore.ts';

/**
 * A headquarters folder:
 *   hq.pub        public keys (encryption key and its id, signing key): the file sites are given
 *   keys/         private keys, one file each, readable by the owner only (every encryption key ever used)
 *   hq.sqlite     the consolidated database
 *   quarantine/   refused bundles, each with a report of why
 *   acks/         the latest signed acknowledgement of each site, rewritten after every import
 */
export function hqPaths(dir: string) {
  return {
    publicFile: join(dir, 'hq.pub'),
    keys: join(dir, 'keys'),
    database: join(dir, 'hq.sqlite'),
    quarantine: join(dir, 'quarantine'),
    acks: join(dir, 'acks'),
  };
}

/**
 * The application's data folder: headquarters' folder is `hq/` in it, and the installation's keys (the site's
 * and headquarters') sit beside it, as files in `keys/` (web host) or protected by the operating system in
 * `keys-protected/` (desktop app, Electron safeStorage).
 */
export function appDataPaths(dataDir: string) {
  return { hq: join(dataDir, 'hq'), keys: join(dataDir, 'keys'), protectedKeys: join(dataDir, 'keys-protected') };
}

export interface HqFolder {
  /** The headquarters folder itself (hq.pub, hq.sqlite, quarantine/). */
  dir: string;
  /** Its `keys/` when made by `passerelle hq init`; the installation's beside the application's data folder. */
  keys: KeyStore;
}

async function holdsKeys(dir: string): Promise<boolean> {
  return existsSync(dir) && (await readdir(dir)).some((name) => name.endsWith('.key'));
}

/** The headquarters folder a path names: itself, or the `hq/` folder of the application's data folder. */
export function hqFolderDir(path: string): string {
  const app = appDataPaths(path).hq;
  return !existsSync(hqPaths(path).publicFile) && existsSync(hqPaths(app).publicFile) ? app : path;
}

/** What else may read a folder's keys: the installed application's command line reads the ones it protects. */
export interface HqKeyAccess {
  /** The key store of the application's protected keys folder (Electron's safeStorage), when this process can read it. */
  protectedKeys?: (dir: string) => Promise<KeyStore>;
}

/**
 * The one way to open a headquarters folder from the path a person gives: a folder made by
 * `passerelle hq init`, or the application's data folder (or its `hq/` folder) written by the desktop app or
 * the web host in headquarters mode. The desktop app's keys are protected by the operating system through
 * Electron's safeStorage, which plain Node cannot read: those are refused with what to do instead.
 */
export async function openHqFolder(path: string, access: HqKeyAccess = {}): Promise<HqFolder> {
  const dir = hqFolderDir(path);
  await readHqPublic(dir);
  if (await holdsKeys(hqPaths(dir).keys)) return { dir, keys: hqKeyStore(dir) };
  const app = appDataPaths(dirname(dir));
  if (basename(dir) === 'hq' && (await holdsKeys(app.keys))) return { dir, keys: fileKeyStore(app.keys) };
  if (basename(dir) === 'hq' && existsSync(app.protectedKeys) && access.protectedKeys) return { dir, keys: await access.protectedKeys(app.protectedKeys) };
  if (basename(dir) === 'hq' && existsSync(app.protectedKeys)) {
    throw new SyncError(
      `Les clés du siège de ${dir} sont protégées par le système : seule l’application de bureau peut les lire. Importez les lots, écrivez les accusés de réception et les données de référence dans l’application (menu Consolidation), ou travaillez en ligne de commande sur un dossier créé par « passerelle hq init ». Les sous-commandes sites, conflicts, export et reenrol, qui n’ont pas besoin des clés, ouvrent ce dossier ; la ligne de commande de l’application installée (passerelle cli hq …) les lit toutes.`,
    );
  }
  throw new SyncError(`Clés du siège introuvables pour ${dir} : ce dossier n’a pas été initialisé (passerelle hq init) ou ses clés ont été déplacées.`);
}

/** Where a headquarters folder keeps its private keys unless told otherwise: `keys/`, one file each. */
export function hqKeyStore(dir: string): KeyStore {
  return fileKeyStore(hqPaths(dir).keys);
}

/**
 * Create a headquarters folder: keys, `hq.pub`, an empty database. Refuses a folder that already holds keys.
 * The command line keeps the private keys in `keys/`; the desktop app passes its own protected key store.
 */
export async function initHqDir(dir: string, now: Date, keys: KeyStore = hqKeyStore(dir)): Promise<HqPublic> {
  const paths = hqPaths(dir);
  if (existsSync(hqPaths(appDataPaths(dir).hq).publicFile)) {
    throw new SyncError(
      `Le dossier ${dir} est celui de l’application en mode siège, déjà initialisé : il n’a pas été modifié. Les autres sous-commandes l’ouvrent tel quel (passerelle hq sites ${dir}).`,
    );
  }
  if (existsSync(paths.publicFile) || (existsSync(paths.keys) && (await readdir(paths.keys)).length > 0)) {
    throw new SyncError(`Le dossier ${dir} contient déjà des clés du siège : il n’a pas été modifié.`);
  }
  await mkdir(dir, { recursive: true });
  const hq = await createHqKeys(keys, now);
  await writeFileAtomic(paths.publicFile, serializeHqPublic(hq));
  // Refused files may hold anything, a secret included, and their names say who sent what: this account only.
  await mkdir(paths.quarantine, { recursive: true, mode: 0o700 });
  openSqliteHqStore(paths.database, { create: true }).close();
  return hq;
}

export async function readHqPublic(dir: string): Promise<HqPublic> {
  const path = hqPaths(dir).publicFile;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new SyncError(`Clé publique du siège introuvable (${path}) : ce dossier n’est pas un dossier du siège (créez-le avec « passerelle hq init »).`);
  }
  return parseHqPublic(bytes);
}

export async function readHqPublicFile(path: string): Promise<HqPublic> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new SyncError(`Fichier de clé publique du siège introuvable : ${path}`);
  }
  return parseHqPublic(bytes);
}

export function loadKeyring(dir: string, keys: KeyStore = hqKeyStore(dir)): Promise<HqKeyring> {
  return loadHqKeyring(keys);
}

/**
 * Rotate headquarters' encryption key: a new key becomes current in `hq.pub` (to hand out to the sites);
 * the old ones stay in keys/ and keep opening the bundles already encrypted to them.
 */
export async function rotateHqKey(dir: string, now: Date, keys: KeyStore = hqKeyStore(dir)): Promise<{ previous: HqPublic; current: HqPublic }> {
  const previous = await readHqPublic(dir);
  const current = await rotateHqEncryptionKey(keys, now);
  await writeFileAtomic(hqPaths(dir).publicFile, serializeHqPublic(current));
  return { previous, current };
}

export function openHqStore(dir: string, options: Pick<OpenOptions, 'readOnly' | 'check'> = {}): SqliteHqStore {
  return openSqliteHqStore(hqPaths(dir).database, options);
}

/** What the app checks at start in headquarters mode: the store opens, or a French message says why not. */
export function checkHqStore(dir: string): { ok: true } | { ok: false; message: string } {
  try {
    openHqStore(dir, { check: true }).close();
    return { ok: true };
  } catch (error) {
    return { ok: false, message: error instanceof SyncError ? error.message : `Impossible d’ouvrir la base du siège : ${(error as Error).message}` };
  }
}
