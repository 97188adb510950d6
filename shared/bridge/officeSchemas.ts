import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { appliedVector, officeBatchSchema } from '../sync/officeBatch.ts';
import { snapshotChunkShape, snapshotManifestSchema } from '../sync/officeFile.ts';
import { filePayload, folderPath, savedOutput, siteRef } from './syncSchemas.ts';

/** The pieces of the office channels of the bridge (several workstations of one site, through the office share). */

export const workstationName = z
  .string({ error: 'Nom du poste : champ obligatoire' })
  .trim()
  .min(1, { error: 'Nom du poste : champ obligatoire' })
  .max(100, { error: 'Nom du poste : 100 caractères au plus' });

export const officeDevice = z.object({
  deviceId: z.string(),
  name: z.string(),
  keyId: z.string(),
  /** When it was added, and by which workstation (by name; null for the founding one). */
  issuedAt: z.string(),
  addedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** When it last finished an exchange, from its state file; null before its first. */
  lastSeen: z.string().nullable(),
  self: z.boolean(),
});
export type OfficeDevice = z.infer<typeof officeDevice>;

export const officeStatus = z.object({
  /** This installation belongs to an office: it has the office key and knows its workstations. */
  enabled: z.boolean(),
  deviceId: z.string().nullable(),
  devices: z.array(officeDevice),
});
export type OfficeStatus = z.infer<typeof officeStatus>;

export const officeInviteRequest = z
  .object({
    site: siteRef,
    /** The inviting workstation: its device id, and its name if it founds the office now. */
    inviter: z.object({ deviceId: uuid, name: workstationName }).strict(),
    name: workstationName,
    target: z.union([z.literal('download'), z.object({ folder: folderPath }).strict()]),
  })
  .strict();

export const officeInviteResponse = z.object({
  /** Shown once: the new workstation types it with the file. */
  passphrase: z.string(),
  deviceId: z.string(),
  output: savedOutput,
});

export const officeJoinRequest = z.object({ file: filePayload, passphrase: z.string().min(1).max(200) }).strict();
export const officeJoinResponse = z.object({
  site: siteRef,
  deviceId: z.string(),
  deviceName: z.string(),
  syncFolder: z.string().nullable(),
});

export const officeFetchRequest = z.object({ applied: appliedVector, maxRows: z.number().int().min(1).max(100_000) }).strict();
export const officeFetchResponse = z.object({
  /** Batches to apply now, in an order that respects causality. */
  batches: z.array(officeBatchSchema),
  /** Files refused (damaged, unknown author), in French; each said once per version of the file. */
  problems: z.array(z.string()),
  /** Batches left in the share for this workstation (waiting for others, or beyond `maxRows`). */
  remaining: z.number().int().min(0),
  /** This workstation should write a snapshot of the site (none yet, or the last one is old). */
  snapshotDue: z.boolean(),
  /** Batches this workstation needs were removed from the share (restored from an old backup): it must join again. */
  gap: z.boolean(),
  /** Names of the workstations, by device id (the history and the conflicts name them). */
  names: z.record(z.string(), z.string()),
});
export type OfficeFetchResponse = z.infer<typeof officeFetchResponse>;

export const officePublishRequest = z.object({ rows: officeBatchSchema.shape.rows.max(50_000), applied: appliedVector }).strict();
export const officePublishResponse = z.object({
  /** The number of the batch written; null when there was nothing to send. */
  sequence: z.number().int().nullable(),
  /** Files of this workstation every colleague has applied, removed from the share. */
  pruned: z.number().int().min(0),
});

export const officeSnapshotWriteRequest = z.discriminatedUnion('step', [
  z.object({ step: z.literal('begin') }).strict(),
  z
    .object({ step: z.literal('part'), sequence: z.number().int().min(1), part: z.number().int().min(1), chunks: z.array(snapshotChunkShape).max(100) })
    .strict(),
  z.object({ step: z.literal('end'), sequence: z.number().int().min(1), manifest: snapshotManifestSchema }).strict(),
]);

export const officeSnapshotReadRequest = z.discriminatedUnion('step', [
  z.object({ step: z.literal('manifest') }).strict(),
  z.object({ step: z.literal('part'), deviceId: uuid, sequence: z.number().int().min(1), part: z.number().int().min(1) }).strict(),
]);
export const officeSnapshotReadResponse = z.object({
  deviceId: z.string(),
  sequence: z.number().int(),
  manifest: snapshotManifestSchema,
  chunks: z.array(snapshotChunkShape),
});

export const officeRevokeRequest = z.object({ deviceId: uuid, confirmed: z.literal(true, { error: 'Le retrait du poste doit être confirmé' }) }).strict();
