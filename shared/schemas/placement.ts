import * as z from 'zod';
import { binnedField, isoDate, optionalText, recordStamp, uuid } from './common.ts';

export const placementStatuses = ['prevue', 'en_cours', 'terminee', 'interrompue'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];
export const placementStatusLabels: Record<PlacementStatus, string> = {
  prevue: 'Prévue',
  en_cours: 'En cours',
  terminee: 'Terminée',
  interrompue: 'Interrompue',
};

/** A person placed on a TIG post for a measure (mise en situation). */
export const placementFields = z
  .object({
    measureId: uuid,
    postId: uuid,
    /** Copied from the measure by the repository, so per-person queries need no join. */
    personId: uuid,
    startDate: isoDate,
    plannedEnd: isoDate,
    weeklySchedule: optionalText('Planning hebdomadaire', 1000),
    status: z.enum(placementStatuses),
    /**
     * Real last day of an ended placement (hours may be done on it; its place is free from the next day).
     * Absent while it holds its place, and for one interrupted before it began.
     */
    endedOn: isoDate.optional(),
    /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
    binned: binnedField,
  })
  .refine((p) => p.plannedEnd >= p.startDate, { error: 'La fin prévue doit suivre le début', path: ['plannedEnd'] })
  .refine((p) => p.endedOn === undefined || p.endedOn >= p.startDate, { error: 'La fin réelle ne peut précéder le début', path: ['endedOn'] })
  .refine((p) => (p.endedOn === undefined ? p.status !== 'terminee' : p.status === 'terminee' || p.status === 'interrompue'), {
    error:
      'La fin réelle est renseignée pour une mise en situation terminée ou interrompue, et pour elle seule (une mise en situation terminée en a toujours une)',
    path: ['endedOn'],
  });
export const placementSchema = recordStamp.extend(placementFields.shape);
export type PlacementInput = z.input<typeof placementFields>;
export type Placement = z.infer<typeof placementSchema>;
