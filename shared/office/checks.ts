import { Dexie } from 'dexie';
import { type OfficeCheck, type OfficeRule } from '../db/rows.ts';
import { type PasserelleDb } from '../db/database.ts';
import { agree } from '../format/agreement.ts';
import { formatDate, formatDateTime } from '../format/fr.ts';
import { holdsPlace, occupiedSpans, peakOverlap } from '../rules/capacity.ts';
import { amountWith, progressOfLogs } from '../rules/ordered.ts';
import { entities, type EntityName, type EntityRecord } from '../schemas/entities.ts';
import { type HourLog } from '../schemas/hourLog.ts';
import { type Person } from '../schemas/person.ts';
import { deviceOf } from '../sync/officeBatch.ts';
import { type VoidEdit } from '../sync/officeMerge.ts';
import { type RepoContext } from '../repos/context.ts';
import { isLive } from '../util.ts';
import { entityTable } from '../repos/writer.ts';

/**
 * Rules that hold on each workstation but may break once the office's changes are merged: each workstation
 * checked them against what it knew. Nothing is undone (every change is kept); what breaks is listed
 * "À vérifier" with the rule named, until the data satisfies the rule again or a person marks it checked.
 */
export const officeRuleLabels: Record<OfficeRule, string> = {
  lastPlace: 'Dernière place d’un poste prise deux fois',
  hoursBeyondOrdered: 'Heures au-delà de celles ordonnées',
  hoursAfterEnd: 'Heures saisies après la fin de la mesure',
  editedDeleted: 'Fiche modifiée sur un poste et supprimée sur un autre',
  duplicatePerson: 'Doublon possible',
};

export interface RecordRef {
  entity: EntityName;
  id: string;
}

const refKey = (r: RecordRef) => `${r.entity}:${r.id}`;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** Letters only, without case or accents: « Lefèvre » and « LEFEVRE » are one name. */
export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Two persons that may be one: same name and birth date, or same case number. */
export function samePerson(a: Pick<Person, 'lastName' | 'firstName' | 'birthDate' | 'caseNumber'>, b: typeof a): boolean {
  if (nameKey(a.caseNumber) !== '' && a.caseNumber.trim().toUpperCase() === b.caseNumber.trim().toUpperCase()) return true;
  return nameKey(a.lastName) === nameKey(b.lastName) && nameKey(a.firstName) === nameKey(b.firstName) && a.birthDate === b.birthDate;
}

/** The links from a record to the one it belongs to: an edit below a record deleted elsewhere is void too. */
const parentLinks: readonly { child: EntityName; field: string; parent: EntityName }[] = [
  { child: 'measure', field: 'personId', parent: 'person' },
  { child: 'placement', field: 'measureId', parent: 'measure' },
  { child: 'placement', field: 'postId', parent: 'post' },
  { child: 'hourLog', field: 'measureId', parent: 'measure' },
  { child: 'hourLog', field: 'placementId', parent: 'placement' },
  { child: 'incident', field: 'measureId', parent: 'measure' },
  { child: 'incident', field: 'placementId', parent: 'placement' },
  { child: 'post', field: 'organisationId', parent: 'organisation' },
  { child: 'tutor', field: 'organisationId', parent: 'organisation' },
  { child: 'habilitation', field: 'organisationId', parent: 'organisation' },
];

type Db = Pick<PasserelleDb, 'table' | 'checks'>;

function table<E extends EntityName>(db: Db, entity: E): Dexie.Table<EntityRecord<E>, string> {
  return entityTable(db as PasserelleDb, entity);
}

function check(rule: OfficeRule, key: string, records: RecordRef[], detail: string, devices: Iterable<string>, at: string): OfficeCheck {
  return { key, rule, records, recordKeys: records.map(refKey), detail, devices: [...new Set(devices)].sort(), detectedAt: at };
}

function personName(p: Pick<Person, 'lastName' | 'firstName'>): string {
  return `${p.lastName.toUpperCase()} ${p.firstName}`;
}

