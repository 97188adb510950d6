import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import * as z from 'zod';
import { createPerson, personPage, updatePerson } from '../../../shared/repos/persons.ts';
import { personFields, type Person, type PersonInput } from '../../../shared/schemas/person.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { flash } from '../../ui/Flash.tsx';
import { showRepoError } from '../../ui/formErrors.ts';
import { blank, fieldState, requiredDate } from '../../ui/forms.ts';
import { Page } from '../../ui/Page.tsx';
import { CommuneField } from '../geo/index.ts';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { personName } from './personRows.ts';
import { RecordNotFound } from './RecordNotFound.tsx';

const personForm = z
  .object({
    lastName: z.string(),
    firstName: z.string(),
    birthDate: z.string(),
    caseNumber: z.string(),
    communeName: z.string(),
    communeCode: z.string(),
    departement: z.string(),
    phone: z.string(),
    counsellor: z.string(),
  })
  .transform((v): PersonInput => ({
    lastName: v.lastName,
    firstName: v.firstName,
    birthDate: blank(v.birthDate) as string,
    caseNumber: v.caseNumber,
    communeName: blank(v.communeName),
    communeCode: blank(v.communeCode),
    departement: blank(v.departement),
    phone: blank(v.phone),
    counsellor: blank(v.counsellor),
  }))
  .pipe(personFields.extend({ birthDate: requiredDate(labelOf('person', 'birthDate')) }));

type PersonFormValues = z.input<typeof personForm>;
const fieldNames = Object.keys(personFields.shape);

function initialValues(person: Person | undefined, counsellor: string): PersonFormValues {
  return {
    lastName: person?.lastName ?? '',
    firstName: person?.firstName ?? '',
    birthDate: person?.birthDate ?? '',
    caseNumber: person?.caseNumber ?? '',
    communeName: person?.communeName ?? '',
    communeCode: person?.communeCode ?? '',
    departement: person?.departement ?? '',
    phone: person?.phone ?? '',
    counsellor: person?.counsellor ?? counsellor,
  };
}

/** A field left blank clears what was there: an absent key in a patch would keep the old value. */
function patchOf(values: PersonInput): Partial<PersonInput> {
  return { communeName: undefined, communeCode: undefined, departement: undefined, phone: undefined, counsellor: undefined, ...values };
}

/** Create a person, or correct one (`person` given). */
export function PersonForm({ person }: { person?: Person }) {
  const ctx = useRepo();
  const identity = useIdentity();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PersonFormValues, unknown, z.output<typeof personForm>>({
    resolver: zodResolver(personForm),
    defaultValues: initialValues(person, identity.userName),
  });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      if (person) {
        await updatePerson(ctx, person.id, patchOf(values));
        void navigate(`/personnes/${person.id}`, flash('Modifications enregistrées.'));
      } else {
        const created = await createPerson(ctx, values);
        void navigate(`/personnes/${created.id}`, flash(`${personName(created)} est enregistré(e). Ajoutez maintenant sa mesure.`));
      }
    } catch (error) {
      setFailure(showRepoError(error, setError, fieldNames));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormFailure title="Enregistrement refusé" message={failure} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={labelOf('person', 'lastName')}
            {...fieldState(errors.lastName)}
            nativeInputProps={{ ...register('lastName'), autoFocus: true, autoComplete: 'off' }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={labelOf('person', 'firstName')}
            {...fieldState(errors.firstName)}
            nativeInputProps={{ ...register('firstName'), autoComplete: 'off' }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label={labelOf('person', 'birthDate')} {...fieldState(errors.birthDate)} nativeInputProps={{ ...register('birthDate'), type: 'date' }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={labelOf('person', 'caseNumber')}
            hintText="Tel qu’il figure sur la décision, par exemple 2026/00123"
            {...fieldState(errors.caseNumber)}
            nativeInputProps={{ ...register('caseNumber'), autoComplete: 'off' }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Controller
            control={control}
            name="communeName"
            render={({ field: communeField }) => (
              <Controller
                control={control}
                name="communeCode"
                render={({ field: codeField }) => (
                  <Controller
                    control={control}
                    name="departement"
                    render={({ field: departementField }) => (
                      <CommuneField
                        label={`${labelOf('person', 'communeName')} (facultatif)`}
                        value={{ communeName: communeField.value }}
                        errorMessage={errors.communeName?.message ?? errors.communeCode?.message ?? errors.departement?.message}
                        onChange={(v) => {
                          communeField.onChange(v.communeName);
                          codeField.onChange(v.communeCode ?? '');
                          departementField.onChange(v.departement ?? '');
                        }}
                      />
                    )}
                  />
                )}
              />
            )}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={`${labelOf('person', 'phone')} (facultatif)`}
            hintText="Par exemple 06 12 34 56 78"
            {...fieldState(errors.phone)}
            nativeInputProps={{ ...register('phone'), type: 'tel', autoComplete: 'off' }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={`${labelOf('person', 'counsellor')} (facultatif)`}
            {...fieldState(errors.counsellor)}
            nativeInputProps={{ ...register('counsellor'), autoComplete: 'off' }}
          />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline fr-mt-2w">
        <li>
          <Button type="submit" disabled={isSubmitting}>
            {person ? 'Enregistrer les modifications' : 'Créer la personne'}
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: person ? `/personnes/${person.id}` : '/personnes' }}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

export function NewPersonPage() {
  return (
    <Page title="Nouvelle personne">
      <p>Les champs sans mention « facultatif » sont obligatoires.</p>
      <PersonForm />
    </Page>
  );
}

export function EditPersonPage() {
  const ctx = useRepo();
  const { personId = '' } = useParams();
  const page = useLiveQuery(async () => (await personPage(ctx, personId)) ?? null, [ctx, personId]);
  if (page === undefined) return null;
  if (page === null) return <RecordNotFound what="Cette personne" />;
  return (
    <Page title={`Modifier ${personName(page.person)}`}>
      <PersonForm person={page.person} />
    </Page>
  );
}
