import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { isEntityName, type EntityName } from '../schemas/entities.ts';
import { siteKinds, siteSetupFields } from '../schemas/site.ts';
import { isHlc } from '../db/hlc.ts';
import { referenceDataSchema } from '../schemas/referenceData.ts';
import { acknowledgementSchema } from '../sync/signed.ts';
import { deviceIdSchema } from '../sync/bundle.ts';

/**
 * The pieces the sync channels of the bridge are made of. Everything that crosses is validated on the Node
 * side before a handler runs; file contents cross as base64 text with a size cap.
 */

/** Largest file that crosses the bridge (a bundle, a key backup, an uploaded reference file). */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;

export const hlc = z.string().refine(isHlc, { error: 'Horloge invalide' });

/** A file name alone, never a path: what the renderer names may not point elsewhere on the disk. */
export const fileName = z
  .string()
  .min(1, { error: 'Nom de fichier vide' })
  .max(255, { error: 'Nom de fichier trop long' })
  .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', { error: 'Nom de fichier invalide' });

export const base64 = z
  .string()
  .max(MAX_BASE64, { error: `Fichier trop volumineux (${MAX_FILE_BYTES / 1024 / 1024} Mo au plus)` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Contenu de fichier illisible (base64 attendu)' })
  .refine((text) => text.length % 4 === 0, { error: 'Contenu de fichier illisible (base64 attendu)' });

/** A file the person chose (upload, file input), or one the Node side hands back for a download. */
export const filePayload = z.object({ name: fileName, base64 }).strict();
export type FilePayload = z.infer<typeof filePayload>;

/** A folder path typed in the web host or returned by the desktop folder dialog; checked again on disk. */
export const folderPath = z.string().trim().min(1, { error: 'Chemin du dossier vide' }).max(4096, { error: 'Chemin du dossier trop long' });

/** Where a file goes: the sync folder, a folder the person chose (a USB key), or back to the page to download. */
export const target = z.union([z.literal('syncFolder'), z.literal('download'), z.object({ folder: folderPath }).strict()]);
export type Target = z.infer<typeof target>;

/** Files written, or handed back for a download. */
export const savedOutput = z.object({
  files: z.array(z.string()),
  folder: z.string().nullable(),
  download: filePayload.nullable(),
});
export type SavedOutput = z.infer<typeof savedOutput>;

export const siteRef = z
  .object({ siteId: uuid, code: siteSetupFields.shape.code, name: z.string().min(1).max(200), kind: z.enum(siteKinds), departement: z.string().min(1).max(3) })
  .strict();

const collapsedRecord = z
  .object({
    entity: z.custom<EntityName>((name) => typeof name === 'string' && isEntityName(name), { error: 'Entité inconnue' }),
    id: z.string().min(1).max(100),
    created: hlc.optional(),
    deleted: hlc.optional(),
    fields: z.record(z.string().max(100), z.object({ value: z.unknown(), clock: hlc }).strict()),
  })
  .strict();

/** `collectPending`'s result, as the renderer hands it over (plain data; `undefined` clocks may be absent). */
export const pendingExport = z
  .object({
    site: siteRef,
    afterClock: hlc.optional(),
    firstClock: hlc.optional(),
    lastClock: hlc.optional(),
    changeCount: z.number().int().min(0),
    records: z.array(collapsedRecord).max(10_000_000),
    personKeys: z.record(z.string().max(100), z.string().regex(/^[0-9a-f]{64}$/)).optional(),
    deviceId: deviceIdSchema.optional(),
  })
  .strict();

export const folderStatus = z.object({
  folder: z.string().nullable(),
  reachable: z.boolean(),
  /** ISO time of the check; null before the first. */
  checkedAt: z.string().nullable(),
});
export type FolderStatus = z.infer<typeof folderStatus>;

/** Acknowledgement and reference data found in the sync folder, signatures checked. */
export const inbox = z.object({
  acknowledgement: acknowledgementSchema.optional(),
  reference: referenceDataSchema.optional(),
  /** Files found but refused (bad signature, wrong format), in French. */
  problems: z.array(z.string()),
});
export type Inbox = z.infer<typeof inbox>;

export const siteKeysState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('missing') }),
  /** `encryptionKeyId`: the key other sites encrypt transferred files to; null until the next export creates it. */
  z.object({ state: z.literal('ready'), keyId: z.string(), publicKey: z.string(), encryptionKeyId: z.string().nullable() }),
  z.object({ state: z.literal('unreadable'), message: z.string() }),
]);

