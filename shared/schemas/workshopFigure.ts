import * as z from 'zod';
import { recordStamp, uuid } from './common.ts';

/** A calendar month, `yyyy-mm`. */
export const isoMonth = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, { error: 'Mois invalide (format attendu : mm/aaaa)' });

/** What a production workshop reports for one month. */
export const workshopFigureFields = z.object({
  programmeId: uuid,
  month: isoMonth,
  workers: z
    .number({ error: 'Travailleurs : nombre attendu' })
    .int({ error: 'Travailleurs : nombre entier attendu' })
    .min(0, { error: 'Travailleurs : nombre positif attendu' }),
  hoursWorked: z
    .number({ error: 'Heures travaillées : nombre attendu' })
    .min(0, { error: 'Heures travaillées : nombre positif attendu' })
    .refine((h) => Number.isInteger(h * 4), { error: 'Heures travaillées : par quarts d’heure' }),
});
export const workshopFigureSchema = recordStamp.extend(workshopFigureFields.shape);
export type WorkshopFigureInput = z.input<typeof workshopFigureFields>;
export type WorkshopFigure = z.infer<typeof workshopFigureSchema>;
