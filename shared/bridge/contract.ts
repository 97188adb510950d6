import * as z from 'zod';
import { deviceIdSchema } from '../sync/bundle.ts';
import { uuid } from '../schemas/common.ts';
import { referenceDataSchema } from '../schemas/referenceData.ts';
import { passphraseSchema } from '../sync/passphrase.ts';
import { acknowledgementSchema } from '../sync/signed.ts';
import {
  bundleInspection,
  bundleRow,
  bundleSource,
  conflictRow,
  exportOutcome,
  filePayload,
  fileImportResult,
  folderPath,
  folderStatus,
  hqSiteRow,
  hqStatus,
  importSource,
  inbox,
  keyChangeRow,
  pendingExport,
  quarantinedFile,
  relayedTransfer,
  savedOutput,
  siteRef,
  syncStatus,
  target,
} from './syncSchemas.ts';
import {
  officeFetchRequest,
  officeFetchResponse,
  officeInviteRequest,
  officeInviteResponse,
  officeJoinRequest,
  officeJoinResponse,
  officePublishRequest,
  officePublishResponse,
  officeRevokeRequest,
  officeSnapshotReadRequest,
  officeSnapshotReadResponse,
  officeSnapshotWriteRequest,
  officeStatus,
} from './officeSchemas.ts';
import { openedTransfer, scannedTransfer, transferDirectory, transferPersonKeyRequest, transferWriteRequest, transferWritten } from './transferSchemas.ts';
import { backupChunk, backupFile, backupOpened, backupSource, backupStartRequest, backupWritten } from './backupSchemas.ts';
import {
  annualReviewSchema,
  establishmentFilterSchema,
  establishmentRow,
  hqDashboardSchema,
  reviewScope,
  reviewYear,
  siteDirectoryEntry,
} from './reviewSchemas.ts';

const none = z.object({}).strict();

/**
 * The one bridge between the renderer and the Node side. Each key is at once the IPC channel name, the
 * method of `window.passerelle` and the web host's `POST /api/<key>` route; its request schema is parsed
 * by main and by the web host before anything runs, its response schema types what comes back.
 */
