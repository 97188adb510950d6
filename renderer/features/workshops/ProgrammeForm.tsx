import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { listPartners } from '../../../shared/repos/partners.ts';
import { createProgramme, getProgramme, updateProgramme } from '../../../shared/repos/programmes.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { partnerScopeLabels, type Partner } from '../../../shared/schemas/partner.ts';
import {
  milieuLabels,
  milieux,
  programmeFields,
  programmeKindLabels,
  programmeKinds,
  workDomainLabels,
  workDomains,
  type Programme,
  type ProgrammeInput,
} from '../../../shared/schemas/programme.ts';
import { useRepo, useRecord } from '../../app/index.ts';
import { fieldState, formSchema, frenchNumber, required, type FormValues } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { workshopsPaths } from './paths.ts';

type Values = Omit<FormValues<ProgrammeInput>, 'places'> & { places: string };
const schema = formSchema<Values, typeof programmeFields>(programmeFields, (v) => ({ ...v, places: frenchNumber(v.places) }));
const fields = Object.keys(programmeFields.shape);
const label = (field: keyof Values) => labelOf('programme', field);

function toValues(p: Programme | undefined): Values {
  return {
    kind: p?.kind ?? '',
    title: p?.title ?? '',
    partnerId: p?.partnerId ?? '',
    domain: p?.domain ?? '',
    milieu: p?.milieu ?? '',
    places: p ? String(p.places) : '',
    description: p?.description ?? '',
  };
}

/** `programmes/nouveau` and `programmes/:programmeId/modifier`. */
export function ProgrammeFormPage() {
  const { programmeId } = useParams();
  const ctx = useRepo();
  const existing = useRecord(getProgramme, programmeId);
  // The partner choices are in the page before the form, so its select opens on the stored partner.
  const partners = useLiveQuery(() => listPartners(ctx), [ctx]);
  if ((programmeId && existing === undefined) || partners === undefined) return <Loading />;
  if (existing === null) return <NotFound title="Programme introuvable" back={workshopsPaths.programmes} backLabel="Retour aux programmes" />;
  return <ProgrammeForm key={existing?.id ?? 'nouveau'} programme={existing} partners={partners} />;
}

export function ProgrammeForm({ programme, partners }: { programme?: Programme | undefined; partners: readonly Partner[] }) {
  const ctx = useRepo();
  const [defaults] = useState(() => toValues(programme));
  // A select shows its stored choice from the first paint (react-hook-form would otherwise read an empty DOM value).
  const select = (name: 'kind' | 'partnerId' | 'domain' | 'milieu') => ({ ...register(name), defaultValue: defaults[name] });
  const form = useRecordForm({
    schema,
    fields,
    focus: 'kind',
    defaultValues: defaults,
    save: async (values) => {
      const saved = programme ? await updateProgramme(ctx, programme.id, values) : await createProgramme(ctx, values);
      return {
        to: workshopsPaths.programme(saved.id),
        message: programme ? 'Programme modifié.' : `Programme « ${saved.title} » enregistré : ajoutez-lui ses séances.`,
      };
    },
  });
  const {
    register,
    formState: { errors },
  } = form;

  const title = programme ? `Modifier « ${programme.title} »` : 'Nouveau programme';
  const cancel = programme ? workshopsPaths.programme(programme.id) : workshopsPaths.programmes;

  return (
    <Page title={title}>
      <RecordForm form={form} cancel={cancel}>
        <Select
          label={required(label('kind'))}
          hint="Un TIG pédagogique se déroule en milieu ouvert ; un atelier de production, en détention."
          {...fieldState(errors.kind)}
          nativeSelectProps={select('kind')}
        >
          <option value="">Choisissez un type</option>
          {programmeKinds.map((kind) => (
            <option key={kind} value={kind}>
              {programmeKindLabels[kind]}
            </option>
          ))}
        </Select>
        <Input
          label={required(label('title'))}
          hintText="Par exemple : Entreprendre sa liberté"
          {...fieldState(errors.title)}
          nativeInputProps={register('title')}
        />
        <Select
          label={label('partnerId')}
          hint="Facultatif : l’association, l’entreprise ou la fondation qui anime le programme"
          {...fieldState(errors.partnerId)}
          nativeSelectProps={select('partnerId')}
        >
          <option value="">Aucun partenaire</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({partnerScopeLabels[p.scope].toLowerCase()})
            </option>
          ))}
        </Select>
        <Select label={required(label('domain'))} {...fieldState(errors.domain)} nativeSelectProps={select('domain')}>
          <option value="">Choisissez un domaine</option>
          {workDomains.map((domain) => (
            <option key={domain} value={domain}>
              {workDomainLabels[domain]}
            </option>
          ))}
        </Select>
        <Select label={required(label('milieu'))} {...fieldState(errors.milieu)} nativeSelectProps={select('milieu')}>
          <option value="">Choisissez un milieu</option>
          {milieux.map((m) => (
            <option key={m} value={m}>
              {milieuLabels[m]}
            </option>
          ))}
        </Select>
        <Input
          label={required(label('places'))}
          hintText="Nombre de participants par séance, ou de postes de travail d’un atelier de production"
          {...fieldState(errors.places)}
          nativeInputProps={{ ...register('places'), inputMode: 'numeric', autoComplete: 'off' }}
        />
        <Input label={label('description')} textArea {...fieldState(errors.description)} nativeTextAreaProps={{ ...register('description'), rows: 4 }} />
      </RecordForm>
    </Page>
  );
}
