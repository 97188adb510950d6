import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type * as z from 'zod';
import { createTutor, tutorName, updateTutor } from '../../../shared/repos/tutors.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import type { Organisation } from '../../../shared/schemas/organisation.ts';
import { tutorFields, type Tutor, type TutorInput } from '../../../shared/schemas/tutor.ts';
import { useRepo } from '../../app/index.ts';
import { flash } from '../../ui/Flash.tsx';
import { showRepoError } from '../../ui/formErrors.ts';
import { fieldState, formSchema, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { hostsPaths } from './paths.ts';
import { useOrganisation } from './useOrganisation.ts';

type Values = FormValues<TutorInput>;
const schema = formSchema<Values, typeof tutorFields>(tutorFields);
const fieldNames = ['lastName', 'firstName', 'role', 'phone', 'email', 'trained', 'trainedOn'];
const label = (field: keyof Values) => labelOf('tutor', field);

/** `structures/:organisationId/tuteurs/nouveau` and `…/tuteurs/:tutorId/modifier`. */
export function TutorFormPage() {
  const { organisationId, tutorId } = useParams();
  const detail = useOrganisation(organisationId);
  if (detail === 'loading') return <Loading />;
  if (detail === null) return <NotFound title="Structure introuvable" back={hostsPaths.organisations} backLabel="Retour aux structures" />;
  const tutor = tutorId ? detail.tutors.find((t) => t.id === tutorId) : undefined;
  if (tutorId && !tutor)
    return <NotFound title="Tuteur introuvable" back={hostsPaths.organisation(detail.organisation.id)} backLabel="Retour à la structure" />;
  return <TutorForm key={`${detail.organisation.id}-${tutorId ?? 'nouveau'}`} organisation={detail.organisation} tutor={tutor} />;
}

export function TutorForm({ organisation, tutor }: { organisation: Organisation; tutor?: Tutor | undefined }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    control,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof tutorFields>>({
    resolver: zodResolver(schema),
    defaultValues: {
      organisationId: organisation.id,
      lastName: tutor?.lastName ?? '',
      firstName: tutor?.firstName ?? '',
      role: tutor?.role ?? '',
      phone: tutor?.phone ?? '',
      email: tutor?.email ?? '',
      trained: tutor?.trained ?? false,
      trainedOn: tutor?.trainedOn ?? '',
    },
  });

  useEffect(() => setFocus('lastName'), [setFocus]);

  const back = hostsPaths.organisation(organisation.id);
  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      const saved = tutor ? await updateTutor(ctx, tutor.id, values) : await createTutor(ctx, values);
      void navigate(back, flash(tutor ? 'Tuteur modifié.' : `Tuteur ${tutorName(saved)} enregistré.`));
    } catch (error) {
      setFailure(showRepoError(error, setError, fieldNames));
    }
  });

  const trained = useWatch({ control, name: 'trained' });
  const title = `${tutor ? `Modifier ${tutorName(tutor)}` : 'Nouveau tuteur'} – ${organisation.name}`;
  return (
    <Page title={title}>
      <form onSubmit={onSubmit} noValidate className="app-form">
        <p className="fr-text--sm">Les champs suivis d’un astérisque (*) sont obligatoires.</p>
        {failure && <Alert className="fr-mb-3w" severity="error" title="Enregistrement refusé" description={failure} />}
        <Input label={required(label('lastName'))} {...fieldState(errors.lastName)} nativeInputProps={{ ...register('lastName'), autoComplete: 'off' }} />
        <Input label={required(label('firstName'))} {...fieldState(errors.firstName)} nativeInputProps={{ ...register('firstName'), autoComplete: 'off' }} />
        <Input label={label('role')} hintText="Par exemple : responsable des espaces verts" {...fieldState(errors.role)} nativeInputProps={register('role')} />
        <Input label={label('phone')} {...fieldState(errors.phone)} nativeInputProps={{ ...register('phone'), type: 'tel', autoComplete: 'off' }} />
        <Input label={label('email')} {...fieldState(errors.email)} nativeInputProps={{ ...register('email'), type: 'email', autoComplete: 'off' }} />
        <Checkbox
          legend="Formation"
          {...fieldState(errors.trained)}
          options={[
            {
              label: 'Tuteur formé à l’accueil de personnes en TIG',
              nativeInputProps: register('trained', {
                onChange: (event: { target: { checked: boolean } }) => !event.target.checked && setValue('trainedOn', ''),
              }),
            },
          ]}
        />
        {trained && <Input label={label('trainedOn')} {...fieldState(errors.trainedOn)} nativeInputProps={{ ...register('trainedOn'), type: 'date' }} />}
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
