import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import * as z from 'zod';
import { createMeasure, updateMeasure, type MeasureCreateInput } from '../../../shared/repos/measures.ts';
import { personPage } from '../../../shared/repos/persons.ts';
import { MAX_PERIOD_MONTHS, periodLimitText } from '../../../shared/rules/deadline.ts';
import { hoursOrderedHint, isTigKind } from '../../../shared/rules/hours.ts';
import { isEnded } from '../../../shared/rules/measureStatus.ts';
import { orderedOf, orderedUnitLabels, orderedUnits } from '../../../shared/rules/ordered.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import {
  measureFields,
  measureKindLabels,
  measureKinds,
  measureStatusLabels,
  offenceCategories,
  offenceCategoryLabels,
  type Measure,
  type MeasureInput,
  type MeasureKind,
  type OffenceCategory,
} from '../../../shared/schemas/measure.ts';
import type { Person } from '../../../shared/schemas/person.ts';
import { useRepo } from '../../app/index.ts';
import { flash } from '../../ui/Flash.tsx';
import { showRepoError } from '../../ui/formErrors.ts';
import { blank, fieldState, frenchNumber, requiredDate } from '../../ui/forms.ts';
import { Page } from '../../ui/Page.tsx';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { personName } from './personRows.ts';
import { RecordNotFound } from './RecordNotFound.tsx';

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
type MeasureFormValues = z.input<typeof measureFormFields>;

/**
 * The form's strings become the measure the repository checks, with the status and end it already has (a
 * new measure waits for a placement), so the whole measure schema (hours bounds by offence, period, dates)
 * runs before anything is sent.
 */
