import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useWatch } from 'react-hook-form';
import { useParams } from 'react-router';
import { getOrganisation } from '../../../shared/repos/organisations.ts';
import { createTutor, tutorName, updateTutor } from '../../../shared/repos/tutors.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import type { Organisation } from '../../../shared/schemas/organisation.ts';
import { tutorFields, type Tutor, type TutorInput } from '../../../shared/schemas/tutor.ts';
import { useRepo, useRecord } from '../../app/index.ts';
import { fieldState, formSchema, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { hostsPaths } from './paths.ts';

type Values = FormValues<TutorInput>;
const schema = formSchema<Values, typeof tutorFields>(tutorFields);
const fields = ['lastName', 'firstName', 'role', 'phone', 'email', 'trained', 'trainedOn'];
const label = (field: keyof Values) => labelOf('tutor', field);

/** `structures/:organisationId/tuteurs/nouveau` and `…/tuteurs/:tutorId/modifier`. */
export function TutorFormPage() {
  const { organisationId, tutorId } = useParams();
  const detail = useRecord(getOrganisation, organisationId);
  if (detail === undefined) return <Loading />;
  if (detail === null) return <NotFound title="Structure introuvable" back={hostsPaths.organisations} backLabel="Retour aux structures" />;
  const tutor = tutorId ? detail.tutors.find((t) => t.id === tutorId) : undefined;
  if (tutorId && !tutor)
    return <NotFound title="Tuteur introuvable" back={hostsPaths.organisation(detail.organisation.id)} backLabel="Retour à la structure" />;
  return <TutorForm key={`${detail.organisation.id}-${tutorId ?? 'nouveau'}`} organisation={detail.organisation} tutor={tutor} />;
}

export function TutorForm({ organisation, tutor }: { organisation: Organisation; tutor?: Tutor | undefined }) {
  const ctx = useRepo();
  const back = hostsPaths.organisation(organisation.id);
  const form = useRecordForm({
    schema,
    fields,
    focus: 'lastName',
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
    save: async (values) => {
      const saved = tutor ? await updateTutor(ctx, tutor.id, values) : await createTutor(ctx, values);
      return { to: back, message: tutor ? 'Tuteur modifié.' : `Tuteur ${tutorName(saved)} enregistré.` };
    },
  });
  const {
    register,
    setValue,
    control,
    formState: { errors },
  } = form;

  const trained = useWatch({ control, name: 'trained' });
  const title = `${tutor ? `Modifier ${tutorName(tutor)}` : 'Nouveau tuteur'} – ${organisation.name}`;
  return (
    <Page title={title}>
      <RecordForm form={form} cancel={back}>
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
      </RecordForm>
    </Page>
  );
}
