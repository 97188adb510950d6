import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type * as z from 'zod';
import { listOrganisations } from '../../../shared/repos/organisations.ts';
import { createPost, getPost, updatePost } from '../../../shared/repos/posts.ts';
import { tutorName } from '../../../shared/repos/tutors.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { activityDomainLabels, activityDomains, postFields, type Post, type PostInput } from '../../../shared/schemas/post.ts';
import { useRepo } from '../../app/index.ts';
import { DepartementSelect } from '../../ui/DepartementSelect.tsx';
import { flash } from '../../ui/Flash.tsx';
import { showRepoError } from '../../ui/formErrors.ts';
import { fieldState, formSchema, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { CommuneField } from '../geo/index.ts';
import { hostsPaths } from './paths.ts';
import { useOrganisation } from './useOrganisation.ts';

type Values = FormValues<PostInput>;
const schema = formSchema<Values, typeof postFields>(postFields);
const fieldNames = Object.keys(postFields.shape);
const label = (field: keyof Values) => labelOf('post', field);

/** `structures/postes/nouveau`, `structures/:organisationId/postes/nouveau` and `structures/postes/:postId/modifier`. */
export function PostFormPage() {
  const { organisationId, postId } = useParams();
  const ctx = useRepo();
  const existing = useLiveQuery(async () => (postId ? ((await getPost(ctx, postId))?.post ?? null) : undefined), [ctx, postId], 'loading' as const);
  if (existing === 'loading') return <Loading />;
  if (existing === null) return <NotFound title="Poste introuvable" back={hostsPaths.posts} backLabel="Retour aux postes" />;
  return <PostForm key={existing?.id ?? organisationId ?? 'nouveau'} post={existing} organisationId={existing?.organisationId ?? organisationId} />;
}

export function PostForm({ post, organisationId }: { post?: Post | undefined; organisationId?: string | undefined }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const {
    register,
    control,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    getValues,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<Values, unknown, z.output<typeof postFields>>({
    resolver: zodResolver(schema),
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
  });

  const chosenOrganisation = useWatch({ control, name: 'organisationId' });
  const detail = useOrganisation(chosenOrganisation || undefined);
  const organisations = useLiveQuery(() => (organisationId ? Promise.resolve([]) : listOrganisations(ctx)), [ctx, organisationId]);
  const organisationFixed = Boolean(organisationId);

  useEffect(() => setFocus(organisationFixed ? 'title' : 'organisationId'), [setFocus, organisationFixed]);

  // A new post takes place at its organisation unless the user says otherwise.
  const host = detail !== 'loading' && detail !== null ? detail.organisation : undefined;
  useEffect(() => {
    if (!host || post || getValues('communeName') !== '') return;
    setValue('communeName', host.communeName);
    setValue('communeCode', host.communeCode ?? '');
    setValue('departement', host.departement);
  }, [host, post, getValues, setValue]);

  const [communeName, communeCode] = useWatch({ control, name: ['communeName', 'communeCode'] });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      const saved = post ? await updatePost(ctx, post.id, values) : await createPost(ctx, values);
      void navigate(hostsPaths.post(saved.id), flash(post ? 'Poste modifié.' : `Poste « ${saved.title} » enregistré.`));
    } catch (error) {
      setFailure(showRepoError(error, setError, fieldNames));
    }
  });

  const validate = { shouldValidate: isSubmitted, shouldDirty: true };
  const tutors = detail !== 'loading' && detail !== null ? detail.tutors : [];
  const back = post ? hostsPaths.post(post.id) : organisationId ? hostsPaths.organisation(organisationId) : hostsPaths.posts;
  const title = post ? `Modifier le poste « ${post.title} »` : host && organisationFixed ? `Nouveau poste – ${host.name}` : 'Nouveau poste de TIG';

  return (
    <Page title={title}>
      <form onSubmit={onSubmit} noValidate className="app-form">
        <p className="fr-text--sm">Les champs suivis d’un astérisque (*) sont obligatoires.</p>
        {failure && <Alert className="fr-mb-3w" severity="error" title="Enregistrement refusé" description={failure} />}
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
        <Select label={required(label('domain'))} {...fieldState(errors.domain)} nativeSelectProps={register('domain')}>
          <option value="">Choisissez un domaine</option>
          {activityDomains.map((d) => (
            <option key={d} value={d}>
              {activityDomainLabels[d]}
            </option>
          ))}
        </Select>
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
            setValue('communeName', commune.communeName, validate);
            setValue('communeCode', commune.communeCode ?? '', validate);
            if (commune.departement) setValue('departement', commune.departement, validate);
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
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button type="submit" iconId="fr-icon-save-line" disabled={isSubmitting}>
              Enregistrer
            </Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ to: back }}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    </Page>
  );
}
