import { type OfficeCheck, type OfficeConflict } from '../db/rows.ts';
import { type PasserelleDb } from '../db/database.ts';
import { agree } from '../format/agreement.ts';
import { entities, type EntityName } from '../schemas/entities.ts';
import { labelOf } from '../schemas/labels.ts';
import { deviceOf } from '../sync/officeBatch.ts';
import { type RepoContext } from '../repos/context.ts';
import { RepoError } from '../errors.ts';
import { isLive } from '../util.ts';
import { lastOfficeSync } from './apply.ts';
import { openOfficeChecks } from './checks.ts';
import { entityTable, writeTransaction } from '../repos/writer.ts';

/**
 * What the office's review screens show: the conflicts ("Conflits") and the rules to check ("À vérifier"), each
 * record named as a person reads it and with what to open, each workstation by its name.
 */

/** A record as a review line names it, and the record whose page shows it. */
export interface RecordMention {
  entity: EntityName;
  id: string;
  /** « Personne LEFÈVRE Julien », « Poste de TIG Entretien des espaces verts ». */
  label: string;
  deleted: boolean;
  /** What to open: a person's page for what belongs to a person, an organisation's or a post's page. */
  opens?: { kind: 'person' | 'organisation' | 'post'; id: string };
}

type Row = Record<string, unknown> & { id: string; deleted?: true };

function nameOf(entity: EntityName, r: Row): string {
  const text = (key: string) => (typeof r[key] === 'string' ? (r[key] as string) : '');
  if (entity === 'person' || entity === 'tutor') return `${text('lastName').toUpperCase()} ${text('firstName')}`.trim();
  if (entity === 'hourLog' || entity === 'incident') return text('date').split('-').reverse().join('/');
  for (const key of ['name', 'title', 'caseNumber', 'month']) if (text(key)) return text(key);
  return '';
}

export async function mentionOf(db: PasserelleDb, entity: EntityName, id: string): Promise<RecordMention> {
  const record = (await entityTable(db, entity).get(id)) as Row | undefined;
  const label = `${entities[entity].label}${record ? ` ${nameOf(entity, record)}` : ''}`.trim();
  const mention: RecordMention = { entity, id, label, deleted: !record || record.deleted === true };
  if (!record) return mention;
  const personId = entity === 'person' ? id : typeof record.personId === 'string' ? record.personId : undefined;
  if (personId) mention.opens = { kind: 'person', id: personId };
  else if (entity === 'organisation') mention.opens = { kind: 'organisation', id };
  else if (entity === 'post') mention.opens = { kind: 'post', id };
  else if (typeof record.organisationId === 'string') mention.opens = { kind: 'organisation', id: record.organisationId };
  return mention;
}

export interface ConflictRow extends OfficeConflict {
  record: RecordMention;
  fieldLabel: string;
  /** Names of the workstations that wrote each value (their device id when unknown). */
  keptOn: string;
  lostOn: string;
}

/** Conflicts a person has not settled, newest first. */
export async function openOfficeConflicts(ctx: RepoContext): Promise<ConflictRow[]> {
  const names = (await lastOfficeSync(ctx))?.names ?? {};
  const on = (clock: string) => names[deviceOf(clock)] ?? deviceOf(clock);
  const rows = (await ctx.db.conflicts.orderBy('recordedAt').reverse().toArray()).filter((c) => !c.settledAt);
  return Promise.all(
    rows.map(async (c) => ({
      ...c,
      record: await mentionOf(ctx.db, c.entity, c.recordId),
      fieldLabel: labelOf(c.entity, c.field),
      keptOn: on(c.kept.clock),
      lostOn: on(c.lost.clock),
    })),
  );
}

export async function openOfficeConflictCount(ctx: RepoContext): Promise<number> {
  return ctx.db.conflicts.filter((c) => !c.settledAt).count();
}

async function settle(ctx: RepoContext, key: string): Promise<OfficeConflict> {
  const conflict = await ctx.db.conflicts.get(key);
  if (!conflict) throw new RepoError('Conflit introuvable : il a peut-être déjà été réglé.');
  await ctx.db.conflicts.put({ ...conflict, settledAt: new Date(ctx.clock.now()).toISOString() });
  return conflict;
}

/** The value kept everywhere is the right one: the conflict leaves the list. */
export async function keepWinningValue(ctx: RepoContext, key: string): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.conflicts, () => settle(ctx, key));
}

/**
 * "Garder cette valeur": the value that lost is written again, as a change of this workstation (with a newer
 * clock it wins everywhere at the next exchange), and the conflict leaves the list, in one transaction.
 */
export async function keepLostValue(ctx: RepoContext, key: string): Promise<void> {
  await writeTransaction(ctx, async (w) => {
    const conflict = await settle(ctx, key);
    const record = await w.get(conflict.entity, conflict.recordId);
    if (!record || !isLive(record))
      throw new RepoError(
        `${entities[conflict.entity].label} ${agree('supprimé', entities[conflict.entity].gender)} depuis : la valeur ne peut plus être remise.`,
      );
    await w.update(conflict.entity, conflict.recordId, { [conflict.field]: conflict.lost.value ?? undefined } as never);
  });
}

export interface CheckRow extends OfficeCheck {
  mentions: RecordMention[];
  deviceNames: string[];
}

/** The rules to check, with their records named and their workstations by name. */
export async function officeCheckRows(ctx: RepoContext): Promise<CheckRow[]> {
  const names = (await lastOfficeSync(ctx))?.names ?? {};
  const checks = await openOfficeChecks(ctx);
  return Promise.all(
    checks.map(async (c) => ({
      ...c,
      mentions: await Promise.all(c.records.map((r) => mentionOf(ctx.db, r.entity, r.id))),
      deviceNames: c.devices.map((d) => names[d] ?? d),
    })),
  );
}