/** A post with more people holding a place on one day than it has places. */
async function lastPlace(db: Db, postId: string, at: string): Promise<OfficeCheck | undefined> {
  const post = await table(db, 'post').get(postId);
  if (!post || !isLive(post)) return undefined;
  const holding = (await table(db, 'placement').where('postId').equals(postId).toArray()).filter((p) => isLive(p) && holdsPlace(p.status));
  if (holding.length <= post.capacity) return undefined;
  const spans = occupiedSpans(holding);
  const from = spans.reduce((min, s) => (s.startDate < min ? s.startDate : min), '9999-12-31');
  const peak = peakOverlap(spans, from, '9999-12-31');
  if (peak.count <= post.capacity) return undefined;
  const there = holding.filter((p) => p.startDate <= peak.date && p.plannedEnd >= peak.date);
  const detail = `Poste « ${post.title} » : ${plural(peak.count, 'personne placée', 'personnes placées')} le ${formatDate(peak.date)} pour ${plural(post.capacity, 'place', 'places')}.`;
  return check(
    'lastPlace',
    `lastPlace:post:${postId}`,
    [{ entity: 'post', id: postId }, ...there.map((p) => ({ entity: 'placement' as const, id: p.id }))],
    detail,
    there.map((p) => deviceOf(p.updatedAt)),
    at,
  );
}

async function liveLogsOf(db: Db, index: 'measureId' | 'placementId', id: string): Promise<HourLog[]> {
  const logs = await table(db, 'hourLog')
    .where(index === 'measureId' ? '[measureId+date]' : '[placementId+date]')
    .between([id, Dexie.minKey], [id, Dexie.maxKey])
    .toArray();
  return logs.filter(isLive);
}

/** More hours (or days) done on a measure than the decision ordered. */
async function hoursBeyondOrdered(db: Db, measureId: string, at: string): Promise<OfficeCheck | undefined> {
  const measure = await table(db, 'measure').get(measureId);
  if (!measure || !isLive(measure)) return undefined;
  const logs = await liveLogsOf(db, 'measureId', measureId);
  const progress = progressOfLogs(measure, logs);
  if (progress.done <= progress.ordered) return undefined;
  const person = await table(db, 'person').get(measure.personId);
  const detail = `${person ? `${personName(person)} : ` : ''}${amountWith(progress.unit, progress.done, 'effectué')} pour ${amountWith(progress.unit, progress.ordered, 'ordonné')}.`;
  return check(
    'hoursBeyondOrdered',
    `hoursBeyondOrdered:measure:${measureId}`,
    [{ entity: 'measure', id: measureId }],
    detail,
    logs.map((l) => deviceOf(l.updatedAt)),
    at,
  );
}

/** Hours dated after the real end of a measure or of a placement, entered elsewhere before the end was known. */
async function hoursAfterEnd(db: Db, entity: 'measure' | 'placement', id: string, at: string): Promise<OfficeCheck | undefined> {
  const record = await table(db, entity).get(id);
  if (!record || !isLive(record) || record.endedOn === undefined) return undefined;
  const endedOn = record.endedOn;
  const late = (await liveLogsOf(db, entity === 'measure' ? 'measureId' : 'placementId', id)).filter((l) => l.date > endedOn);
  if (late.length === 0) return undefined;
  const what = entity === 'measure' ? 'La mesure a pris fin' : 'La mise en situation a pris fin';
  const detail = `${what} le ${formatDate(endedOn)} ; ${plural(late.length, 'saisie d’heures est datée', 'saisies d’heures sont datées')} après (${late.map((l) => formatDate(l.date)).join(', ')}).`;
  return check(
    'hoursAfterEnd',
    `hoursAfterEnd:${entity}:${id}`,
    [{ entity, id }, ...late.map((l) => ({ entity: 'hourLog' as const, id: l.id }))],
    detail,
    [deviceOf(record.updatedAt), ...late.map((l) => deviceOf(l.updatedAt))],
    at,
  );
}

