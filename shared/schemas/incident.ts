import * as z from 'zod';
import { binnedField, isoDate, recordStamp, requiredText, uuid } from './common.ts';

export const incidentKinds = ['absence_injustifiee', 'retard', 'comportement', 'accident', 'autre'] as const;
export type IncidentKind = (typeof incidentKinds)[number];
export const incidentKindLabels: Record<IncidentKind, string> = {
  absence_injustifiee: 'Absence injustifiée',
  retard: 'Retard',
  comportement: 'Comportement',
  accident: 'Accident',
  autre: 'Autre',
};

/** An incident during a measure, reported to the JAP. */
export const incidentFields = z.object({
  measureId: uuid,
  placementId: uuid.optional(),
  /** Copied from the measure by the repository. */
  personId: uuid,
  date: isoDate,
  kind: z.enum(incidentKinds, { error: 'Nature de l’incident : choisissez une valeur de la liste' }),
  description: requiredText('Description', 4000),
  reportedToJapOn: isoDate.optional(),
  /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
  binned: binnedField,
});
export const incidentSchema = recordStamp.extend(incidentFields.shape);
export type IncidentInput = z.input<typeof incidentFields>;
export type Incident = z.infer<typeof incidentSchema>;
