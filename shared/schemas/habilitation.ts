import * as z from 'zod';
import { binnedField, isoDate, recordStamp, uuid } from './common.ts';

/** A TIG habilitation of a host organisation: valid from a date, until an optional date, unless withdrawn. */
export const habilitationFields = z
  .object({
    organisationId: uuid,
    decisionDate: isoDate,
    validFrom: isoDate,
    validUntil: isoDate.optional(),
    withdrawnOn: isoDate.optional(),
    /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
    binned: binnedField,
  })
  .refine((h) => !h.validUntil || h.validUntil >= h.validFrom, {
    error: 'La fin de validité doit suivre le début de validité',
    path: ['validUntil'],
  })
  .refine((h) => !h.withdrawnOn || h.withdrawnOn >= h.decisionDate, {
    error: 'Le retrait ne peut précéder la décision',
    path: ['withdrawnOn'],
  });
export const habilitationSchema = recordStamp.extend(habilitationFields.shape);
export type HabilitationInput = z.input<typeof habilitationFields>;
export type Habilitation = z.infer<typeof habilitationSchema>;
