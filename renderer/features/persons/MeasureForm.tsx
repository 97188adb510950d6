import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useParams } from 'react-router';
import { createMeasure, updateMeasure, type MeasureCreateInput } from '../../../shared/repos/measures.ts';
import { personPage } from '../../../shared/repos/persons.ts';
import { isTigKind } from '../../../shared/rules/hours.ts';
import { isEnded } from '../../../shared/rules/measureStatus.ts';
import { orderedUnitLabels, orderedUnits } from '../../../shared/rules/ordered.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { measureKindLabels, measureKinds, offenceCategories, offenceCategoryLabels, type MeasureKind } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels, type Measure } from '../../../shared/schemas/measure.ts';
import type { Person } from '../../../shared/schemas/person.ts';
import { useRepo, useRecord } from '../../app/index.ts';
import { fieldState, OPTIONAL_NOTICE } from '../../ui/forms.ts';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { hoursHint, measureFieldNames, measureFormSchema, measureFormValues, periodHint } from './measureForm.ts';
import { personName } from './personRows.ts';
import { RecordNotFound } from './RecordNotFound.tsx';

const label = (field: string) => labelOf('measure', field);

/** Create a measure for a person, or correct one (`measure` given). */
export function MeasureForm({ person, measure }: { person: Person; measure?: Measure }) {
  const ctx = useRepo();
  const schema = useMemo(() => measureFormSchema(person.id, measure), [person.id, measure]);
  const form = useRecordForm({
    schema,
    fields: measureFieldNames,
    focus: 'kind',
    defaultValues: measureFormValues(measure),
    save: async ({ status: _status, endedOn: _endedOn, ...input }) => {
      if (measure) {
        const { personId: _personId, ...patch } = input;
        await updateMeasure(ctx, measure.id, { notes: undefined, ...patch });
        return { to: `/personnes/${person.id}#mesure-${measure.id}`, message: 'Mesure enregistrée.' };
      }
      const created = await createMeasure(ctx, input as MeasureCreateInput);
      return {
        to: `/personnes/${person.id}#mesure-${created.id}`,
        message: 'Mesure créée : elle est à affecter. Proposez maintenant une mise en situation.',
      };
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const suspensions = useFieldArray({ control, name: 'suspensions' });
  const [kind, category, unit] = useWatch({ control, name: ['kind', 'offenceCategory', 'orderedUnit'] });
  const tig = measureKinds.includes(kind as MeasureKind) && isTigKind(kind as MeasureKind);
  const inDays = unit === 'days' && !tig;
  // A rule on the whole list (overlaps) is the field array's own error.
  const suspensionsError = errors.suspensions?.root?.message ?? errors.suspensions?.message;

  return (
    <RecordForm
      form={form}
      cancel={`/personnes/${person.id}`}
      submitLabel={measure ? 'Enregistrer la mesure' : 'Créer la mesure'}
      notice={OPTIONAL_NOTICE}
      wide
    >
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
          <Select label={label('kind')} {...fieldState(errors.kind)} nativeSelectProps={register('kind')}>
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
    </RecordForm>
  );
}

function useMeasureContext() {
  const { personId = '', measureId } = useParams();
  const page = useRecord(personPage, personId);
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
