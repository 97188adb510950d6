import * as z from 'zod';
import { binnedField, isoDate, recordStamp, uuid } from './common.ts';
import { dayHours } from './session.ts';

/**
 * One participant on one day of a session. In a TIG pédagogique session linked to a measure, an
 * attendance with hours is the source of an hour log on that measure.
 */
export const attendanceFields = z
  .object({
    enrolmentId: uuid,
    /** Copied from the enrolment by the repository, so a session's grid loads without a join. */
    sessionId: uuid,
    /** Copied from the enrolment by the repository. */
    personId: uuid,
    date: isoDate,
    present: z.boolean({ error: 'Présence : présent ou absent' }),
    hours: dayHours('Heures', 12),
    /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
    binned: binnedField,
  })
  .refine((a) => (a.present ? a.hours > 0 : a.hours === 0), {
    error: 'Heures : un présent a des heures, un absent n’en a pas',
    path: ['hours'],
  });
export const attendanceSchema = recordStamp.extend(attendanceFields.shape);
export type AttendanceInput = z.input<typeof attendanceFields>;
export type Attendance = z.infer<typeof attendanceSchema>;