/** A live record whose parent was deleted (on another workstation: locally the repositories refuse it). */
async function orphan(db: Db, entity: EntityName, id: string, at: string): Promise<OfficeCheck | undefined> {
  const record = (await table(db, entity).get(id)) as (Record<string, unknown> & { updatedAt: string; deleted?: true }) | undefined;
  if (!record || record.deleted) return undefined;
  for (const link of parentLinks.filter((l) => l.child === entity)) {
    const parentId = record[link.field];
    if (typeof parentId !== 'string') continue;
    const parent = await table(db, link.parent).get(parentId);
    if (!parent?.deleted) continue;
    const detail = `${entities[entity].label} ${agree('rattaché', entities[entity].gender)} à : ${entities[link.parent].label.toLowerCase()} ${agree('supprimé', entities[link.parent].gender)} le ${formatDateTime(parent.updatedAt.slice(0, 24))} sur un autre poste.`;
    return check(
      'editedDeleted',
      `editedDeleted:parent:${entity}:${id}`,
      [
        { entity, id },
        { entity: link.parent, id: parentId },
      ],
      detail,
      [deviceOf(record.updatedAt), deviceOf(parent.updatedAt)],
      at,
    );
  }
  return undefined;
}

async function duplicatePair(db: Db, aId: string, bId: string, at: string): Promise<OfficeCheck | undefined> {
  const [a, b] = await table(db, 'person').bulkGet([aId, bId]);
  if (!a || !b || !isLive(a) || !isLive(b) || !samePerson(a, b)) return undefined;
  const [first, second] = aId < bId ? [a, b] : [b, a];
  const why =
    first.caseNumber.trim().toUpperCase() === second.caseNumber.trim().toUpperCase()
      ? `même numéro de dossier (${first.caseNumber})`
      : `mêmes nom, prénom et date de naissance (${formatDate(first.birthDate)})`;
  return check(
    'duplicatePerson',
    `duplicatePerson:${first.id}:${second.id}`,
    [
      { entity: 'person', id: first.id },
      { entity: 'person', id: second.id },
    ],
    `${personName(first)} et ${personName(second)} : ${why}.`,
    [deviceOf(first.updatedAt), deviceOf(second.updatedAt)],
    at,
  );
}

async function duplicatesOf(db: Db, personId: string): Promise<string[]> {
  const person = await table(db, 'person').get(personId);
  if (!person || !isLive(person)) return [];
  const sameCase = await table(db, 'person').where('caseNumber').equals(person.caseNumber).toArray();
  const sameName = await table(db, 'person').where('birthDate').equals(person.birthDate).toArray();
  const others = [...sameCase, ...sameName].filter((p) => p.id !== personId && isLive(p) && samePerson(person, p));
  return [...new Set(others.map((p) => (p.id < personId ? `duplicatePerson:${p.id}:${personId}` : `duplicatePerson:${personId}:${p.id}`)))];
}

/** Evaluate the check named by its key: the rule and its subject are in it. */
async function evaluate(db: Db, key: string, at: string): Promise<OfficeCheck | undefined> {
  const [rule, a, b, c] = key.split(':') as [string, string, string, string | undefined];
  if (rule === 'lastPlace') return lastPlace(db, b, at);
  if (rule === 'hoursBeyondOrdered') return hoursBeyondOrdered(db, b, at);
  if (rule === 'hoursAfterEnd') return hoursAfterEnd(db, a as 'measure' | 'placement', b, at);
  if (rule === 'duplicatePerson') return duplicatePair(db, a, b, at);
  if (rule === 'editedDeleted' && a === 'parent' && c !== undefined) return orphan(db, b as EntityName, c, at);
  return undefined;
}

/** The checks a changed record may break or mend. */
async function subjectsOf(db: Db, ref: RecordRef): Promise<string[]> {
  const keys: string[] = [];
  const record = (await table(db, ref.entity).get(ref.id)) as (Record<string, unknown> & { deleted?: true }) | undefined;
  if (!record) return keys;
  if (ref.entity === 'post') keys.push(`lastPlace:post:${ref.id}`);
  if (ref.entity === 'placement') {
    keys.push(`lastPlace:post:${String(record.postId)}`, `hoursAfterEnd:placement:${ref.id}`);
  }
  if (ref.entity === 'measure') keys.push(`hoursBeyondOrdered:measure:${ref.id}`, `hoursAfterEnd:measure:${ref.id}`);
  if (ref.entity === 'hourLog') {
    keys.push(`hoursBeyondOrdered:measure:${String(record.measureId)}`, `hoursAfterEnd:measure:${String(record.measureId)}`);
    if (typeof record.placementId === 'string') keys.push(`hoursAfterEnd:placement:${record.placementId}`);
  }
  if (ref.entity === 'person') keys.push(...(await duplicatesOf(db, ref.id)));
  if (parentLinks.some((l) => l.child === ref.entity)) keys.push(`editedDeleted:parent:${ref.entity}:${ref.id}`);
  if (record.deleted) {
    for (const link of parentLinks.filter((l) => l.parent === ref.entity)) {
      const children = await table(db, link.child).where(link.field).equals(ref.id).toArray();
      for (const child of children) if (isLive(child)) keys.push(`editedDeleted:parent:${link.child}:${child.id}`);
    }
  }
  return keys;
}

