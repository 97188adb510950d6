import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useParams } from 'react-router';
import * as z from 'zod';
import { formatDate, isRealDate } from '../../../shared/format/fr.ts';
import type { MeasureView, PlacementView } from '../../../shared/repos/persons.ts';
import { personPage } from '../../../shared/repos/persons.ts';
import { createPlacement, updatePlacement } from '../../../shared/repos/placements.ts';
import { habilitationWarning, searchPosts, type PostRow, type PostSearch } from '../../../shared/repos/posts.ts';
import { isMinorOn } from '../../../shared/rules/age.ts';
import { addMonths, minDate } from '../../../shared/rules/calendar.ts';
import { habilitationStatusLabels } from '../../../shared/rules/habilitation.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import type { Person } from '../../../shared/schemas/person.ts';
import { placementFields, type PlacementInput } from '../../../shared/schemas/placement.ts';
import { activityDomainLabels, activityDomains, type ActivityDomain } from '../../../shared/schemas/post.ts';
import { useIdentity, useRepo, useRecord, useToday } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { DepartementSelect } from '../../ui/DepartementSelect.tsx';
import { blank, fieldState, requiredDate, OPTIONAL_NOTICE } from '../../ui/forms.ts';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { personName } from './personRows.ts';
import { RecordNotFound } from './RecordNotFound.tsx';
import { counted } from '../../../shared/format/agreement.ts';
import { CodeSelect } from '../../ui/CodeSelect.tsx';

const label = (field: string) => labelOf('placement', field);

const placementFormFields = z.object({ postId: z.string(), startDate: z.string(), plannedEnd: z.string(), weeklySchedule: z.string() });

export function placementFormSchema(measure: { id: string; personId: string }) {
  return placementFormFields
    .transform((v): PlacementInput => ({
      measureId: measure.id,
      personId: measure.personId,
      postId: v.postId,
      startDate: blank(v.startDate) as string,
      plannedEnd: blank(v.plannedEnd) as string,
      weeklySchedule: blank(v.weeklySchedule),
      status: 'prevue',
    }))
    .pipe(
      placementFields.safeExtend({
        postId: z.string().min(1, { error: 'Poste : choisissez un poste dans la liste des résultats' }),
        startDate: requiredDate(label('startDate')),
        plannedEnd: requiredDate(label('plannedEnd')),
      }),
    );
}

const fields = ['postId', 'startDate', 'plannedEnd', 'weeklySchedule', 'measureId'];

interface SearchFilters {
  domain: string;
  departement: string;
  freeOnly: boolean;
}

const postColumns: DataColumn<PostRow>[] = [
  { id: 'title', header: 'Poste', accessor: (p) => p.title, width: '16%' },
  { id: 'organisation', header: 'Structure', accessor: (p) => p.organisationName, width: '18%' },
  { id: 'domain', header: 'Domaine', accessor: (p) => activityDomainLabels[p.domain], width: '12%' },
  { id: 'commune', header: 'Commune', accessor: (p) => p.communeName, filter: 'select', width: '11%' },
  { id: 'tutors', header: 'Tuteur', accessor: (p) => p.tutorNames.join(', '), width: '13%' },
  { id: 'capacity', header: 'Capacité', accessor: (p) => p.capacity, filter: 'select', align: 'right', width: '7%' },
  { id: 'free', header: 'Places libres', accessor: (p) => p.freePlaces, align: 'right', width: '9%' },
  { id: 'habilitation', header: 'Habilitation', accessor: (p) => habilitationStatusLabels[p.organisationHabilitation.status] },
];

/** Posts matching the filters, with their free places on every day of the planned period. */
function usePostSearch(filters: SearchFilters, minor: boolean, startDate: string, plannedEnd: string) {
  const ctx = useRepo();
  const today = useToday();
  const on = isRealDate(startDate) ? startDate : today;
  const until = isRealDate(plannedEnd) && plannedEnd >= on ? plannedEnd : on;
  const search: PostSearch = {
    on,
    until,
    ...(filters.domain ? { domain: filters.domain as ActivityDomain } : {}),
    ...(filters.departement ? { departement: filters.departement } : {}),
    ...(minor ? { openToMinors: true } : {}),
    ...(filters.freeOnly ? { minFreePlaces: 1 } : {}),
    // A host not habilitated on the start day would be refused on save: it is not offered.
    habilitatedOnly: true,
  };
  return useLiveQuery(() => searchPosts(ctx, search), [ctx, JSON.stringify(search)]);
}