export const syncStatus = folderStatus.extend({
  hqKey: z.object({ keyId: z.string(), createdAt: z.string() }).nullable(),
  siteKeys: siteKeysState,
  /** How this host protects keys; `problem` says why secrets cannot be stored here. */
  keyStorage: z.object({ label: z.string(), problem: z.string().nullable() }),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const exportOutcome = z.object({
  bundleId: z.string(),
  fileName: z.string(),
  sequence: z.number().int(),
  createdAt: z.string(),
  changeCount: z.number().int(),
  recordCount: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  firstClock: z.string().nullable(),
  lastClock: z.string().nullable(),
  output: savedOutput,
});
export type ExportOutcome = z.infer<typeof exportOutcome>;

export const fileImportResult = z.object({
  file: z.string(),
  status: z.enum(['accepted', 'known', 'refused']),
  reason: z.string().optional(),
  siteCode: z.string().optional(),
  sequence: z.number().int().optional(),
  bundleId: z.string().optional(),
  records: z.number().int().optional(),
  conflicts: z.number().int().optional(),
  quarantined: z.string().optional(),
  acknowledgement: z.string().optional(),
  notes: z.array(z.string()).optional(),
});
export type FileImportResultDto = z.infer<typeof fileImportResult>;

/** A transferred file or answer headquarters took to relay (transferRelay.ts). */
export const relayedTransfer = z.object({
  file: z.string(),
  status: z.enum(['relayed', 'known', 'refused']),
  reason: z.string().optional(),
  kind: z.enum(['dossier', 'reponse']).optional(),
  fromCode: z.string().optional(),
  toCode: z.string().optional(),
  moved: z.number().int().optional(),
});

export const importSource = z.union([
  z.object({ kind: z.literal('syncFolder') }).strict(),
  z.object({ kind: z.literal('folder'), path: folderPath }).strict(),
  z.object({ kind: z.literal('files'), files: z.array(filePayload).min(1, { error: 'Aucun fichier choisi' }).max(5000) }).strict(),
]);

export const hqStatus = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    dir: z.string(),
    keyId: z.string(),
    createdAt: z.string(),
    sites: z.number().int(),
    bundles: z.number().int(),
    conflicts: z.number().int(),
    quarantined: z.number().int(),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type HqStatus = z.infer<typeof hqStatus>;

export const hqSiteRow = z.object({
  siteId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(siteKinds),
  departement: z.string(),
  keyId: z.string(),
  enrolledAt: z.string(),
  ackedClock: z.string().nullable(),
  lastBundleAt: z.string().nullable(),
  lastSequence: z.number().int().nullable(),
  lastCreatedAt: z.string().nullable(),
  bundleCount: z.number().int(),
  retiredAt: z.string().nullable(),
  /** The site's workstations (an office's PCs), each with its own key and what headquarters holds of it. */
  workstations: z.array(
    z.object({
      deviceId: z.string(),
      name: z.string().nullable(),
      keyId: z.string(),
      enrolledAt: z.string(),
      ackedClock: z.string().nullable(),
      lastBundleAt: z.string().nullable(),
    }),
  ),
});
export type HqSiteRow = z.infer<typeof hqSiteRow>;

export const keyChangeRow = z.object({
  siteId: z.string(),
  siteCode: z.string().nullable(),
  oldKeyId: z.string(),
  newKeyId: z.string(),
  changedAt: z.string(),
  note: z.string(),
});

export const bundleRow = z.object({
  bundleId: z.string(),
  siteId: z.string(),
  siteCode: z.string(),
  sequence: z.number().int(),
  firstClock: z.string().nullable(),
  lastClock: z.string().nullable(),
  createdAt: z.string(),
  importedAt: z.string(),
  fileName: z.string(),
  counts: z.record(z.string(), z.number().int()),
});
export type BundleRow = z.infer<typeof bundleRow>;

const originValue = z.object({ value: z.string().nullable(), clock: z.string(), siteId: z.string(), deviceId: z.string() });
export const conflictRow = z.object({
  entity: z.string(),
  recordId: z.string(),
  field: z.string(),
  kind: z.enum(['value', 'deletion']),
  kept: originValue,
  lost: originValue,
  bundleId: z.string(),
  recordedAt: z.string(),
});
export type ConflictRow = z.infer<typeof conflictRow>;

export const quarantinedFile = z.object({ name: z.string(), report: z.string() });

export const bundleSource = z.union([z.object({ file: filePayload }).strict(), z.object({ quarantined: fileName }).strict()]);

export const bundleInspection = z.object({
  siteId: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  sequence: z.number().int(),
  createdAt: z.string(),
  keyId: z.string(),
  /** How headquarters knows the site: not yet, with this key, with another key, its code held by another site id, or retired. */
  enrolment: z.enum(['new', 'same-key', 'other-key', 'code-held', 'retired']),
  pinnedKeyId: z.string().nullable(),
  /** For `code-held`: the live installation a re-enrolment would retire, shown before anyone confirms. */
  replaces: z
    .object({
      siteId: z.string(),
      code: z.string(),
      name: z.string(),
      enrolledAt: z.string(),
      lastBundleAt: z.string().nullable(),
      records: z.number().int(),
      bundles: z.number().int(),
      workstations: z.number().int(),
    })
    .nullable(),
});
export type BundleInspection = z.infer<typeof bundleInspection>;
