import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useParams, useSearchParams } from 'react-router';
import { createAgreement, getAgreement, updateAgreement } from '../../../shared/repos/agreements.ts';
import { isHeadquarters, isLocallyOwned } from '../../../shared/repos/ownership.ts';
import { listPartners } from '../../../shared/repos/partners.ts';
import {
  agreementFields,
  agreementKindGenders,
  agreementKindLabels,
  agreementKinds,
  agreementScopeLabels,
  agreementScopes,
  type Agreement,
  type AgreementInput,
} from '../../../shared/schemas/agreement.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { partnerScopeLabels, type Partner } from '../../../shared/schemas/partner.ts';
import { useIdentity, useRepo, useRecord } from '../../app/index.ts';
import { fieldState, formSchema, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { partnershipsPaths } from './paths.ts';
import { ReferenceBadge } from './ReferenceBadge.tsx';
import { agree } from '../../../shared/format/agreement.ts';

type Values = FormValues<AgreementInput>;
// Selects also get their initial option from React (`defaultValue`): a value react-hook-form sets on a select
// as it registers is lost in some DOMs (happy-dom in the component tests).
// A checkbox group with nothing checked may come back as `false`: it is an empty list.
const schema = formSchema<Values, typeof agreementFields>(agreementFields, (values) => ({ ...values, scope: Array.isArray(values.scope) ? values.scope : [] }));
const fields = Object.keys(agreementFields.shape);
const label = (field: keyof Values) => labelOf('agreement', field);

/** `partenariats/accords/nouveau` (optionally `?partenaire=<id>`) and `partenariats/accords/:agreementId/modifier`. */
export function AgreementFormPage() {
  const { agreementId } = useParams();
  const ctx = useRepo();
  const existing = useRecord(getAgreement, agreementId);
  const partners = useLiveQuery(() => listPartners(ctx), [ctx]);
  if ((agreementId && existing === undefined) || partners === undefined) return <Loading />;
  if (existing === null) return <NotFound title="Accord introuvable" back={partnershipsPaths.agreements} backLabel="Retour aux accords et conventions" />;
  return <AgreementForm key={existing?.id ?? 'nouveau'} agreement={existing} partners={partners} />;
}

export function AgreementForm({ agreement, partners }: { agreement?: Agreement | undefined; partners: readonly Partner[] }) {
  const ctx = useRepo();
  const [search] = useSearchParams();
  const identity = useIdentity();
  const hq = isHeadquarters(identity);
  const kinds = hq ? agreementKinds : agreementKinds.filter((k) => k !== 'accord_cadre_national' || agreement?.kind === k);
  const preselected = search.get('partenaire') ?? '';
  const defaults: Values = {
    partnerId: agreement?.partnerId ?? (partners.some((p) => p.id === preselected) ? preselected : ''),
    kind: agreement?.kind ?? (hq ? '' : 'convention_locale'),
    title: agreement?.title ?? '',
    signedOn: agreement?.signedOn ?? '',
    validFrom: agreement?.validFrom ?? '',
    validUntil: agreement?.validUntil ?? '',
    scope: agreement?.scope ?? [],
    commitments: agreement?.commitments ?? '',
  };
  const form = useRecordForm({
    schema,
    fields,
    focus: 'partnerId',
    defaultValues: defaults,
    save: async (values) => {
      const saved = agreement ? await updateAgreement(ctx, agreement.id, values) : await createAgreement(ctx, values);
      return {
        to: partnershipsPaths.agreement(saved.id),
        message: agreement ? 'Accord modifié.' : `${agreementKindLabels[saved.kind]} ${agree('enregistré', agreementKindGenders[saved.kind])}.`,
      };
    },
  });
  const {
    register,
    formState: { errors },
  } = form;

  const title = agreement ? 'Modifier l’accord' : hq ? 'Nouvel accord ou convention' : 'Nouvelle convention';
  const cancel = agreement ? partnershipsPaths.agreement(agreement.id) : partnershipsPaths.agreements;

  if (agreement && !isLocallyOwned(identity, agreement)) {
    return (
      <Page title={title}>
        <ReferenceBadge />
        <p>Cet accord vient de la liste nationale tenue par le siège : il ne se modifie pas sur ce poste.</p>
        <Button priority="secondary" iconId="fr-icon-arrow-left-line" linkProps={{ to: cancel }}>
          Retour à l’accord
        </Button>
      </Page>
    );
  }

  return (
    <Page title={title}>
      <RecordForm form={form} cancel={cancel}>
        <Select
          label={required(label('partnerId'))}
          {...fieldState(errors.partnerId)}
          nativeSelectProps={{ ...register('partnerId'), defaultValue: defaults.partnerId }}
        >
          <option value="">Choisissez un partenaire</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({partnerScopeLabels[p.scope].toLowerCase()})
            </option>
          ))}
        </Select>
        <Select
          label={required(label('kind'))}
          hint={hq ? undefined : 'Les accords-cadres nationaux sont signés et tenus par le siège (ATIGIP).'}
          {...fieldState(errors.kind)}
          nativeSelectProps={{ ...register('kind'), defaultValue: defaults.kind }}
        >
          <option value="">Choisissez un type</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {agreementKindLabels[kind]}
            </option>
          ))}
        </Select>
        <Input label={label('title')} {...fieldState(errors.title)} nativeInputProps={{ ...register('title'), autoComplete: 'off' }} />
        <div className="app-partnerships-dates">
          <Input label={required(label('signedOn'))} {...fieldState(errors.signedOn)} nativeInputProps={{ ...register('signedOn'), type: 'date' }} />
          <Input label={required(label('validFrom'))} {...fieldState(errors.validFrom)} nativeInputProps={{ ...register('validFrom'), type: 'date' }} />
          <Input
            label={label('validUntil')}
            {...fieldState(errors.validUntil)}
            nativeInputProps={{ ...register('validUntil'), type: 'date', 'aria-describedby': 'sans-fin' }}
          />
        </div>
        <p id="sans-fin" className="fr-hint-text fr-mt-n2w fr-mb-3w">
          Laissez « {label('validUntil')} » vide pour un accord sans date de fin.
        </p>
        <Checkbox
          legend={required(label('scope'))}
          hintText="Les mesures et activités que l’accord couvre."
          orientation="horizontal"
          {...fieldState(errors.scope)}
          options={agreementScopes.map((scope) => ({ label: agreementScopeLabels[scope], nativeInputProps: { ...register('scope'), value: scope } }))}
        />
        <Input label={label('commitments')} textArea {...fieldState(errors.commitments)} nativeTextAreaProps={{ ...register('commitments'), rows: 6 }} />
      </RecordForm>
    </Page>
  );
}