export const contract = {
  appInfo: {
    request: none,
    response: z.object({
      version: z.string(),
      host: z.enum(['electron', 'web']),
      /** Folder where this installation keeps its files (keys, sync state, headquarters store). */
      dataDir: z.string(),
    }),
  },
  /**
   * The renderer opened its database at this schema version; main records it so that an older build
   * refuses to open a profile written by a newer one.
   */
  reportProfile: {
    request: z.object({ dbVersion: z.number().int().positive() }).strict(),
    response: z.object({ recorded: z.boolean() }),
  },

  /**
   * The renderer says which site it is (the identity lives in its database). A site of kind ATIGIP runs in
   * headquarters mode: main opens its consolidated store, creating it on the first start, and says in
   * French when it cannot.
   */
  startSession: {
    /** `deviceId`: this workstation, whose acknowledgement file the sync folder holds. */
    request: z.object({ site: siteRef, deviceId: deviceIdSchema.optional() }).strict(),
    response: z.object({ mode: z.enum(['site', 'hq']), hq: hqStatus.nullable() }),
  },
  /** The desktop app's folder dialog; the web host has none (the page asks for a typed path instead). */
  pickFolder: {
    request: z.object({ title: z.string().min(1).max(200) }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },

  /** Sync folder, its last check, headquarters' public key, the site's keys and how they are protected. */
  syncStatus: { request: none, response: syncStatus },
  syncSetFolder: {
    request: z.object({ path: folderPath.nullable() }).strict(),
    response: syncStatus,
  },
  /** Check the sync folder now and return what it holds for this site (acknowledgement, reference data). */
  syncCheckNow: {
    request: none,
    response: z.object({ status: folderStatus, inbox }),
  },
  /** Import headquarters' public key file (`hq.pub`). */
  syncImportHqKey: {
    request: z.object({ file: filePayload }).strict(),
    response: z.object({ keyId: z.string(), createdAt: z.string(), previousKeyId: z.string().nullable() }),
  },
  /** Create the site's signing key and pseudonymisation secret (refused when they exist). */
  siteKeysGenerate: {
    request: none,
    response: z.object({ keyId: z.string(), publicKey: z.string() }),
  },
  /**
   * Build a bundle from what the renderer collected (`collectPending`) and the sequence it took: main holds
   * the keys and the pseudonymisation secret, so it pseudonymises, compresses, encrypts, signs and writes
   * atomically, or hands the bytes back for a download.
   */
  siteExport: {
    request: z.object({ pending: pendingExport, sequence: z.number().int().min(1), target }).strict(),
    response: exportOutcome,
  },
  /** Check the signature of an acknowledgement or reference file the person chose, and return its content. */
  siteReadFile: {
    request: z.object({ file: filePayload }).strict(),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('acknowledgement'), acknowledgement: acknowledgementSchema }),
      z.object({ kind: z.literal('reference'), reference: referenceDataSchema }),
    ]),
  },
  /** Every key of this installation in a file encrypted with a passphrase. */
  keysBackup: {
    request: z.object({ passphrase: passphraseSchema, target: z.union([z.literal('download'), z.object({ folder: folderPath }).strict()]) }).strict(),
    response: savedOutput,
  },
  keysRestore: {
    request: z.object({ file: filePayload, passphrase: z.string().min(1).max(1024), overwrite: z.boolean() }).strict(),
    response: z.object({ restored: z.array(z.string()), replaced: z.array(z.string()), siteCode: z.string().nullable(), createdAt: z.string() }),
  },

  /**
   * The key headquarters knows a person of this site by (pseudonymised with the site's secret, which stays on
   * the Node side): a transferred file carries it so the person stays one at headquarters.
   */
  transferPersonKey: { request: transferPersonKeyRequest, response: z.object({ personKey: z.string() }) },
  /** Seal a person's file or an answer (encrypted to the receiving site, signed by this one) and write it. */
  transferWrite: { request: transferWriteRequest, response: transferWritten },
  /** Open a transferred file the person chose: addressed here, signed by a site of the directory, unaltered. */
  transferOpen: { request: z.object({ file: filePayload, directory: transferDirectory }).strict(), response: openedTransfer },
  /** The transferred files and answers of the sync folder addressed to this site, each opened or refused. */
  transferScan: {
    request: z.object({ directory: transferDirectory }).strict(),
    response: z.object({ folder: z.string(), files: z.array(scannedTransfer) }),
  },

  /** The office's workstations as this one knows them (none when it works alone). */
  officeStatus: { request: none, response: officeStatus },
  /**
   * "Ajouter un poste": a join file for a new workstation, sealed with a passphrase shown once; the first time,
   * it founds the office (office key, this workstation's certificate).
   */
  officeInvite: { request: officeInviteRequest, response: officeInviteResponse },
  /** "Rejoindre un site existant": open a join file, keep its keys and settings, say which site and workstation this is. */
  officeJoin: { request: officeJoinRequest, response: officeJoinResponse },
  /** Colleagues' batches to apply, read from the office share, verified and decrypted, in causal order. */
  officeFetch: { request: officeFetchRequest, response: officeFetchResponse },
  /** Seal and write this workstation's new rows as its next batch, its state file, and prune what everyone applied. */
  officePublish: { request: officePublishRequest, response: officePublishResponse },
  /** Write a snapshot of the site, part by part, its manifest last. */
  officeSnapshotWrite: { request: officeSnapshotWriteRequest, response: z.object({ sequence: z.number().int() }) },
  /** Read the newest snapshot in the share, manifest first, then part by part (a workstation joining). */
  officeSnapshotRead: { request: officeSnapshotReadRequest, response: officeSnapshotReadResponse },
  /** "Retirer ce poste", after a person confirmed: a revocation signed by this workstation, applied by every other. */
  officeRevoke: { request: officeRevokeRequest, response: z.object({ name: z.string(), lastSequence: z.number().int() }) },
  /**
   * Start a database backup (shared/backup/format.ts): to a folder with a passphrase, or among the
   * installation's automatic backups with its backup key. The page then hands its payloads over in order
   * (`backupWrite`), the last one with `backupFinish`, which writes the file atomically and reads it back.
   */
  backupStart: { request: backupStartRequest, response: z.object({ jobId: uuid }) },
  backupWrite: { request: backupChunk, response: z.object({ size: z.number().int().min(0) }) },
  backupFinish: { request: backupChunk, response: backupWritten },
  backupAbort: { request: z.object({ jobId: uuid }).strict(), response: z.object({}) },
  /** The installation's automatic backups, newest first, and why none can be made, if so. */
  backupList: {
    request: none,
    response: z.object({ folder: z.string(), backups: z.array(backupFile), problem: z.string().nullable() }),
  },
  /**
   * Check a whole backup (key, site, schema version, every frame) and keep it open for `backupRead`, which
   * hands its payloads back in order (null at the end). `siteId`: the site the page holds, if any.
   */
  backupOpen: {
    request: z.object({ source: backupSource, passphrase: z.string().max(1024).optional(), siteId: uuid.nullable() }).strict(),
    response: backupOpened,
  },
  backupRead: { request: z.object({ handle: uuid }).strict(), response: z.object({ payload: z.string().nullable() }) },
  backupClose: { request: z.object({ handle: uuid }).strict(), response: z.object({}) },
  /** The desktop app's file dialog; the web host has none (the page asks for a typed path instead). */
  pickFile: {
    request: z.object({ title: z.string().min(1).max(200), extension: z.string().regex(/^\.[a-z-]{1,30}$/) }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },

  hqStatus: { request: none, response: hqStatus },
  /** `hq.pub`, the file every site imports. */
  hqPublicKey: { request: z.object({ target }).strict(), response: savedOutput },
  /** Import bundles off the main thread; progress arrives as `hqImportProgress` events with the same job id. */
  hqImport: {
    request: z.object({ jobId: uuid, source: importSource }).strict(),
    /** `transfers`: the transferred files and answers found with the bundles, taken to be relayed (before the bundles). */
    response: z.object({ results: z.array(fileImportResult), transfers: z.array(relayedTransfer) }),
  },
  hqSites: {
    request: none,
    response: z.object({ sites: z.array(hqSiteRow), keyChanges: z.array(keyChangeRow) }),
  },
  hqBundles: {
    request: z.object({ siteId: uuid.optional() }).strict(),
    response: z.object({ bundles: z.array(bundleRow) }),
  },
  hqConflicts: {
    request: none,
    response: z.object({ total: z.number().int(), conflicts: z.array(conflictRow) }),
  },
  hqQuarantine: { request: none, response: z.object({ files: z.array(quarantinedFile) }) },
  hqInspectBundle: { request: z.object({ source: bundleSource }).strict(), response: bundleInspection },
  /** Accept the key of this bundle for its site, after a person confirmed; recorded with the note. */
  hqReenrol: {
    request: z
      .object({
        source: bundleSource,
        note: z.string().trim().min(3, { error: 'Motif : 3 caractères au moins' }).max(500, { error: 'Motif : 500 caractères au plus' }),
        confirmed: z.literal(true, { error: 'La réinscription doit être confirmée' }),
        /** The site id of the installation the person saw it would retire (`bundleInspection.replaces`). */
        replaces: uuid.optional(),
      })
      .strict(),
    response: z.object({ siteCode: z.string(), previousKeyId: z.string().nullable(), newKeyId: z.string() }),
  },
  /**
   * A new encryption key becomes current in `hq.pub`, after a person confirmed; the old keys stay, so bundles
   * still encrypted to them import. The signing key does not change.
   */
  hqRotateKey: {
    request: z.object({ confirmed: z.literal(true, { error: 'Le changement de clé doit être confirmé' }) }).strict(),
    response: z.object({ previousKeyId: z.string(), keyId: z.string(), createdAt: z.string(), keyCount: z.number().int().min(2) }),
  },
  hqWriteAcks: {
    request: z.object({ target }).strict(),
    /** `transfers`: the transferred files and answers relayed beside the acknowledgements. */
    response: savedOutput.extend({ acks: z.array(z.object({ siteCode: z.string(), ackedClock: z.string().nullable() })), transfers: z.array(z.string()) }),
  },
  /**
   * Headquarters' own records (national partners and agreements, written in its database) go into its store
   * like any site's bundle, then the signed reference data file is written.
   */
  hqPublishReference: {
    request: z.object({ pending: pendingExport, sequence: z.number().int().min(1), target }).strict(),
    response: savedOutput.extend({ acknowledgement: acknowledgementSchema.nullable() }),
  },
  hqCentralExport: {
    request: z.object({ format: z.enum(['ndjson', 'csv']), target: z.union([z.literal('download'), z.object({ folder: folderPath }).strict()]) }).strict(),
    response: savedOutput,
  },
  /**
   * Headquarters' annual review of one year over the consolidated store, for one site, a DISP, a region or
   * all sites; with the whole site directory, which the scope is chosen from.
   */
  hqReview: {
    request: z.object({ year: reviewYear, scope: reviewScope }).strict(),
    response: z.object({ review: annualReviewSchema, directory: z.array(siteDirectoryEntry) }),
  },
  /** Headquarters' home screen: sites by lateness, records by territory and kind, hours by month. */
  hqDashboard: { request: none, response: hqDashboardSchema },
  /** Every establishment's profile in the consolidated store that answers a company's request (IPRO 360°). */
  hqEstablishments: {
    request: establishmentFilterSchema,
    response: z.object({ establishments: z.array(establishmentRow) }),
  },
} as const;