function PostSearchPanel({
  person,
  startDate,
  plannedEnd,
  selected,
  onSelect,
  error,
}: {
  person: Person;
  startDate: string;
  plannedEnd: string;
  selected: PostRow | undefined;
  onSelect: (post: PostRow) => void;
  error: string | undefined;
}) {
  const identity = useIdentity();
  const [filters, setFilters] = useState<SearchFilters>({ domain: '', departement: person.departement ?? identity.departement, freeOnly: true });
  const minor = isRealDate(startDate) && isMinorOn(person.birthDate, startDate);
  const posts = usePostSearch(filters, minor, startDate, plannedEnd);
  const set = (patch: Partial<SearchFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <fieldset className="fr-fieldset" aria-labelledby="recherche-poste">
      <legend id="recherche-poste" className="fr-fieldset__legend fr-h5">
        Choisir le poste
      </legend>
      <div className="fr-grid-row fr-grid-row--gutters fr-fieldset__element">
        <div className="fr-col-12 fr-col-md-4">
          <CodeSelect
            label="Domaine d’activité"
            codes={activityDomains}
            labels={activityDomainLabels}
            empty="Tous les domaines"
            nativeSelectProps={{ value: filters.domain, onChange: (e) => set({ domain: e.target.value }) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <DepartementSelect
            empty="Tous les départements"
            nativeSelectProps={{ value: filters.departement, onChange: (e) => set({ departement: e.target.value }) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Checkbox
            small
            options={[
              {
                label: 'Seulement les postes ayant une place libre sur toute la période',
                nativeInputProps: { checked: filters.freeOnly, onChange: (e) => set({ freeOnly: e.target.checked }) },
              },
            ]}
          />
        </div>
      </div>
      {minor && (
        <p className="fr-fieldset__element fr-text--sm">
          {personName(person)} aura moins de 18 ans au début de la mise en situation : seuls les postes ouverts aux mineurs sont proposés.
        </p>
      )}
      <div className="fr-fieldset__element">
        {selected ? (
          <div className={`fr-callout ${error ? 'app-callout--error' : ''}`}>
            <p className="fr-callout__title fr-h6">Poste choisi : {selected.title}</p>
            <p className="fr-callout__text fr-text--md">
              {selected.organisationName}, {selected.communeName} · tuteur : {selected.tutorNames.join(', ') || 'aucun'} ·{' '}
              {counted(selected.freePlaces, 'place libre', 'places libres')} sur {selected.capacity} pendant la période
            </p>
            {error && (
              <p className="fr-error-text" id="poste-erreur">
                {error}
              </p>
            )}
          </div>
        ) : (
          error && (
            <p className="fr-error-text fr-mb-2w" id="poste-erreur">
              {error}
            </p>
          )
        )}
        <p className="fr-hint-text">
          Places libres : celles qui restent chaque jour de la période choisie. La commune se choisit dans les filtres de la liste.
        </p>
        {posts === undefined ? (
          <p aria-busy="true">Recherche des postes…</p>
        ) : (
          <div className="app-dense-table">
            <DataTable
              caption="Postes de TIG correspondant à la recherche"
              columns={postColumns}
              data={posts}
              getRowId={(p) => p.id}
              csvFileName="postes.csv"
              onRowActivate={onSelect}
              emptyMessage="Aucun poste actif ne correspond : élargissez la recherche (domaine, département, commune) ou décochez « place libre »."
              height="20rem"
            />
          </div>
        )}
        <p className="fr-hint-text fr-mt-1w">Cliquez sur un poste (ou Entrée sur la ligne) pour le choisir.</p>
      </div>
    </fieldset>
  );
}

function defaultDates(view: MeasureView, today: string): { startDate: string; plannedEnd: string } {
  const startDate = today < view.measure.periodStart ? view.measure.periodStart : today;
  return { startDate, plannedEnd: minDate(addMonths(startDate, 3), view.deadline.deadline) };
}

/** Place the person on a post for a measure (`placement` absent), or change a placement's dates and schedule. */
export function PlacementForm({ person, view, placement }: { person: Person; view: MeasureView; placement?: PlacementView }) {
  const ctx = useRepo();
  const [selected, setSelected] = useState<PostRow>();
  const schema = useMemo(() => placementFormSchema(view.measure), [view.measure]);
  const today = useToday();
  const dates = placement ?? defaultDates(view, today);
  const back = `/personnes/${person.id}#mesure-${view.measure.id}`;
  const form = useRecordForm({
    schema,
    fields,
    focus: 'startDate',
    defaultValues: {
      postId: placement?.postId ?? '',
      startDate: dates.startDate,
      plannedEnd: dates.plannedEnd,
      weeklySchedule: placement?.weeklySchedule ?? '',
    },
    save: async (values) => {
      const warning = () => habilitationWarning(ctx, values.postId, values.startDate, values.plannedEnd);
      if (placement) {
        await updatePlacement(ctx, placement.id, { startDate: values.startDate, plannedEnd: values.plannedEnd, weeklySchedule: values.weeklySchedule });
        return { to: back, message: 'Mise en situation modifiée.', warning: await warning() };
      }
      await createPlacement(ctx, {
        measureId: values.measureId,
        postId: values.postId,
        startDate: values.startDate,
        plannedEnd: values.plannedEnd,
        ...(values.weeklySchedule ? { weeklySchedule: values.weeklySchedule } : {}),
      });
      return {
        to: back,
        message: `Mise en situation enregistrée : ${personName(person)} sur le poste « ${selected?.title ?? ''} » à partir du ${formatDate(values.startDate)}.`,
        warning: await warning(),
      };
    },
  });
  const {
    register,
    control,
    setValue,
    clearErrors,
    formState: { errors },
  } = form;
  const [startDate, plannedEnd] = useWatch({ control, name: ['startDate', 'plannedEnd'] });

  const select = (post: PostRow) => {
    setSelected(post);
    setValue('postId', post.id);
    setValue('weeklySchedule', post.schedule ?? '');
    clearErrors('postId');
  };

  return (
    <RecordForm
      form={form}
      cancel={back}
      submitLabel={placement ? 'Enregistrer' : 'Placer sur ce poste'}
      notice={OPTIONAL_NOTICE}
      refusal="Mise en situation refusée"
      wide
    >
      <p>
        {measureKindLabels[view.measure.kind]} décidée le {formatDate(view.measure.decisionDate)} : délai d’exécution du {formatDate(view.measure.periodStart)}{' '}
        au {formatDate(view.deadline.deadline)}.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input label={label('startDate')} {...fieldState(errors.startDate)} nativeInputProps={{ ...register('startDate'), type: 'date' }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={label('plannedEnd')}
            hintText={`Au plus tard le ${formatDate(view.deadline.deadline)}`}
            {...fieldState(errors.plannedEnd)}
            nativeInputProps={{ ...register('plannedEnd'), type: 'date' }}
          />
        </div>
      </div>
      {placement ? (
        <p>
          Poste : <strong>{placement.postTitle}</strong> ({placement.organisationName}).
        </p>
      ) : (
        <PostSearchPanel person={person} startDate={startDate} plannedEnd={plannedEnd} selected={selected} onSelect={select} error={errors.postId?.message} />
      )}
      <Input
        label={`${label('weeklySchedule')} (facultatif)`}
        hintText="Par exemple : lundi, mercredi et vendredi, 8 h – 12 h"
        textArea
        {...fieldState(errors.weeklySchedule)}
        nativeTextAreaProps={{ ...register('weeklySchedule'), rows: 2 }}
      />
    </RecordForm>
  );
}

export function PlacementPage() {
  const { personId = '', measureId = '', placementId } = useParams();
  const page = useRecord(personPage, personId);
  if (page === undefined) return null;
  const view = page?.measures.find((m) => m.measure.id === measureId);
  const placement = placementId ? view?.placements.find((p) => p.id === placementId) : undefined;
  if (!page || !view || (placementId && !placement)) return <RecordNotFound what={placementId ? 'Cette mise en situation' : 'Cette mesure'} />;
  return (
    <Page title={`${placement ? 'Modifier la mise en situation' : 'Nouvelle mise en situation'} de ${personName(page.person)}`}>
      <PlacementForm person={page.person} view={view} {...(placement ? { placement } : {})} />
    </Page>
  );
}
