import * as z from 'zod';
import { MAX_PERIOD_MONTHS, periodLimitText } from '../../../shared/rules/deadline.ts';
import { hoursOrderedHint, isTigKind } from '../../../shared/rules/hours.ts';
import { orderedOf, orderedUnits } from '../../../shared/rules/ordered.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { measureKinds, offenceCategories, type MeasureKind, type OffenceCategory } from '../../../shared/schemas/measureKinds.ts';
import { measureFields, type Measure, type MeasureInput } from '../../../shared/schemas/measure.ts';
import { blank, frenchNumber, requiredDate } from '../../ui/forms.ts';

/** The measure form: what it holds (strings, as typed), and how that becomes the measure the repository checks. */

const label = (field: string) => labelOf('measure', field);

const measureFormFields = z.object({
  kind: z.string(),
  jurisdiction: z.string(),
  decisionDate: z.string(),
  offenceDate: z.string(),
  offenceCategory: z.string(),
  orderedUnit: z.enum(orderedUnits),
  hoursOrdered: z.string(),
  daysOrdered: z.string(),
  periodStart: z.string(),
  periodMonths: z.string(),
  notes: z.string(),
  suspensions: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })),
});
export type MeasureFormValues = z.input<typeof measureFormFields>;

/**
 * The form's strings become the measure the repository checks, with the status and end it already has (a
 * new measure waits for a placement), so the whole measure schema (hours bounds by offence, period, dates)
 * runs before anything is sent.
 */
export function measureFormSchema(personId: string, measure: Measure | undefined) {
  return measureFormFields
    .transform((v): MeasureInput => ({
      personId,
      kind: blank(v.kind) as MeasureKind,
      jurisdiction: v.jurisdiction,
      decisionDate: blank(v.decisionDate) as string,
      offenceDate: blank(v.offenceDate) as string,
      offenceCategory: blank(v.offenceCategory) as OffenceCategory,
      // A TIG is ordered in hours whatever the choice left on screen before the kind was chosen.
      // The other unit is cleared, so a measure moved from hours to days (or back) keeps one; the chosen
      // one left blank is null, so the schema says « nombre attendu » next to it.
      ...(v.orderedUnit === 'days' && !isTigKind(v.kind as MeasureKind)
        ? { daysOrdered: (frenchNumber(v.daysOrdered) ?? null) as number, hoursOrdered: undefined }
        : { hoursOrdered: (frenchNumber(v.hoursOrdered) ?? null) as number, daysOrdered: undefined }),
      periodStart: blank(v.periodStart) as string,
      periodMonths: frenchNumber(v.periodMonths) as number,
      notes: blank(v.notes),
      suspensions: v.suspensions.map((s) => ({ from: s.from, ...(blank(s.to) ? { to: s.to } : {}), reason: s.reason })),
      status: measure?.status ?? 'a_affecter',
      ...(measure?.endedOn ? { endedOn: measure.endedOn } : {}),
    }))
    .pipe(
      measureFields.safeExtend({
        decisionDate: requiredDate(label('decisionDate')),
        offenceDate: requiredDate(label('offenceDate')),
        periodStart: requiredDate(label('periodStart')),
      }),
    );
}

/** The fields a refused write may name. */
export const measureFieldNames = [
  'kind',
  'jurisdiction',
  'decisionDate',
  'offenceDate',
  'offenceCategory',
  'hoursOrdered',
  'daysOrdered',
  'periodStart',
  'periodMonths',
  'notes',
  'suspensions',
];

export function measureFormValues(measure: Measure | undefined): MeasureFormValues {
  return {
    kind: measure?.kind ?? '',
    jurisdiction: measure?.jurisdiction ?? '',
    decisionDate: measure?.decisionDate ?? '',
    offenceDate: measure?.offenceDate ?? '',
    offenceCategory: measure?.offenceCategory ?? 'delit',
    orderedUnit: measure ? orderedOf(measure).unit : 'hours',
    hoursOrdered: measure?.hoursOrdered !== undefined ? String(measure.hoursOrdered).replace('.', ',') : '',
    daysOrdered: measure?.daysOrdered !== undefined ? String(measure.daysOrdered) : '',
    periodStart: measure?.periodStart ?? '',
    periodMonths: String(measure?.periodMonths ?? MAX_PERIOD_MONTHS),
    notes: measure?.notes ?? '',
    suspensions: (measure?.suspensions ?? []).map((s) => ({ from: s.from, to: s.to ?? '', reason: s.reason })),
  };
}

/** The kind and category chosen so far, once both are known. */
function chosen(kind: string, category: string): [MeasureKind, OffenceCategory] | undefined {
  return measureKinds.includes(kind as MeasureKind) && offenceCategories.includes(category as OffenceCategory)
    ? [kind as MeasureKind, category as OffenceCategory]
    : undefined;
}

/** What the hours field says about its bounds, once the kind and the offence are chosen. */
export function hoursHint(kind: string, category: string): string {
  const known = chosen(kind, category);
  return (known && hoursOrderedHint(...known)) ?? 'Le nombre d’heures fixé par la décision, par quarts d’heure';
}

/** What the period field says about its limit, for the kind and the offence chosen. */
export function periodHint(kind: string, category: string): string {
  return periodLimitText(...(chosen(kind, category) ?? ['tig_peine', 'delit']));
}