/**
 * What the Node side tells the renderer without being asked. In Electron each key is the IPC channel main
 * sends on; in the web host, the `event:` name of its event stream. Payloads are parsed on arrival.
 */
export const events = {
  /** The sync folder was checked (every minute, and on demand). */
  syncFolderChecked: folderStatus,
  /** A new acknowledgement or reference file appeared in the sync folder. */
  syncInboxReceived: inbox,
  hqImportProgress: z.object({
    jobId: z.string(),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    file: z.string(),
    status: z.enum(['accepted', 'known', 'refused']),
  }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type BridgeRequest<C extends Channel> = z.input<Contract[C]['request']>;
export type BridgeResponse<C extends Channel> = z.output<Contract[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export type Unsubscribe = () => void;

/** What the renderer codes against: `window.passerelle` in Electron, the HTTP client in the web host. */
export type Bridge = { [C in Channel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>> } & {
  /** Listen to an event from the Node side; call the returned function to stop. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
};

/** What the Node side implements, once, for both hosts: inputs already parsed. */
export type Handlers = {
  [C in Channel]: (request: z.output<Contract[C]['request']>) => Promise<z.input<Contract[C]['response']>>;
};

/** How the Node side emits an event, whichever host carries it. */
export type EmitEvent = <E extends EventName>(event: E, payload: z.input<Events[E]>) => void;

export const channels = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** Parse an event payload on arrival; undefined when it does not match (it is then dropped). */
export function parseEvent<E extends EventName>(event: E, payload: unknown): EventPayload<E> | undefined {
  const parsed = events[event].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : undefined;
}
