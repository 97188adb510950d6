import * as z from 'zod';
import { isoDate, optionalText, recordStamp, uuid } from './common.ts';

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
  })
  .refine((p) => p.plannedEnd >= p.startDate, { error: 'La fin prévue doit suivre le début', path: ['plannedEnd'] });
export const placementSchema = recordStamp.extend(placementFields.shape);
export type PlacementInput = z.input<typeof placementFields>;
export type Placement = z.infer<typeof placementSchema>;
