import * as z from 'zod';
import { type ChangeOp } from '../db/rows.ts';
import { uuid } from '../schemas/common.ts';
import { entities, isEntityName, type EntityName } from '../schemas/entities.ts';
import { isHlc, parseHlc } from '../db/hlc.ts';

/*
 * What the workstations of one office exchange through the office share: batches of their own change-log rows,
 * with full identities (one service), and snapshots of the whole site for a workstation that joins. The Node
 * side reads, verifies and decrypts the files (docs/sync-format.md, "The office"); the page, which holds the
 * database, checks every row again here before applying anything.
 */

/** One change-log row of the workstation that wrote the batch (its device is the node of the clock). */
export interface OfficeRow {
  entity: EntityName;
  recordId: string;
  op: ChangeOp;
  clock: string;
  /** Who made the change, as the author's change log says. */
  by: string;
  fields: Record<string, unknown>;
}

/** What a workstation had applied: the highest batch of each workstation (its own included), by device id. */
export type AppliedVector = Record<string, number>;

export interface OfficeBatch {
  /** The author: the workstation whose rows these are. */
  deviceId: string;
  /** The author's batch number, from 1, without gaps. */
  sequence: number;
  /** What the author had applied when it wrote the batch: it is applied only after the same (causal order). */
  after: AppliedVector;
  rows: OfficeRow[];
}

const hlc = z.string().refine(isHlc, { error: 'Horloge invalide' });

export const appliedVector = z.record(uuid, z.number().int().min(0));

const rowShape = z
  .object({
    entity: z.string().max(60),
    recordId: z.string().max(100),
    op: z.enum(['create', 'update', 'delete']),
    clock: hlc,
    by: z.string().min(1).max(200),
    fields: z.record(z.string().max(100), z.unknown()),
  })
  .strict();

/** A batch as it crosses the bridge: the shape only; `checkOfficeBatch` checks every row against its entity. */
export const officeBatchSchema = z
  .object({
    deviceId: uuid,
    sequence: z.number().int().min(1),
    after: appliedVector,
    rows: z.array(rowShape).max(1_000_000),
  })
  .strict();

function fieldShape(entity: EntityName): Record<string, z.ZodType> {
  return (entities[entity].fields as unknown as { shape: Record<string, z.ZodType> }).shape;
}

/**
 * Check one row against the schema of its entity: a created record complete and valid, each field of an update
 * valid on its own (a cleared one optional), a deletion with no field. The French reason when it does not fit.
 */
export function checkOfficeRow(raw: z.infer<typeof rowShape>, deviceId: string): OfficeRow | string {
  const { entity, recordId, op, clock, by, fields } = raw;
  if (!isEntityName(entity)) return `Type d’enregistrement inconnu : « ${entity} » (fichier écrit par une version plus récente de Passerelle ?).`;
  const label = entities[entity].label;
  if (!uuid.safeParse(recordId).success) return `${label} : identifiant « ${recordId} » invalide.`;
  if (parseHlc(clock).node !== deviceId) return `${label} ${recordId} : changement daté par un autre poste que l’auteur du fichier.`;
  if (op === 'delete') {
    if (Object.keys(fields).length > 0) return `${label} ${recordId} : une suppression ne porte aucun champ.`;
  } else if (op === 'create') {
    const parsed = entities[entity].fields.safeParse(fields);
    if (!parsed.success) return `${label} ${recordId} : ${parsed.error.issues[0]?.message ?? 'fiche invalide'}.`;
  } else {
    const shape = fieldShape(entity);
    for (const [name, value] of Object.entries(fields)) {
      const schema = shape[name];
      if (!schema) return `${label} ${recordId} : champ inconnu « ${name} » (fichier écrit par une version plus récente de Passerelle ?).`;
      const parsed = value === null ? schema.safeParse(undefined) : schema.safeParse(value);
      if (!parsed.success) return `${label} ${recordId} : ${name} : ${parsed.error.issues[0]?.message ?? 'valeur invalide'}.`;
    }
  }
  return { entity, recordId, op, clock, by, fields };
}

/** Every row of a batch checked; the first problem refuses the whole batch (nothing of it is applied). */
export function checkOfficeBatch(raw: z.infer<typeof officeBatchSchema>): { ok: true; batch: OfficeBatch } | { ok: false; reason: string } {
  const rows: OfficeRow[] = [];
  for (const row of raw.rows) {
    const checked = checkOfficeRow(row, raw.deviceId);
    if (typeof checked === 'string') return { ok: false, reason: checked };
    rows.push(checked);
  }
  return { ok: true, batch: { deviceId: raw.deviceId, sequence: raw.sequence, after: raw.after, rows } };
}

/** The device that made a write: the node of its clock. */
export function deviceOf(clock: string): string {
  return parseHlc(clock).node;
}

/** Why a batch cannot be applied yet, or undefined when its turn has come (causal order). */
export function waitingReason(applied: AppliedVector, batch: Pick<OfficeBatch, 'deviceId' | 'sequence' | 'after'>): string | undefined {
  const done = applied[batch.deviceId] ?? 0;
  if (done < batch.sequence - 1) return `les changements n° ${done + 1} à ${batch.sequence - 1} de ce poste manquent encore`;
  for (const [device, sequence] of Object.entries(batch.after)) {
    if (device !== batch.deviceId && (applied[device] ?? 0) < sequence) return `il suit des changements d’un autre poste qui ne sont pas encore arrivés`;
  }
  return undefined;
}
