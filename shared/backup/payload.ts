import { deflateSync } from 'fflate';
import * as z from 'zod';
import { fromUtf8, inflateAtMost, utf8 } from '../sync/bytes.ts';
import { SyncError } from '../errors.ts';

/*
 * What a backup frame holds once opened: deflated JSON, either rows of one table or, in the last frame, the
 * summary that says the backup is whole. The same row may come twice (a record written while the backup was
 * read is read again at the end): a later row replaces an earlier one with the same key.
 */

const countsSchema = z.record(z.string().max(64), z.number().int().min(0));

export const backupSummarySchema = z
  .object({
    /** Rows of each table at the moment the backup was taken (tombstones included). */
    counts: countsSchema,
    /** Live records of each entity table (neither deleted nor in the bin): what a person is shown. */
    live: countsSchema,
    /** Rows written per table, repeats included: a reader checks it read exactly these. */
    written: countsSchema,
  })
  .strict();
export type BackupSummary = z.infer<typeof backupSummarySchema>;

const payloadSchema = z.union([
  z.object({ table: z.string().min(1).max(64), rows: z.array(z.record(z.string(), z.unknown())) }).strict(),
  z.object({ end: z.literal(true), summary: backupSummarySchema }).strict(),
]);
export type BackupPayload = z.infer<typeof payloadSchema>;

/**
 * Largest payload once decompressed. The writer splits its frames below it (48 MiB of JSON deflates well under
 * format.ts's MAX_FRAME), and a reader stops decompressing past it: a frame of a few megabytes that would expand
 * to gigabytes (a bomb) never takes the memory.
 */
export const MAX_PAYLOAD_BYTES = 48 * 1024 * 1024;

/** A payload too large for one frame: the writer splits its rows, and says so in French if one row alone is. */
export class PayloadTooLarge extends SyncError {
  constructor() {
    super('Sauvegarde impossible : un enregistrement dépasse à lui seul la taille d’un bloc (48 Mo).');
  }
}

export function encodePayload(payload: BackupPayload, maxBytes = MAX_PAYLOAD_BYTES): Uint8Array {
  const json = utf8(JSON.stringify(payload));
  if (json.length > maxBytes) throw new PayloadTooLarge();
  return deflateSync(json, { level: 4 });
}

export function decodePayload(bytes: Uint8Array, maxBytes = MAX_PAYLOAD_BYTES): BackupPayload {
  let json: unknown;
  try {
    const inflated = inflateAtMost(bytes, maxBytes);
    if (!inflated) throw new SyncError('Sauvegarde illisible : un bloc ne se décompresse pas, ou dépasse 48 Mo une fois décompressé.');
    json = JSON.parse(fromUtf8(inflated));
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw new SyncError('Sauvegarde illisible : un bloc ne se décompresse pas.');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new SyncError('Sauvegarde illisible : contenu inattendu.');
  return parsed.data;
}

/**
 * Follows the payloads of one backup in order and checks, at its end, that it held exactly what its summary
 * says: the summary comes last and only once, and every table has the rows written.
 */
export function backupTally(): { add(payload: BackupPayload): void; finish(): BackupSummary } {
  const rows: Record<string, number> = {};
  let summary: BackupSummary | undefined;
  return {
    add(payload) {
      if (summary) throw new SyncError('Sauvegarde abîmée : des données suivent la fin annoncée.');
      if ('end' in payload) summary = payload.summary;
      else rows[payload.table] = (rows[payload.table] ?? 0) + payload.rows.length;
    },
    finish() {
      if (!summary) throw new SyncError('Sauvegarde incomplète : sa fin manque (écriture interrompue ?). Rien n’a été restauré.');
      const tables = new Set([...Object.keys(rows), ...Object.keys(summary.written)]);
      for (const table of tables) {
        if ((rows[table] ?? 0) !== (summary.written[table] ?? 0)) throw new SyncError(`Sauvegarde incomplète : la table ${table} n’a pas toutes ses lignes.`);
      }
      return summary;
    },
  };
}
