import { Input } from '@codegouvfr/react-dsfr/Input';
import { Controller } from 'react-hook-form';
import { useParams } from 'react-router';
import * as z from 'zod';
import { createPerson, personPage, updatePerson } from '../../../shared/repos/persons.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { personFields, type Person, type PersonInput } from '../../../shared/schemas/person.ts';
import { useIdentity, useRepo, useRecord } from '../../app/index.ts';
import { blank, fieldState, requiredDate, OPTIONAL_NOTICE } from '../../ui/forms.ts';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { CommuneField } from '../geo/index.ts';
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
const fields = Object.keys(personFields.shape);

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
  const form = useRecordForm({
    schema: personForm,
    fields,
    focus: 'lastName',
    defaultValues: initialValues(person, identity.userName),
    save: async (values) => {
      if (person) {
        await updatePerson(ctx, person.id, patchOf(values));
        return { to: `/personnes/${person.id}`, message: 'Modifications enregistrées.' };
      }
      const created = await createPerson(ctx, values);
      return { to: `/personnes/${created.id}`, message: `La fiche de ${personName(created)} est enregistrée. Ajoutez maintenant sa mesure.` };
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;

  return (
    <RecordForm
      form={form}
      cancel={person ? `/personnes/${person.id}` : '/personnes'}
      submitLabel={person ? 'Enregistrer les modifications' : 'Créer la personne'}
      notice={OPTIONAL_NOTICE}
      wide
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label={labelOf('person', 'lastName')} {...fieldState(errors.lastName)} nativeInputProps={{ ...register('lastName'), autoComplete: 'off' }} />
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
    </RecordForm>
  );
}

export function NewPersonPage() {
  return (
    <Page title="Nouvelle personne">
      <PersonForm />
    </Page>
  );
}

export function EditPersonPage() {
  const { personId = '' } = useParams();
  const page = useRecord(personPage, personId);
  if (page === undefined) return null;
  if (page === null) return <RecordNotFound what="Cette personne" />;
  return (
    <Page title={`Modifier ${personName(page.person)}`}>
      <PersonForm person={page.person} />
    </Page>
  );
}
