import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useParams } from 'react-router';
import { isHeadquarters, isLocallyOwned } from '../../../shared/repos/ownership.ts';
import { createPartner, getPartner, updatePartner } from '../../../shared/repos/partners.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import {
  partnerFields,
  partnerKindLabels,
  partnerKinds,
  partnerScopeLabels,
  partnerScopes,
  type Partner,
  type PartnerInput,
} from '../../../shared/schemas/partner.ts';
import { useIdentity, useRepo, useRecord } from '../../app/index.ts';
import { fieldState, formSchema, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { partnershipsPaths } from './paths.ts';
import { ReferenceBadge } from './ReferenceBadge.tsx';

type Values = FormValues<PartnerInput>;
const schema = formSchema<Values, typeof partnerFields>(partnerFields);
const fields = Object.keys(partnerFields.shape);
const label = (field: keyof Values) => labelOf('partner', field);

/** `partenariats/partenaires/nouveau` and `partenariats/partenaires/:partnerId/modifier`. */
export function PartnerFormPage() {
  const { partnerId } = useParams();
  const existing = useRecord(getPartner, partnerId);
  if (partnerId && existing === undefined) return <Loading />;
  if (existing === null) return <NotFound title="Partenaire introuvable" back={partnershipsPaths.partners} backLabel="Retour aux partenaires" />;
  return <PartnerForm key={existing?.id ?? 'nouveau'} partner={existing} />;
}

export function PartnerForm({ partner }: { partner?: Partner | undefined }) {
  const ctx = useRepo();
  const identity = useIdentity();
  const hq = isHeadquarters(identity);
  const editable = !partner || isLocallyOwned(identity, partner);
  const form = useRecordForm({
    schema,
    fields,
    focus: 'name',
    defaultValues: { name: partner?.name ?? '', kind: partner?.kind ?? '', scope: partner?.scope ?? (hq ? 'national' : 'local'), notes: partner?.notes ?? '' },
    save: async (values) => {
      const saved = partner ? await updatePartner(ctx, partner.id, values) : await createPartner(ctx, values);
      return { to: partnershipsPaths.partner(saved.id), message: partner ? 'Partenaire modifié.' : `Partenaire « ${saved.name} » enregistré.` };
    },
  });
  const {
    register,
    formState: { errors },
  } = form;

  const title = partner ? `Modifier « ${partner.name} »` : hq ? 'Nouveau partenaire' : 'Nouveau partenaire local';
  const cancel = partner ? partnershipsPaths.partner(partner.id) : partnershipsPaths.partners;

  if (partner && !editable) {
    return (
      <Page title={title}>
        <ReferenceBadge />
        <p>Ce partenaire vient de la liste nationale tenue par le siège : il ne se modifie pas sur ce poste.</p>
        <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: cancel }}>
          Retour au partenaire
        </Button>
      </Page>
    );
  }

  return (
    <Page title={title}>
      <RecordForm form={form} cancel={cancel}>
        <Input label={required(label('name'))} {...fieldState(errors.name)} nativeInputProps={{ ...register('name'), autoComplete: 'off' }} />
        <Select label={required(label('kind'))} {...fieldState(errors.kind)} nativeSelectProps={{ ...register('kind'), defaultValue: partner?.kind ?? '' }}>
          <option value="">Choisissez un type</option>
          {partnerKinds.map((kind) => (
            <option key={kind} value={kind}>
              {partnerKindLabels[kind]}
            </option>
          ))}
        </Select>
        {hq ? (
          <RadioButtons
            legend={required(label('scope'))}
            hintText="Un partenaire national signe des accords-cadres avec le siège ; il part vers les sites avec les données de référence."
            orientation="horizontal"
            {...fieldState(errors.scope)}
            options={partnerScopes.map((scope) => ({ label: partnerScopeLabels[scope], nativeInputProps: { ...register('scope'), value: scope } }))}
          />
        ) : (
          <p className="fr-text--sm">
            {label('scope')} : <strong>{partnerScopeLabels.local}</strong>. Les partenaires nationaux sont tenus par le siège (ATIGIP).
          </p>
        )}
        <Input label={label('notes')} textArea {...fieldState(errors.notes)} nativeTextAreaProps={{ ...register('notes'), rows: 4 }} />
      </RecordForm>
    </Page>
  );
}
