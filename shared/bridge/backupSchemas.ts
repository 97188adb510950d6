import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { backupHeaderSchema, backupOrigins, backupSiteSchema } from '../backup/format.ts';
import { backupSummarySchema } from '../backup/payload.ts';
import { passphraseSchema } from '../sync/passphrase.ts';
import { base64, folderPath } from './syncSchemas.ts';

/**
 * The backup channels of the bridge. The database lives in the page, the keys on the Node side: the page
 * reads its tables into payloads and hands them over one at a time; the Node side seals them into the file
 * (with the passphrase a person typed, or the installation's backup key) and writes it atomically. To
 * restore, the Node side checks a whole file first, then hands its payloads back one at a time.
 */

const automaticOrigin = z.enum(backupOrigins.filter((o) => o !== 'manuelle') as [Exclude<(typeof backupOrigins)[number], 'manuelle'>]);

const described = { site: backupSiteSchema.nullable(), dbVersion: z.number().int().min(1) };

export const backupStartRequest = z.discriminatedUnion('origin', [
  z.object({ origin: z.literal('manuelle'), passphrase: passphraseSchema, folder: folderPath, ...described }).strict(),
  z.object({ origin: automaticOrigin, ...described }).strict(),
]);

export const backupFile = z.object({
  name: z.string(),
  createdAt: z.string(),
  origin: z.enum(backupOrigins),
  siteCode: z.string().nullable(),
  dbVersion: z.number().int(),
  size: z.number().int().min(0),
});
export type BackupFile = z.infer<typeof backupFile>;

export const backupWritten = z.object({
  name: z.string(),
  folder: z.string(),
  size: z.number().int().min(0),
  createdAt: z.string(),
  summary: backupSummarySchema,
  /** Older automatic backups deleted by the retention rule. */
  removed: z.array(z.string()),
});

/** A backup to restore: one of the installation's automatic backups (by name), or a file anywhere (its full path). */
export const backupSource = z.union([
  z.object({ automatic: z.string().min(1).max(255) }).strict(),
  z.object({ path: z.string().trim().min(1).max(4096) }).strict(),
]);
export type BackupSource = z.infer<typeof backupSource>;

export const backupOpened = z.object({
  handle: uuid,
  header: backupHeaderSchema,
  summary: backupSummarySchema,
  /** Highest bundle sequence this installation is known to have written: a restore sets the next one past it. */
  exportedSequence: z.number().int().min(0),
});

export const backupChunk = z.object({ jobId: uuid, payload: base64 }).strict();
