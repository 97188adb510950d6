import * as z from 'zod';
import { uuid } from './common.ts';
import { siteKinds } from './site.ts';

const hexKey = z.string().regex(/^[0-9a-f]{64}$/);

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
          /** The site's pinned Ed25519 key: a file another site says it signed is checked against it. */
          signingKey: hexKey.optional(),
          /** The site's X25519 key: files transferred to it are encrypted to it (absent until a bundle announced it). */
          encryptionKey: hexKey.optional(),
        })
        .strict(),
    ),
    records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  })
  .strict();
export type ReferenceData = z.infer<typeof referenceDataSchema>;
