import { entities, isEntityName, type EntityName } from '../schemas/entities.ts';
import type { ReferenceData } from '../schemas/referenceData.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from '../errors.ts';
import { readIdentity } from './identity.ts';
import { entityTable } from './writer.ts';

const ISSUED = 'reference.issuedAt';
const DOMAINS = 'reference.activityDomains';
const SITES = 'reference.sites';
const SUMMARY = 'reference.summary';

/** Who wrote the records of a reference file, in their `updatedBy` stamp. */
export const REFERENCE_AUTHOR = 'ATIGIP (données de référence)';

export type ReferenceSite = ReferenceData['sites'][number];
export type ReferenceDomain = ReferenceData['activityDomains'][number];

export interface ReferenceSummary {
  issuedAt: string;
  appliedAt: string;
  activityDomains: number;
  sites: number;
  /** Live records received per registered entity. */
  records: Record<string, number>;
  /** Entities the file carries that this version does not know: left out (a later version applies the next file). */
  skipped: string[];
}

export type ReferenceOutcome = { applied: true; summary: ReferenceSummary } | { applied: false; reason: string };

function recordFromLine(entity: EntityName, line: Record<string, unknown>, index: number): Record<string, unknown> {
  const { entity: lineEntity, deleted: _deleted, ...record } = line;
  if (lineEntity !== undefined && lineEntity !== entity)
    throw new RepoError(`Données de référence : l’enregistrement ${index + 1} de « ${entity} » est d’un autre type.`);
  const parsed = entities[entity].schema.safeParse({ ...record, updatedBy: REFERENCE_AUTHOR });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join(' ; ');
    throw new RepoError(
      `Données de référence : ${entities[entity].label} ${index + 1} invalide (${detail}). Mettez Passerelle à jour ou demandez un nouveau fichier au siège.`,
    );
  }
  return parsed.data;
}

/**
 * Write reference data received from headquarters (its signature already checked) into the local lists:
 * national records (partners, agreements) replace the copies received before, and a received record that
 * headquarters no longer publishes becomes a tombstone. These writes do not enter the change log: a site
 * only reads reference data, it never sends it back. An older file than the one applied changes nothing.
 * Everything happens in one transaction; one invalid record refuses the whole file.
 */
export async function applyReferenceData(ctx: RepoContext, data: ReferenceData): Promise<ReferenceOutcome> {
  const identity = await readIdentity(ctx.db);
  if (!identity) throw new RepoError('Le site n’est pas encore configuré.');
  const known = Object.keys(data.records).filter(isEntityName);
  const skipped = Object.keys(data.records).filter((e) => !isEntityName(e));
  const prepared = known.map((entity) => ({ entity, records: (data.records[entity] ?? []).map((line, i) => recordFromLine(entity, line, i)) }));
  const tables = [ctx.db.meta, ...known.map((entity) => entityTable(ctx.db, entity))];
  return ctx.db.transaction('rw', tables, async () => {
    const previous = (await ctx.db.meta.get(ISSUED))?.value;
    if (typeof previous === 'string' && previous >= data.issuedAt) {
      return { applied: false, reason: `Ces données de référence (du ${data.issuedAt.slice(0, 10)}) ne sont pas plus récentes que celles déjà appliquées.` };
    }
    const counts: Record<string, number> = {};
    for (const { entity, records } of prepared) {
      const table = entityTable(ctx.db, entity);
      const incoming = new Set(records.map((r) => r.id as string));
      const received = await table.filter((r) => r.siteId !== identity.siteId && !r.deleted).toArray();
      const withdrawn = received.filter((r) => !incoming.has(r.id)).map((r) => ({ ...r, deleted: true as const, updatedBy: REFERENCE_AUTHOR }));
      // A site's own record never takes a reference id: the ids are UUID v7 made on different machines.
      const own = records.filter((r) => r.siteId !== identity.siteId);
      await table.bulkPut([...own, ...withdrawn] as never[]);
      counts[entity] = own.length;
    }
    const summary: ReferenceSummary = {
      issuedAt: data.issuedAt,
      appliedAt: new Date(ctx.clock.now()).toISOString(),
      activityDomains: data.activityDomains.length,
      sites: data.sites.length,
      records: counts,
      skipped,
    };
    await ctx.db.meta.bulkPut([
      { key: ISSUED, value: data.issuedAt },
      { key: DOMAINS, value: data.activityDomains },
      { key: SITES, value: data.sites },
      { key: SUMMARY, value: summary },
    ]);
    return { applied: true, summary };
  });
}

/** What the last reference file applied brought, or undefined before the first. */
export async function referenceSummary(ctx: RepoContext): Promise<ReferenceSummary | undefined> {
  return (await ctx.db.meta.get(SUMMARY))?.value as ReferenceSummary | undefined;
}

/** The directory of sites headquarters published. */
export async function referenceSites(ctx: RepoContext): Promise<ReferenceSite[]> {
  return ((await ctx.db.meta.get(SITES))?.value as ReferenceSite[] | undefined) ?? [];
}

/** Activity domains with headquarters' labels, as last published. */
export async function referenceActivityDomains(ctx: RepoContext): Promise<ReferenceDomain[]> {
  return ((await ctx.db.meta.get(DOMAINS))?.value as ReferenceDomain[] | undefined) ?? [];
}