/** Keep what was found (a dismissed entry stays dismissed) and drop what no longer breaks its rule. */
async function settle(db: Db, keys: Iterable<string>, at: string): Promise<number> {
  let open = 0;
  for (const key of new Set(keys)) {
    const found = await evaluate(db, key, at);
    const previous = await db.checks.get(key);
    if (!found) {
      if (previous) await db.checks.delete(key);
      continue;
    }
    const kept: OfficeCheck = previous
      ? { ...found, detectedAt: previous.detectedAt, ...(previous.dismissedAt ? { dismissedAt: previous.dismissedAt } : {}) }
      : found;
    await db.checks.put(kept);
    if (!kept.dismissedAt) open++;
  }
  return open;
}

/**
 * After a colleague's file was applied (inside its transaction): check the rules on the records it touched,
 * and record the edits a deletion made void. Returns how many entries are open for these records.
 */
export async function checkTouchedIn(db: Db, touched: readonly RecordRef[], voidEdits: readonly (VoidEdit & RecordRef)[], at: string): Promise<number> {
  const keys: string[] = [];
  for (const ref of touched) keys.push(...(await subjectsOf(db, ref)));
  const listed = await db.checks.where('recordKeys').anyOf(touched.map(refKey)).primaryKeys();
  let open = await settle(db, [...keys, ...listed], at);
  for (const edit of voidEdits) {
    const key = `editedDeleted:${edit.entity}:${edit.id}:${edit.editClock}`;
    if (await db.checks.get(key)) continue;
    const labels = edit.fields.map((f) => `« ${f} »`).join(', ');
    const detail = `${entities[edit.entity].label} ${agree('supprimé', entities[edit.entity].gender)} le ${formatDateTime(edit.deleteClock.slice(0, 24))} ; ${agree('modifié', entities[edit.entity].gender)} sur un autre poste le ${formatDateTime(edit.editClock.slice(0, 24))} (${labels}) : la suppression l’emporte, la modification n’est pas retenue.`;
    await db.checks.put(
      check('editedDeleted', key, [{ entity: edit.entity, id: edit.id }], detail, [deviceOf(edit.editClock), deviceOf(edit.deleteClock)], at),
    );
    open++;
  }
  return open;
}

/**
 * Evaluate every listed entry again: one whose records now satisfy the rule (a placement ended, hours
 * corrected, duplicates merged) leaves the list. Run when the list is opened and after each office exchange.
 */
export async function recheckOfficeChecks(ctx: RepoContext): Promise<void> {
  const { db } = ctx;
  const at = new Date(ctx.clock.now()).toISOString();
  await db.transaction('rw', db.tables, async () => {
    const keys = (await db.checks.toCollection().primaryKeys()).filter((k) => !/^editedDeleted:(?!parent:)/.test(k));
    await settle(db, keys, at);
  });
}

/** Entries a person has not marked checked, newest first. */
export async function openOfficeChecks(ctx: RepoContext): Promise<OfficeCheck[]> {
  const rows = await ctx.db.checks.orderBy('detectedAt').reverse().toArray();
  return rows.filter((r) => !r.dismissedAt);
}

/** What the dashboard counts. */
export async function openOfficeCheckCount(ctx: RepoContext): Promise<number> {
  return ctx.db.checks.filter((r) => !r.dismissedAt).count();
}

/** A person looked at the entry and leaves the data as it is: it leaves the list for good on this workstation. */
export async function dismissOfficeCheck(ctx: RepoContext, key: string): Promise<void> {
  const at = new Date(ctx.clock.now()).toISOString();
  await ctx.db.transaction('rw', ctx.db.checks, async () => {
    const entry = await ctx.db.checks.get(key);
    if (entry && !entry.dismissedAt) await ctx.db.checks.put({ ...entry, dismissedAt: at });
  });
}
