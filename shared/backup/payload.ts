import { deflateSync, inflateSync } from 'fflate';
import * as z from 'zod';
import { fromUtf8, utf8 } from '../sync/bytes.ts';
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

export function encodePayload(payload: BackupPayload): Uint8Array {
  return deflateSync(utf8(JSON.stringify(payload)), { level: 4 });
}

export function decodePayload(bytes: Uint8Array): BackupPayload {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(inflateSync(bytes)));
  } catch {
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