function measureFormSchema(personId: string, measure: Measure | undefined) {
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

const fieldNames = [
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

function initialValues(measure: Measure | undefined): MeasureFormValues {
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

function hoursHint(kind: string, category: string): string {
  const known = chosen(kind, category);
  return (known && hoursOrderedHint(...known)) ?? 'Le nombre d’heures fixé par la décision, par quarts d’heure';
}

function periodHint(kind: string, category: string): string {
  return periodLimitText(...(chosen(kind, category) ?? ['tig_peine', 'delit']));
}

/** Create a measure for a person, or correct one (`measure` given). */
export function MeasureForm({ person, measure }: { person: Person; measure?: Measure }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const schema = useMemo(() => measureFormSchema(person.id, measure), [person.id, measure]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<MeasureFormValues, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: initialValues(measure) });
  const suspensions = useFieldArray({ control, name: 'suspensions' });
  const [kind, category, unit] = useWatch({ control, name: ['kind', 'offenceCategory', 'orderedUnit'] });
  const tig = measureKinds.includes(kind as MeasureKind) && isTigKind(kind as MeasureKind);
  const inDays = unit === 'days' && !tig;
  // A rule on the whole list (overlaps) is the field array's own error.
  const suspensionsError = errors.suspensions?.root?.message ?? errors.suspensions?.message;

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    const { status: _status, endedOn: _endedOn, ...input } = values;
    try {
      if (measure) {
        const { personId: _personId, ...patch } = input;
        await updateMeasure(ctx, measure.id, { notes: undefined, ...patch });
        void navigate(`/personnes/${person.id}#mesure-${measure.id}`, flash('Mesure enregistrée.'));
      } else {
        const created = await createMeasure(ctx, input as MeasureCreateInput);
        void navigate(`/personnes/${person.id}#mesure-${created.id}`, flash('Mesure créée : elle est à affecter. Proposez maintenant une mise en situation.'));
      }
    } catch (error) {
      setFailure(showRepoError(error, setError, fieldNames));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormFailure title="Enregistrement refusé" message={failure} />
      {measure && isEnded(measure.status) && (
        <Alert
          severity="info"
          small
          className="fr-mb-2w"
          description={`Mesure ${measureStatusLabels[measure.status].toLowerCase()} : les données de la décision ne se modifient plus, seules les observations peuvent l’être.`}
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Select label={label('kind')} {...fieldState(errors.kind)} nativeSelectProps={{ ...register('kind'), autoFocus: true }}>
            <option value="" disabled hidden>
              Choisissez la nature de la mesure
            </option>
            {measureKinds.map((k) => (
              <option key={k} value={k}>
                {measureKindLabels[k]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={label('jurisdiction')}
            hintText="Par exemple : Tribunal correctionnel de Nancy"
            {...fieldState(errors.jurisdiction)}
            nativeInputProps={register('jurisdiction')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label={label('decisionDate')} {...fieldState(errors.decisionDate)} nativeInputProps={{ ...register('decisionDate'), type: 'date' }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label={label('offenceDate')} {...fieldState(errors.offenceDate)} nativeInputProps={{ ...register('offenceDate'), type: 'date' }} />
        </div>
        <div className="fr-col-12">
          <RadioButtons
            legend={label('offenceCategory')}
            orientation="horizontal"
            {...fieldState(errors.offenceCategory)}
            options={offenceCategories.map((c) => ({ label: offenceCategoryLabels[c], nativeInputProps: { value: c, ...register('offenceCategory') } }))}
          />
        </div>
        {!tig && (
          <div className="fr-col-12">
            <RadioButtons
              legend="La décision ordonne"
              hintText="Un TNR, un stage, une réparation pénale ou une activité de jour se compte en heures ou en jours, selon la décision"
              orientation="horizontal"
              options={orderedUnits.map((u) => ({ label: orderedUnitLabels[u], nativeInputProps: { value: u, ...register('orderedUnit') } }))}
            />
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          {inDays ? (
            <Input
              key="daysOrdered"
              label={label('daysOrdered')}
              hintText="Chaque jour où des heures sont saisies compte pour un jour"
              {...fieldState(errors.daysOrdered)}
              nativeInputProps={{ ...register('daysOrdered'), inputMode: 'numeric' }}
            />
          ) : (
            <Input
              key="hoursOrdered"
              label={label('hoursOrdered')}
              hintText={hoursHint(kind, category)}
              {...fieldState(errors.hoursOrdered)}
              nativeInputProps={{ ...register('hoursOrdered'), inputMode: 'decimal' }}
            />
          )}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={label('periodStart')}
            hintText="Date fixée par la décision"
            {...fieldState(errors.periodStart)}
            nativeInputProps={{ ...register('periodStart'), type: 'date' }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={label('periodMonths')}
            hintText={periodHint(kind, category)}
            {...fieldState(errors.periodMonths)}
            nativeInputProps={{ ...register('periodMonths'), inputMode: 'numeric' }}
          />
        </div>
        <div className="fr-col-12">
          <Input label={`${label('notes')} (facultatif)`} textArea {...fieldState(errors.notes)} nativeTextAreaProps={{ ...register('notes'), rows: 3 }} />
        </div>
      </div>
      {measure && (
        <fieldset className="fr-fieldset fr-mt-2w" aria-describedby="suspensions-hint">
          <legend className="fr-fieldset__legend">{label('suspensions')}</legend>
          <p id="suspensions-hint" className="fr-hint-text fr-fieldset__element">
            Suspensions déjà décidées ou passées ; pour suspendre la mesure à partir d’aujourd’hui, utilisez le bouton « Suspendre » de la fiche.
          </p>
          {suspensionsError && (
            <p className="fr-error-text fr-fieldset__element" role="alert">
              {suspensionsError}
            </p>
          )}
          {suspensions.fields.map((s, i) => (
            <div key={s.id} className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-fieldset__element">
              <div className="fr-col-12 fr-col-md-3">
                <Input
                  label={`Suspension ${i + 1} : du`}
                  {...fieldState(errors.suspensions?.[i]?.from)}
                  nativeInputProps={{ ...register(`suspensions.${i}.from`), type: 'date' }}
                />
              </div>
              <div className="fr-col-12 fr-col-md-3">
                <Input
                  label={`Suspension ${i + 1} : au (facultatif)`}
                  {...fieldState(errors.suspensions?.[i]?.to)}
                  nativeInputProps={{ ...register(`suspensions.${i}.to`), type: 'date' }}
                />
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <Input
                  label={`Suspension ${i + 1} : motif`}
                  {...fieldState(errors.suspensions?.[i]?.reason)}
                  nativeInputProps={register(`suspensions.${i}.reason`)}
                />
              </div>
              <div className="fr-col-12 fr-col-md-2">
                <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => suspensions.remove(i)}>
                  Retirer
                </Button>
              </div>
            </div>
          ))}
          <div className="fr-fieldset__element">
            <Button
              type="button"
              priority="secondary"
              size="small"
              iconId="fr-icon-add-line"
              onClick={() => suspensions.append({ from: '', to: '', reason: '' })}
            >
              Ajouter une suspension
            </Button>
          </div>
        </fieldset>
      )}
      <ul className="fr-btns-group fr-btns-group--inline fr-mt-2w">
        <li>
          <Button type="submit" disabled={isSubmitting}>
            {measure ? 'Enregistrer la mesure' : 'Créer la mesure'}
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: `/personnes/${person.id}` }}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

function useMeasureContext() {
  const ctx = useRepo();
  const { personId = '', measureId } = useParams();
  const page = useLiveQuery(async () => (await personPage(ctx, personId)) ?? null, [ctx, personId]);
  const measure = measureId ? page?.measures.find((m) => m.measure.id === measureId)?.measure : undefined;
  return { page, measureId, measure };
}

export function NewMeasurePage() {
  const { page } = useMeasureContext();
  if (page === undefined) return null;
  if (page === null) return <RecordNotFound what="Cette personne" />;
  return (
    <Page title={`Nouvelle mesure pour ${personName(page.person)}`}>
      <MeasureForm person={page.person} />
    </Page>
  );
}

export function EditMeasurePage() {
  const { page, measure } = useMeasureContext();
  if (page === undefined) return null;
  if (page === null || !measure) return <RecordNotFound what="Cette mesure" />;
  return (
    <Page title={`Modifier la mesure de ${personName(page.person)}`}>
      <MeasureForm person={page.person} measure={measure} />
    </Page>
  );
}
