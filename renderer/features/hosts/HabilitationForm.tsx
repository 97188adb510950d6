import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useParams } from 'react-router';
import { createHabilitation, updateHabilitation } from '../../../shared/repos/habilitations.ts';
import { getOrganisation } from '../../../shared/repos/organisations.ts';
import { isHabilitationRequired } from '../../../shared/rules/habilitation.ts';
import { habilitationFields, type Habilitation, type HabilitationInput } from '../../../shared/schemas/habilitation.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import type { Organisation } from '../../../shared/schemas/organisation.ts';
import { useRepo, useRecord } from '../../app/index.ts';
import { fieldState, formSchema, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { hostsPaths } from './paths.ts';

type Values = FormValues<HabilitationInput>;
const schema = formSchema<Values, typeof habilitationFields>(habilitationFields);
const fields = ['decisionDate', 'validFrom', 'validUntil', 'withdrawnOn'];
const label = (field: keyof Values) => labelOf('habilitation', field);

/** `structures/:organisationId/habilitations/nouvelle` and `…/habilitations/:habilitationId/modifier`. */
export function HabilitationFormPage() {
  const { organisationId, habilitationId } = useParams();
  const detail = useRecord(getOrganisation, organisationId);
  if (detail === undefined) return <Loading />;
  if (detail === null) return <NotFound title="Structure introuvable" back={hostsPaths.organisations} backLabel="Retour aux structures" />;
  const habilitation = habilitationId ? detail.habilitations.find((h) => h.id === habilitationId) : undefined;
  if (habilitationId && !habilitation) {
    return <NotFound title="Habilitation introuvable" back={hostsPaths.organisation(detail.organisation.id)} backLabel="Retour à la structure" />;
  }
  return <HabilitationForm key={`${detail.organisation.id}-${habilitationId ?? 'nouvelle'}`} organisation={detail.organisation} habilitation={habilitation} />;
}

export function HabilitationForm({ organisation, habilitation }: { organisation: Organisation; habilitation?: Habilitation | undefined }) {
  const ctx = useRepo();
  const back = hostsPaths.organisation(organisation.id);
  const form = useRecordForm({
    schema,
    fields,
    focus: 'decisionDate',
    defaultValues: {
      organisationId: organisation.id,
      decisionDate: habilitation?.decisionDate ?? '',
      validFrom: habilitation?.validFrom ?? '',
      validUntil: habilitation?.validUntil ?? '',
      withdrawnOn: habilitation?.withdrawnOn ?? '',
    },
    save: async (values) => {
      if (habilitation) await updateHabilitation(ctx, habilitation.id, values);
      else await createHabilitation(ctx, values);
      return { to: back, message: habilitation ? 'Habilitation modifiée.' : 'Habilitation enregistrée.' };
    },
  });
  const {
    register,
    formState: { errors },
  } = form;

  const title = `${habilitation ? 'Modifier l’habilitation' : 'Nouvelle habilitation'} – ${organisation.name}`;
  return (
    <Page title={title}>
      {!isHabilitationRequired(organisation.kind) && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          description="Cette structure est une personne morale de droit public : elle accueille des TIG sans habilitation (article 131-8 du Code pénal)."
        />
      )}
      <RecordForm form={form} cancel={back}>
        <Input label={required(label('decisionDate'))} {...fieldState(errors.decisionDate)} nativeInputProps={{ ...register('decisionDate'), type: 'date' }} />
        <Input label={required(label('validFrom'))} {...fieldState(errors.validFrom)} nativeInputProps={{ ...register('validFrom'), type: 'date' }} />
        <Input
          label={label('validUntil')}
          hintText="Laissez vide si l’habilitation n’a pas de fin"
          {...fieldState(errors.validUntil)}
          nativeInputProps={{ ...register('validUntil'), type: 'date' }}
        />
        <Input
          label={label('withdrawnOn')}
          hintText="Le retrait prend effet ce jour-là : plus aucune mise en situation ne peut commencer à partir de cette date"
          {...fieldState(errors.withdrawnOn)}
          nativeInputProps={{ ...register('withdrawnOn'), type: 'date' }}
        />
      </RecordForm>
    </Page>
  );
}
