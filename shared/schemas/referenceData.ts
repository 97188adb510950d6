import * as z from 'zod';
import { uuid } from './common.ts';
import { siteKinds } from './site.ts';

/**
 * Reference data headquarters publishes: activity domains, the directory of sites, and the records of
 * national reference entities (partners and agreements, once registered) in their consolidated form.
 */
export const referenceDataSchema = z
  .object({
    kind: z.literal('passerelle-reference'),
    issuedAt: z.iso.datetime(),
    activityDomains: z.array(z.object({ code: z.string(), label: z.string() }).strict()),
    sites: z.array(
      z
        .object({
          siteId: uuid,
          code: z.string(),
          name: z.string(),
          kind: z.enum(siteKinds),
          departement: z.string(),
        })
        .strict(),
    ),
    records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  })
  .strict();
export type ReferenceData = z.infer<typeof referenceDataSchema>;
