import * as z from 'zod';
import { binnedField, isoDate, optionalText, recordStamp, requiredText, uuid } from './common.ts';
import { MAX_PERIOD_MONTHS, openSuspension, PERIOD_TOO_LONG, periodMonthsError, suspensionsError } from '../rules/deadline.ts';
import { HOURS_ORDERED_QUARTERS, hoursOrderedError } from '../rules/hours.ts';
import { orderedOf, orderedUnitError } from '../rules/ordered.ts';
import { measureKinds, offenceCategories } from './measureKinds.ts';

export const measureStatuses = ['a_affecter', 'en_cours', 'suspendue', 'terminee', 'echue', 'revoquee', 'transferee'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];
export const measureStatusLabels: Record<MeasureStatus, string> = {
  a_affecter: 'À affecter',
  en_cours: 'En cours',
  suspendue: 'Suspendue',
  terminee: 'Terminée',
  echue: 'Échue',
  revoquee: 'Révoquée',
  transferee: 'Transférée',
};

/** A suspension of the period by the JAP or by incarceration; `to` (inclusive) stays empty while it goes on. */
/** The most suspensions one measure records (what travels is bounded, even a list). */
export const MAX_SUSPENSIONS = 100;

export const suspensionSchema = z
  .object({
    from: isoDate,
    to: isoDate.optional(),
    reason: requiredText('Motif de la suspension', 500),
  })
  .refine((s) => s.to === undefined || s.to >= s.from, { error: 'La fin de suspension doit suivre son début', path: ['to'] });
export type Suspension = z.infer<typeof suspensionSchema>;

/** Statuses in which the measure is over: it then carries the day it ended. */
export const endedStatuses: readonly MeasureStatus[] = ['terminee', 'echue', 'revoquee', 'transferee'];

/** A measure (TIG or similar) ordered for a person. */
export const measureFields = z
  .object({
    personId: uuid,
    kind: z.enum(measureKinds, { error: 'Nature de la mesure : choisissez une valeur de la liste' }),
    jurisdiction: requiredText('Juridiction', 200),
    decisionDate: isoDate,
    offenceDate: isoDate,
    offenceCategory: z.enum(offenceCategories, { error: 'Catégorie d’infraction : délit ou contravention de 5e classe' }),
    /** What the decision ordered: hours (every TIG), or days for a TNR, stage, réparation pénale or activité de jour so ordered. */
    hoursOrdered: z
      .number({ error: 'Heures ordonnées : nombre attendu' })
      .positive({ error: 'Heures ordonnées : nombre positif attendu' })
      .refine((h) => Number.isInteger(h * 4), { error: HOURS_ORDERED_QUARTERS })
      .optional(),
    daysOrdered: z
      .number({ error: 'Jours ordonnés : nombre attendu' })
      .int({ error: 'Jours ordonnés : nombre entier de jours attendu' })
      .positive({ error: 'Jours ordonnés : nombre positif attendu' })
      .optional(),
    periodStart: isoDate,
    periodMonths: z
      .number({ error: 'Délai d’exécution : nombre de mois attendu' })
      .int({ error: 'Délai d’exécution : nombre entier de mois attendu' })
      .min(1, { error: 'Délai d’exécution : au moins 1 mois' })
      .max(MAX_PERIOD_MONTHS, { error: PERIOD_TOO_LONG }),
    suspensions: z
      .array(suspensionSchema)
      .max(MAX_SUSPENSIONS, { error: `Suspensions : ${MAX_SUSPENSIONS} au plus` })
      .default([]),
    status: z.enum(measureStatuses),
    /** Day the measure ended (hours done, deadline passed, revocation or transfer). */
    endedOn: isoDate.optional(),
    notes: optionalText('Observations', 4000),
    /** In the recycle bin (shared/repos/bin.ts): hidden everywhere, restorable for 30 days. */
    binned: binnedField,
  })
  .superRefine((m, ctx) => {
    if ((m.hoursOrdered === undefined) === (m.daysOrdered === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'La décision ordonne des heures ou des jours : renseignez l’un des deux, et un seul', path: ['hoursOrdered'] });
    }
    const unit = orderedUnitError(m.kind, orderedOf(m).unit);
    if (unit) ctx.addIssue({ code: 'custom', message: unit, path: ['daysOrdered'] });
    const hours = m.hoursOrdered === undefined ? undefined : hoursOrderedError(m.kind, m.offenceCategory, m.hoursOrdered);
    if (hours) ctx.addIssue({ code: 'custom', message: hours, path: ['hoursOrdered'] });
    const period = periodMonthsError(m.kind, m.offenceCategory, m.periodMonths);
    if (period && m.periodMonths <= MAX_PERIOD_MONTHS) ctx.addIssue({ code: 'custom', message: period, path: ['periodMonths'] });
    if (m.offenceDate > m.decisionDate)
      ctx.addIssue({ code: 'custom', message: 'La date des faits ne peut suivre celle de la décision', path: ['offenceDate'] });
    const suspensions = suspensionsError(m.suspensions);
    if (suspensions) ctx.addIssue({ code: 'custom', message: suspensions, path: ['suspensions'] });
    if (openSuspension(m.suspensions) && m.status !== 'suspendue') {
      ctx.addIssue({ code: 'custom', message: 'Une suspension sans date de fin n’est possible que pour une mesure suspendue', path: ['suspensions'] });
    }
    if (endedStatuses.includes(m.status) !== (m.endedOn !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'La date de fin est renseignée pour une mesure terminée, échue, révoquée ou transférée, et pour elle seule',
        path: ['endedOn'],
      });
    }
  });
export const measureSchema = recordStamp.extend(measureFields.shape);
export type MeasureInput = z.input<typeof measureFields>;
export type Measure = z.infer<typeof measureSchema>;
