import * as z from 'zod';
import { binnedField, recordStamp, uuid } from './common.ts';

export const enrolmentStatuses = ['inscrit', 'present', 'abandon', 'exclu'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  inscrit: 'Inscrit',
  present: 'Présent',
  abandon: 'Abandon',
  exclu: 'Exclu',
};
/**
 * Why attendance can no longer be entered for an enrolment, or undefined when it can. An abandon or an
 * exclusion carries no date: the days attended before it stay as recorded, and nothing more is entered,
 * changed or cleared until the status is set back.
 */
export function attendanceClosedReason(status: EnrolmentStatus): string | undefined {
  if (status === 'abandon') return 'Participant en abandon : sa présence ne se saisit plus.';
  if (status === 'exclu') return 'Participant exclu : sa présence ne se saisit plus.';
  return undefined;
}

/** Statuses that hold a place in the session. */
export const placeHoldingStatuses: readonly EnrolmentStatus[] = ['inscrit', 'present'];

/**
 * A person enrolled in a session: a person followed in the community or a detainee, both recorded as a
 * Person. In a TIG pédagogique session the enrolment names the TIG measure its hours count on.
 */
export const enrolmentFields = z.object({
  sessionId: uuid,
  personId: uuid,
  measureId: uuid.optional(),
  status: z.enum(enrolmentStatuses, { error: 'Statut : choisissez une valeur de la liste' }),
  /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
  binned: binnedField,
});
export const enrolmentSchema = recordStamp.extend(enrolmentFields.shape);
export type EnrolmentInput = z.input<typeof enrolmentFields>;
export type Enrolment = z.infer<typeof enrolmentSchema>;
