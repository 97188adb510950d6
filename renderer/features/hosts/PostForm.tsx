import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useParams } from 'react-router';
import { listOrganisations, getOrganisation } from '../../../shared/repos/organisations.ts';
import { createPost, getPost, updatePost } from '../../../shared/repos/posts.ts';
import { tutorName } from '../../../shared/repos/tutors.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { activityDomainLabels, activityDomains, postFields, type Post, type PostInput } from '../../../shared/schemas/post.ts';
import { useRepo, useRecord } from '../../app/index.ts';
import { DepartementSelect } from '../../ui/DepartementSelect.tsx';
import { fieldState, formSchema, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { CommuneField } from '../geo/index.ts';
import { hostsPaths } from './paths.ts';
import { CodeSelect } from '../../ui/CodeSelect.tsx';

type Values = FormValues<PostInput>;
const schema = formSchema<Values, typeof postFields>(postFields);
const fields = Object.keys(postFields.shape);
const label = (field: keyof Values) => labelOf('post', field);

/** `structures/postes/nouveau`, `structures/:organisationId/postes/nouveau` and `structures/postes/:postId/modifier`. */
export function PostFormPage() {
  const { organisationId, postId } = useParams();
  const existing = useRecord(getPost, postId);
  if (postId && existing === undefined) return <Loading />;
  if (existing === null) return <NotFound title="Poste introuvable" back={hostsPaths.posts} backLabel="Retour aux postes" />;
  const post = existing?.post;
  return <PostForm key={post?.id ?? organisationId ?? 'nouveau'} post={post} organisationId={post?.organisationId ?? organisationId} />;
}

export function PostForm({ post, organisationId }: { post?: Post | undefined; organisationId?: string | undefined }) {
  const ctx = useRepo();
  const form = useRecordForm({
    schema,
    fields,
    focus: organisationId ? 'title' : 'organisationId',
    defaultValues: {
      organisationId: post?.organisationId ?? organisationId ?? '',
      tutorIds: post?.tutorIds ?? [],
      title: post?.title ?? '',
      domain: post?.domain ?? '',
      communeCode: post?.communeCode ?? '',
      communeName: post?.communeName ?? '',
      departement: post?.departement ?? '',
      schedule: post?.schedule ?? '',
      capacity: post?.capacity ?? 1,
      openToMinors: post?.openToMinors ?? false,
      accessiblePmr: post?.accessiblePmr ?? false,
      active: post?.active ?? true,
      description: post?.description ?? '',
    },
    save: async (values) => {
      const saved = post ? await updatePost(ctx, post.id, values) : await createPost(ctx, values);
      return { to: hostsPaths.post(saved.id), message: post ? 'Poste modifié.' : `Poste « ${saved.title} » enregistré.` };
    },
  });
  const {
    register,
    control,
    setValue,
    getValues,
    chosen,
    formState: { errors },
  } = form;

  const chosenOrganisation = useWatch({ control, name: 'organisationId' });
  const detail = useRecord(getOrganisation, chosenOrganisation || undefined);
  const organisations = useLiveQuery(() => (organisationId ? Promise.resolve([]) : listOrganisations(ctx)), [ctx, organisationId]);
  const organisationFixed = Boolean(organisationId);

  // A new post takes place at its organisation unless the user says otherwise.
  const host = detail?.organisation;
  useEffect(() => {
    if (!host || post || getValues('communeName') !== '') return;
    setValue('communeName', host.communeName);
    setValue('communeCode', host.communeCode ?? '');
    setValue('departement', host.departement);
  }, [host, post, getValues, setValue]);

  const [communeName, communeCode] = useWatch({ control, name: ['communeName', 'communeCode'] });

  const tutors = detail?.tutors ?? [];
  const back = post ? hostsPaths.post(post.id) : organisationId ? hostsPaths.organisation(organisationId) : hostsPaths.posts;
  const title = post ? `Modifier le poste « ${post.title} »` : host && organisationFixed ? `Nouveau poste – ${host.name}` : 'Nouveau poste de TIG';

  return (
    <Page title={title}>
      <RecordForm form={form} cancel={back}>
        {!organisationFixed && (
          <Select
            label={required(label('organisationId'))}
            {...fieldState(errors.organisationId)}
            nativeSelectProps={register('organisationId', { onChange: () => setValue('tutorIds', []) })}
          >
            <option value="">Choisissez une structure</option>
            {(organisations ?? [])
              .toSorted((a, b) => a.name.localeCompare(b.name, 'fr'))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.communeName})
                </option>
              ))}
          </Select>
        )}
        <Input label={required(label('title'))} {...fieldState(errors.title)} nativeInputProps={register('title')} />
        <CodeSelect
          label={required(label('domain'))}
          codes={activityDomains}
          labels={activityDomainLabels}
          empty="Choisissez un domaine"
          error={errors.domain}
          nativeSelectProps={register('domain')}
        />
        <Controller
          control={control}
          name="tutorIds"
          render={({ field, fieldState: state }) =>
            tutors.length === 0 ? (
              <div className="fr-mb-3w">
                <p className="fr-mb-1v fr-text--bold">{label('tutorIds')}</p>
                <p className="fr-text--sm">
                  {chosenOrganisation
                    ? 'Cette structure n’a pas encore de tuteur : ajoutez-en un depuis sa fiche, puis désignez-le ici.'
                    : 'Choisissez d’abord la structure.'}
                </p>
              </div>
            ) : (
              <Checkbox
                legend={label('tutorIds')}
                hintText="Le tuteur confirme la présence et les heures de la personne accueillie"
                {...fieldState(state.error)}
                options={tutors.map((t) => ({
                  label: `${tutorName(t)}${t.role ? ` – ${t.role}` : ''}`,
                  nativeInputProps: {
                    name: field.name,
                    value: t.id,
                    checked: field.value.includes(t.id),
                    onChange: (event) => field.onChange(event.target.checked ? [...field.value, t.id] : field.value.filter((id) => id !== t.id)),
                  },
                }))}
              />
            )
          }
        />
        <CommuneField
          label={required(label('communeName'))}
          value={{ communeName, communeCode }}
          errorMessage={errors.communeName?.message ?? errors.communeCode?.message}
          onChange={(commune) => {
            setValue('communeName', commune.communeName, chosen);
            setValue('communeCode', commune.communeCode ?? '', chosen);
            if (commune.departement) setValue('departement', commune.departement, chosen);
          }}
        />
        <DepartementSelect label={required(label('departement'))} filledByCommune error={errors.departement} nativeSelectProps={register('departement')} />
        <Input
          label={label('schedule')}
          hintText="Par exemple : du lundi au vendredi, 8 h – 12 h"
          {...fieldState(errors.schedule)}
          nativeInputProps={register('schedule')}
        />
        <Input
          label={required(label('capacity'))}
          hintText="Nombre de personnes accueillies en même temps sur ce poste"
          {...fieldState(errors.capacity)}
          nativeInputProps={{ ...register('capacity', { valueAsNumber: true }), type: 'number', min: 1, max: 100, step: 1 }}
        />
        <Checkbox
          legend="Conditions d’accueil"
          options={[
            { label: label('openToMinors'), hintText: 'Dans le respect des règles sur le travail des jeunes', nativeInputProps: register('openToMinors') },
            { label: label('accessiblePmr'), nativeInputProps: register('accessiblePmr') },
            { label: `${label('active')} : proposé aux nouvelles mises en situation`, nativeInputProps: register('active') },
          ]}
        />
        <Input label={label('description')} textArea {...fieldState(errors.description)} nativeTextAreaProps={{ ...register('description'), rows: 4 }} />
      </RecordForm>
    </Page>
  );
}
