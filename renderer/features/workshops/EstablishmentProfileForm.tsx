import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { formatNumber } from '../../../shared/format/fr.ts';
import { dispOfDepartement } from '../../../shared/reference/disp.ts';
import { saveEstablishmentProfile } from '../../../shared/repos/establishmentProfiles.ts';
import {
  dispLabels,
  disps,
  establishmentProfileFields,
  type EstablishmentProfile,
  type EstablishmentProfileInput,
} from '../../../shared/schemas/establishmentProfile.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { workDomainLabels, workDomains } from '../../../shared/schemas/programme.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { DepartementSelect } from '../../ui/DepartementSelect.tsx';
import { fieldState, formSchema, frenchNumber, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { CommuneField } from '../geo/index.ts';
import { NotAnEstablishment } from './EstablishmentProfilePage.tsx';
import { workshopsPaths } from './paths.ts';
import { useEstablishmentProfile } from './useEstablishmentProfile.ts';

const label = (field: string) => labelOf('establishmentProfile', field);

type Values = Omit<FormValues<EstablishmentProfileInput>, 'capacity' | 'productionArea' | 'storageArea'> & {
  capacity: string;
  productionArea: string;
  storageArea: string;
};
const schema = formSchema<Values, typeof establishmentProfileFields>(establishmentProfileFields, (v) => ({
  ...v,
  capacity: frenchNumber(v.capacity),
  productionArea: frenchNumber(v.productionArea),
  storageArea: frenchNumber(v.storageArea),
}));
const fields = Object.keys(establishmentProfileFields.shape);
const numberText = (n: number | undefined) => (n === undefined ? '' : formatNumber(n).replace(/\s/g, ''));

function toValues(p: EstablishmentProfile | undefined, siteName: string, departement: string): Values {
  return {
    name: p?.name ?? siteName,
    disp: p?.disp ?? '',
    communeCode: p?.communeCode ?? '',
    communeName: p?.communeName ?? '',
    departement: p?.departement ?? departement,
    capacity: numberText(p?.capacity),
    productionArea: numberText(p?.productionArea),
    storageArea: numberText(p?.storageArea),
    domains: p ? [...p.domains] : [],
    officerName: p?.officerName ?? '',
    officerPhone: p?.officerPhone ?? '',
    officerEmail: p?.officerEmail ?? '',
    notes: p?.notes ?? '',
  };
}

/** `/ateliers/etablissement/modifier`. */
export function EstablishmentProfileFormPage() {
  const identity = useIdentity();
  const profile = useEstablishmentProfile();
  if (identity.kind !== 'etablissement') {
    return (
      <Page title="Fiche établissement">
        <NotAnEstablishment />
      </Page>
    );
  }
  if (profile === undefined) return <Loading />;
  return <EstablishmentProfileForm key={profile?.id ?? 'nouvelle'} profile={profile ?? undefined} />;
}

export function EstablishmentProfileForm({ profile }: { profile?: EstablishmentProfile | undefined }) {
  const ctx = useRepo();
  const identity = useIdentity();
  const [defaults] = useState(() => toValues(profile, identity.name, identity.departement));
  const form = useRecordForm({
    schema,
    fields,
    focus: 'name',
    defaultValues: defaults,
    save: async (values) => {
      await saveEstablishmentProfile(ctx, values);
      return { to: workshopsPaths.establishment, message: 'Fiche établissement enregistrée.' };
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
  // A select shows its stored choice from the first paint (react-hook-form would otherwise read an empty DOM value).
  const select = (name: 'disp' | 'departement') => ({ ...register(name), defaultValue: defaults[name] });
  const [communeName, communeCode, domains] = useWatch({ control, name: ['communeName', 'communeCode', 'domains'] });
  const domainSet = new Set(domains);

  return (
    <Page title={profile ? 'Modifier la fiche établissement' : 'Nouvelle fiche établissement'}>
      <RecordForm form={form} cancel={workshopsPaths.establishment}>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h6">Établissement</legend>
          <div className="fr-fieldset__element">
            <Input label={required(label('name'))} {...fieldState(errors.name)} nativeInputProps={register('name')} />
          </div>
          <div className="fr-fieldset__element">
            <Select
              label={required(label('disp'))}
              hint="Celle du département de l’établissement : remplie en choisissant la commune dans la liste"
              {...fieldState(errors.disp)}
              nativeSelectProps={select('disp')}
            >
              <option value="">Choisissez une direction interrégionale</option>
              {disps.map((d) => (
                <option key={d} value={d}>
                  {dispLabels[d]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-fieldset__element">
            <CommuneField
              label={required(label('communeName'))}
              value={{ communeName, communeCode }}
              errorMessage={errors.communeName?.message ?? errors.communeCode?.message}
              onChange={(commune) => {
                setValue('communeName', commune.communeName, chosen);
                setValue('communeCode', commune.communeCode ?? '', chosen);
                if (commune.departement) {
                  setValue('departement', commune.departement, chosen);
                  const disp = dispOfDepartement(commune.departement);
                  if (disp) setValue('disp', disp, chosen);
                }
              }}
            />
          </div>
          <div className="fr-fieldset__element">
            <DepartementSelect label={required(label('departement'))} filledByCommune error={errors.departement} nativeSelectProps={select('departement')} />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h6">Capacité et surfaces</legend>
          <div className="fr-fieldset__element app-inline-fields">
            <Input
              label={required(label('capacity'))}
              {...fieldState(errors.capacity)}
              nativeInputProps={{ ...register('capacity'), inputMode: 'numeric', autoComplete: 'off' }}
            />
            <Input
              label={required(label('productionArea'))}
              {...fieldState(errors.productionArea)}
              nativeInputProps={{ ...register('productionArea'), inputMode: 'decimal', autoComplete: 'off' }}
            />
            <Input
              label={required(label('storageArea'))}
              {...fieldState(errors.storageArea)}
              nativeInputProps={{ ...register('storageArea'), inputMode: 'decimal', autoComplete: 'off' }}
            />
          </div>
          <div className="fr-fieldset__element">
            <Checkbox
              legend={label('domains')}
              hintText="Ce que les ateliers de l’établissement savent faire ; une entreprise cherche par domaine."
              orientation="horizontal"
              small
              {...fieldState(errors.domains)}
              options={workDomains.map((d) => ({
                label: workDomainLabels[d],
                nativeInputProps: {
                  name: 'domains',
                  value: d,
                  checked: domainSet.has(d),
                  onChange: (event) => {
                    const current = getValues('domains');
                    setValue('domains', event.target.checked ? [...current, d] : current.filter((x) => x !== d), chosen);
                  },
                },
              }))}
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-h6">Référent local travail et formation</legend>
          <div className="fr-fieldset__element">
            <Input
              label={required(label('officerName'))}
              {...fieldState(errors.officerName)}
              nativeInputProps={{ ...register('officerName'), autoComplete: 'off' }}
            />
          </div>
          <div className="fr-fieldset__element app-inline-fields">
            <Input
              label={label('officerPhone')}
              {...fieldState(errors.officerPhone)}
              nativeInputProps={{ ...register('officerPhone'), type: 'tel', autoComplete: 'off' }}
            />
            <Input
              label={label('officerEmail')}
              {...fieldState(errors.officerEmail)}
              nativeInputProps={{ ...register('officerEmail'), type: 'email', autoComplete: 'off' }}
            />
          </div>
        </fieldset>
        <Input label={label('notes')} textArea {...fieldState(errors.notes)} nativeTextAreaProps={{ ...register('notes'), rows: 4 }} />
      </RecordForm>
    </Page>
  );
}
