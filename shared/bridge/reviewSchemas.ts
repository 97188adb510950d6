import * as z from 'zod';
import { uuid } from '../schemas/common.ts';
import { disps, establishmentProfileFields } from '../schemas/establishmentProfile.ts';
import { entityNames } from '../schemas/entities.ts';
import { workDomains } from '../schemas/programme.ts';
import { siteKinds } from '../schemas/site.ts';

/**
 * What the headquarters review channels carry: the annual review computed in Node from the consolidated
 * store (shared/review/types.ts, as data), the site directory the scope is chosen from, and the
 * establishments' profiles a company's request is answered with.
 */

const name = z.string().trim().min(1, { error: 'Nom vide' }).max(200, { error: 'Nom trop long (200 caractères au plus)' });

export const reviewScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site'), siteId: uuid }).strict(),
  z.object({ kind: z.literal('disp'), disp: name }).strict(),
  z.object({ kind: z.literal('region'), region: name }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);

export const reviewYear = z
  .number({ error: 'Année : nombre attendu' })
  .int({ error: 'Année : nombre entier attendu' })
  .min(2000, { error: 'Année : 2000 au plus tôt' })
  .max(2100, { error: 'Année : 2100 au plus tard' });

export const siteDirectoryEntry = z.object({
  siteId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(siteKinds),
  departement: z.string(),
  region: z.string(),
  disp: z.string(),
});

const reviewValue = z.union([z.string(), z.number(), z.null()]);
const reviewRow = z.record(z.string(), reviewValue);

export const reviewTable = z.object({
  id: z.string(),
  sheet: z.string(),
  title: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'count', 'hours', 'ratio']) })),
  rows: z.array(reviewRow),
  total: reviewRow.optional(),
});

export const annualReviewSchema = z.object({
  year: z.number().int(),
  scope: reviewScope,
  scopeLabel: z.string(),
  territoryLevel: z.enum(['site', 'departement', 'disp', 'region']),
  title: z.string(),
  sites: z.array(siteDirectoryEntry),
  tables: z.array(reviewTable),
});

const minArea = (label: string) =>
  z
    .number({ error: `${label} : nombre de m² attendu` })
    .min(0, { error: `${label} : nombre positif attendu` })
    .max(1_000_000, { error: `${label} : 1 000 000 m² au plus` });

export const establishmentFilterSchema = z
  .object({
    disp: z.enum(disps, { error: 'DISP : choisissez une valeur de la liste' }).optional(),
    domain: z.enum(workDomains, { error: 'Domaine d’activité : choisissez une valeur de la liste' }).optional(),
    minProductionArea: minArea('Surface de production minimale').optional(),
    minStorageArea: minArea('Surface de stockage minimale').optional(),
  })
  .strict();

/** An establishment's profile as it reached headquarters (its notes stay on the site), with its site's code. */
export const establishmentRow = establishmentProfileFields.omit({ notes: true }).extend({
  id: z.string(),
  siteId: z.string(),
  siteCode: z.string().nullable(),
});
export type EstablishmentRow = z.infer<typeof establishmentRow>;

/** Headquarters' home screen (shared/review/hqDashboard.ts). */
export const hqDashboardSchema = z.object({
  on: z.string(),
  sites: z.array(
    siteDirectoryEntry.extend({
      lastBundleAt: z.string().nullable(),
      lagDays: z.number().int().min(0).nullable(),
      late: z.boolean(),
      retired: z.boolean(),
    }),
  ),
  records: z.array(z.object({ region: z.string(), disp: z.string(), entity: z.enum(entityNames), count: z.number().int().min(0) })),
  hoursByMonth: z.array(z.object({ month: z.string(), hours: z.number() })),
});
