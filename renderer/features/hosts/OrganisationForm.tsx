import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useWatch } from 'react-hook-form';
import { useParams } from 'react-router';
import { createOrganisation, getOrganisation, updateOrganisation } from '../../../shared/repos/organisations.ts';
import { agreementKindLabels, agreementKinds } from '../../../shared/schemas/agreement.ts';
import { postalCodeOnChoice } from '../../../shared/reference/communeSearch.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import {
  organisationFields,
  organisationKindLabels,
  organisationKinds,
  type Organisation,
  type OrganisationInput,
} from '../../../shared/schemas/organisation.ts';
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
import { useAgreementOptions } from './useAgreements.ts';

type Values = FormValues<OrganisationInput>;
const schema = formSchema<Values, typeof organisationFields>(organisationFields);
const fields = Object.keys(organisationFields.shape);
const label = (field: keyof Values) => labelOf('organisation', field);

function toValues(o: Organisation | undefined): Values {
  return {
    name: o?.name ?? '',
    kind: o?.kind ?? '',
    siret: o?.siret ?? '',
    street: o?.street ?? '',
    postalCode: o?.postalCode ?? '',
    communeCode: o?.communeCode ?? '',
    communeName: o?.communeName ?? '',
    departement: o?.departement ?? '',
    contactName: o?.contactName ?? '',
    contactPhone: o?.contactPhone ?? '',
    contactEmail: o?.contactEmail ?? '',
    agreementId: o?.agreementId ?? '',
    notes: o?.notes ?? '',
  };
}

/** `structures/nouvelle` and `structures/:organisationId/modifier`. */
export function OrganisationFormPage() {
  const { organisationId } = useParams();
  const existing = useRecord(getOrganisation, organisationId);
  if (organisationId && existing === undefined) return <Loading />;
  if (existing === null) return <NotFound title="Structure introuvable" back={hostsPaths.organisations} backLabel="Retour aux structures" />;
  return <OrganisationForm key={existing?.organisation.id ?? 'nouvelle'} organisation={existing?.organisation} />;
}

export function OrganisationForm({ organisation }: { organisation?: Organisation | undefined }) {
  const ctx = useRepo();
  const agreements = useAgreementOptions();
  const form = useRecordForm({
    schema,
    fields,
    focus: 'name',
    defaultValues: toValues(organisation),
    save: async (values) => {
      const saved = organisation ? await updateOrganisation(ctx, organisation.id, values) : await createOrganisation(ctx, values);
      return { to: hostsPaths.organisation(saved.id), message: organisation ? 'Structure modifiée.' : `Structure « ${saved.name} » enregistrée.` };
    },
  });
  const {
    register,
    setValue,
    getValues,
    control,
    chosen,
    formState: { errors },
  } = form;

  const [communeName, communeCode] = useWatch({ control, name: ['communeName', 'communeCode'] });
  const title = organisation ? `Modifier « ${organisation.name} »` : 'Nouvelle structure d’accueil';
  const cancel = organisation ? hostsPaths.organisation(organisation.id) : hostsPaths.organisations;

  return (
    <Page title={title}>
      <RecordForm form={form} cancel={cancel}>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h6">Identité</legend>
          <div className="fr-fieldset__element">
            <Input label={required(label('name'))} {...fieldState(errors.name)} nativeInputProps={register('name')} />
          </div>
          <div className="fr-fieldset__element">
            <Select
              label={required(label('kind'))}
              hint="Une personne morale de droit public accueille des TIG sans habilitation ; les autres doivent être habilitées."
              {...fieldState(errors.kind)}
              nativeSelectProps={register('kind')}
            >
              <option value="">Choisissez un type</option>
              {organisationKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {organisationKindLabels[kind]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-fieldset__element">
            <Input
              label={label('siret')}
              hintText="14 chiffres, espaces permis"
              {...fieldState(errors.siret)}
              nativeInputProps={{ ...register('siret'), inputMode: 'numeric', autoComplete: 'off' }}
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h6">Adresse</legend>
          <div className="fr-fieldset__element">
            <Input label={label('street')} {...fieldState(errors.street)} nativeInputProps={register('street')} />
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <Input label={label('postalCode')} {...fieldState(errors.postalCode)} nativeInputProps={{ ...register('postalCode'), inputMode: 'numeric' }} />
          </div>
          <div className="fr-fieldset__element">
            <CommuneField
              label={required(label('communeName'))}
              value={{ communeName, communeCode }}
              errorMessage={errors.communeName?.message ?? errors.communeCode?.message}
              onChange={(commune) => {
                setValue('communeName', commune.communeName, chosen);
                setValue('communeCode', commune.communeCode ?? '', chosen);
                if (commune.departement) setValue('departement', commune.departement, chosen);
                if (commune.postalCode) setValue('postalCode', postalCodeOnChoice(getValues('postalCode'), { postalCode: commune.postalCode }), chosen);
              }}
            />
          </div>
          <div className="fr-fieldset__element">
            <DepartementSelect label={required(label('departement'))} filledByCommune error={errors.departement} nativeSelectProps={register('departement')} />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h6">Contact</legend>
          <div className="fr-fieldset__element">
            <Input label={label('contactName')} {...fieldState(errors.contactName)} nativeInputProps={{ ...register('contactName'), autoComplete: 'off' }} />
          </div>
          <div className="fr-fieldset__element">
            <Input
              label={label('contactPhone')}
              {...fieldState(errors.contactPhone)}
              nativeInputProps={{ ...register('contactPhone'), type: 'tel', autoComplete: 'off' }}
            />
          </div>
          <div className="fr-fieldset__element">
            <Input
              label={label('contactEmail')}
              {...fieldState(errors.contactEmail)}
              nativeInputProps={{ ...register('contactEmail'), type: 'email', autoComplete: 'off' }}
            />
          </div>
        </fieldset>
        {agreements && (agreements.length > 0 || organisation?.agreementId) && (
          <Select
            label={label('agreementId')}
            hint="L’accord-cadre national signé par l’ATIGIP ou la convention signée localement dont relève cette structure (écran Partenariats)"
            {...fieldState(errors.agreementId)}
            nativeSelectProps={register('agreementId')}
          >
            <option value="">Aucun</option>
            {agreementKinds.map((kind) => {
              const ofKind = agreements.filter((a) => a.kind === kind);
              return (
                ofKind.length > 0 && (
                  <optgroup key={kind} label={agreementKindLabels[kind]}>
                    {ofKind.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.label}
                      </option>
                    ))}
                  </optgroup>
                )
              );
            })}
            {organisation?.agreementId && !agreements.some((a) => a.id === organisation.agreementId) && (
              <option value={organisation.agreementId}>Accord supprimé depuis</option>
            )}
          </Select>
        )}
        <Input label={label('notes')} textArea {...fieldState(errors.notes)} nativeTextAreaProps={{ ...register('notes'), rows: 4 }} />
      </RecordForm>
    </Page>
  );
}
