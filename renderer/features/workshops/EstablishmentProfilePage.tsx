import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type * as z from 'zod';
import { formatNumber } from '../../../shared/format/fr.ts';
import { dispOfDepartement } from '../../../shared/reference/disp.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { getLocalEstablishmentProfile, saveEstablishmentProfile } from '../../../shared/repos/establishmentProfiles.ts';
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
import { flash, FlashMessage } from '../../ui/Flash.tsx';
import { showRepoError } from '../../ui/formErrors.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { fieldState, formSchema, frenchNumber, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { CommuneField } from '../geo/index.ts';
import { RecordHistory } from '../history/index.ts';
import { workshopsPaths } from './paths.ts';
import { WorkshopsTabs } from './WorkshopsTabs.tsx';

const label = (field: string) => labelOf('establishmentProfile', field);
const m2 = (value: number) => `${formatNumber(value)} m²`;

function NotAnEstablishment() {
  return (
    <EmptyState title="Réservé aux établissements pénitentiaires">
      La fiche établissement décrit ce qu’un établissement pénitentiaire offre à une entreprise qui voudrait y installer une activité. Ce site n’est pas un
      établissement : il n’en tient pas.
    </EmptyState>
  );
}

/** `/ateliers/etablissement`: what this establishment offers a company (IPRO 360° side). */
export function EstablishmentProfilePage() {
  const ctx = useRepo();
  const identity = useIdentity();
  const profile = useLiveQuery(async () => (await getLocalEstablishmentProfile(ctx)) ?? null, [ctx]);
  const isEstablishment = identity.kind === 'etablissement';
  const edit = (
    <Button iconId="fr-icon-edit-line" linkProps={{ to: workshopsPaths.editEstablishment }}>
      {profile ? 'Modifier la fiche' : 'Créer la fiche'}
    </Button>
  );
  return (
    <Page title="Ateliers et formations" actions={isEstablishment && profile !== undefined ? edit : undefined}>
      <FlashMessage />
      <WorkshopsTabs selected="etablissement">
        {!isEstablishment ? (
          <NotAnEstablishment />
        ) : profile === undefined ? (
          <Loading />
        ) : profile === null ? (
          <EmptyState title="Pas encore de fiche établissement" action={edit}>
            Décrivez l’établissement (capacité, surfaces de production et de stockage, domaines d’activité des ateliers, référent travail et formation) : le
            siège la consulte pour répondre aux entreprises qui cherchent où installer une activité.
          </EmptyState>
        ) : (
          <ProfileView profile={profile} />
        )}
      </WorkshopsTabs>
    </Page>
  );
}

function ProfileView({ profile }: { profile: EstablishmentProfile }) {
  return (
    <>
      <h2 className="fr-h4">{profile.name}</h2>
      <dl className="app-definitions fr-mb-4w">
        <dt>{label('disp')}</dt>
        <dd>{dispLabels[profile.disp]}</dd>
        <dt>{label('communeName')}</dt>
        <dd>{profile.communeName}</dd>
        <dt>{label('departement')}</dt>
        <dd>{departementLabel(profile.departement)}</dd>
        <dt>{label('capacity')}</dt>
        <dd>{formatNumber(profile.capacity)}</dd>
        <dt>{label('productionArea')}</dt>
        <dd>{m2(profile.productionArea)}</dd>
        <dt>{label('storageArea')}</dt>
        <dd>{m2(profile.storageArea)}</dd>
        <dt>{label('domains')}</dt>
        <dd>{profile.domains.length > 0 ? profile.domains.map((d) => workDomainLabels[d]).join(', ') : 'Aucun'}</dd>
        <dt>{label('officerName')}</dt>
        <dd>{profile.officerName}</dd>
        <dt>{label('officerPhone')}</dt>
        <dd>{profile.officerPhone ?? '—'}</dd>
        <dt>{label('officerEmail')}</dt>
        <dd>{profile.officerEmail ?? '—'}</dd>
        {profile.notes && (
          <>
            <dt>{label('notes')}</dt>
            <dd className="app-pre-line">{profile.notes}</dd>
          </>
        )}
      </dl>
      <RecordHistory entity="establishmentProfile" recordId={profile.id} title="Historique de la fiche" />
    </>
  );
}

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
const fieldNames = Object.keys(establishmentProfileFields.shape);
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
  const ctx = useRepo();
  const identity = useIdentity();
  const profile = useLiveQuery(async () => (await getLocalEstablishmentProfile(ctx)) ?? null, [ctx]);
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
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const [defaults] = useState(() => toValues(profile, identity.name, identity.departement));
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<Values, unknown, z.output<typeof establishmentProfileFields>>({ resolver: zodResolver(schema), defaultValues: defaults });
  // A select shows its stored choice from the first paint (react-hook-form would otherwise read an empty DOM value).
  const select = (name: 'disp' | 'departement') => ({ ...register(name), defaultValue: defaults[name] });

  useEffect(() => setFocus('name'), [setFocus]);
  const [communeName, communeCode, domains] = useWatch({ control, name: ['communeName', 'communeCode', 'domains'] });
  const validate = { shouldValidate: isSubmitted, shouldDirty: true };
  const chosen = new Set(domains);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await saveEstablishmentProfile(ctx, values);
      void navigate(workshopsPaths.establishment, flash('Fiche établissement enregistrée.'));
    } catch (error) {
      setFailure(showRepoError(error, setError, fieldNames));
    }
  });

  return (
    <Page title={profile ? 'Modifier la fiche établissement' : 'Nouvelle fiche établissement'}>
      <form onSubmit={onSubmit} noValidate className="app-form">
        <p className="fr-text--sm">Les champs suivis d’un astérisque (*) sont obligatoires.</p>
        {failure && <Alert className="fr-mb-3w" severity="error" title="Enregistrement refusé" description={failure} />}
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
                setValue('communeName', commune.communeName, validate);
                setValue('communeCode', commune.communeCode ?? '', validate);
                if (commune.departement) {
                  setValue('departement', commune.departement, validate);
                  const disp = dispOfDepartement(commune.departement);
                  if (disp) setValue('disp', disp, validate);
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
                  checked: chosen.has(d),
                  onChange: (event) => {
                    const current = getValues('domains');
                    setValue('domains', event.target.checked ? [...current, d] : current.filter((x) => x !== d), validate);
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
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button type="submit" iconId="fr-icon-save-line" disabled={isSubmitting}>
              Enregistrer
            </Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ to: workshopsPaths.establishment }}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    </Page>
  );
}
