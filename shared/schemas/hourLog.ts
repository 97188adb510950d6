import * as z from 'zod';
import { binnedField, isoDate, optionalText, recordStamp, uuid } from './common.ts';

/** Hours done on one day, on a placement or in a TIG pédagogique session, counted on a measure. */
export const hourLogFields = z
  .object({
    measureId: uuid,
    /** Copied from the measure by the repository, for the per-person daily limit. */
    personId: uuid,
    placementId: uuid.optional(),
    /** Set when the hours come from attendance at a TIG pédagogique session (the attendance is the source). */
    attendanceId: uuid.optional(),
    date: isoDate,
    hours: z
      .number({ error: 'Heures : nombre attendu' })
      .positive({ error: 'Heures : nombre positif attendu' })
      .max(24, { error: 'Heures : 24 au plus' })
      .refine((h) => Number.isInteger(h * 4), { error: 'Heures : par quarts d’heure (ex. 3,25 ; 3,5 ; 3,75)' }),
    confirmedByTutor: z.boolean(),
    comment: optionalText('Commentaire', 1000),
    /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
    binned: binnedField,
  })
  .refine((l) => (l.placementId === undefined) !== (l.attendanceId === undefined), {
    error: 'Une saisie d’heures se rattache à une mise en situation ou à une séance, et à une seule',
    path: ['placementId'],
  });
export const hourLogSchema = recordStamp.extend(hourLogFields.shape);
export type HourLogInput = z.input<typeof hourLogFields>;
export type HourLog = z.infer<typeof hourLogSchema>;
