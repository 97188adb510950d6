import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';
import * as z from 'zod';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { enrol } from '../../../shared/repos/enrolments.ts';
import { enrolmentCandidates, participantName } from '../../../shared/repos/workshopViews.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { useRepo } from '../../app/index.ts';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { fieldState, required } from '../../ui/forms.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';
import { searchCandidates } from './enrolSearch.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';

const schemaFor = (tig: boolean) =>
  z.object({
    personId: z.string().min(1, { error: 'Participant : choisissez une personne dans la liste' }),
    measureId: tig ? z.string().min(1, { error: 'Mesure de TIG : choisissez la mesure sur laquelle les heures compteront' }) : z.string(),
  });

/**
 * Enrol a person of the site: search by name or case number, choose, and in a TIG pédagogique session
 * choose the open TIG measure the hours will count on.
 */
export function EnrolForm({ sessionId, tig, full }: { sessionId: string; tig: boolean; full: boolean }) {
  const ctx = useRepo();
  const candidates = useLiveQuery(() => enrolmentCandidates(ctx, sessionId), [ctx, sessionId]);
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const [done, setDone] = useState<string>();
  const schema = useMemo(() => schemaFor(tig), [tig]);
  const form = useSavingForm({
    schema,
    fields: ['personId', 'measureId'],
    defaultValues: { personId: '', measureId: '' },
    save: async (values) => {
      setDone(undefined);
      const person = shown.find((c) => c.person.id === values.personId)?.person;
      await enrol(ctx, { sessionId, personId: values.personId, ...(tig ? { measureId: values.measureId } : {}) });
      form.reset({ personId: '', measureId: '' });
      setSearch('');
      setDone(`Inscription à la séance enregistrée${person ? ` : ${participantName(person)}` : ''}.`);
    },
  });
  const {
    register,
    setValue,
    control,
    chosen: validate,
    formState: { errors, isSubmitting },
  } = form;
  const [personId, measureId] = useWatch({ control, name: ['personId', 'measureId'] });

  const { shown, total } = useMemo(() => searchCandidates(candidates ?? [], deferred, tig), [candidates, deferred, tig]);
  const chosen = shown.find((c) => c.person.id === personId);

  // Typing narrows the list: the first person found is the one Enter enrols, as in a search box.
  useEffect(() => {
    const first = shown[0]?.person.id ?? '';
    if (first !== personId && !shown.some((c) => c.person.id === personId)) setValue('personId', first, validate);
  });
  // A person with a single open TIG measure has it chosen for them.
  useEffect(() => {
    const measures = chosen?.openTigMeasures ?? [];
    const only = measures.length === 1 ? measures[0]!.id : '';
    if (tig && only !== measureId && !measures.some((m) => m.id === measureId)) setValue('measureId', only, validate);
  });

  if (full) {
    return (
      <div className="fr-mb-4w">
        {done && <Alert className="fr-mb-2w" severity="success" small description={done} />}
        <Alert severity="info" small description="La séance est complète : toutes les places sont prises. Un participant qui abandonne libère sa place." />
      </div>
    );
  }

  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="enrol-title" className="app-form fr-mb-4w">
      <h3 id="enrol-title" className="fr-h6">
        Inscrire une personne
      </h3>
      <FormFailure message={form.failure} />
      {done && <Alert className="fr-mb-2w" severity="success" small description={done} />}
      <Input
        label="Rechercher une personne"
        hintText={
          tig ? 'Nom, prénom ou numéro de dossier ; seules les personnes ayant une mesure de TIG ouverte sont proposées' : 'Nom, prénom ou numéro de dossier'
        }
        nativeInputProps={{ type: 'search', value: search, onChange: (event) => setSearch(event.target.value), autoComplete: 'off' }}
      />
      <Select
        label={required(labelOf('enrolment', 'personId'))}
        hint={
          candidates === undefined
            ? 'Chargement…'
            : total > shown.length
              ? `${total} personnes trouvées, les ${shown.length} premières affichées : précisez la recherche`
              : `${counted(total, 'personne')} ${agree('trouvé', 'f', total)}`
        }
        {...fieldState(errors.personId)}
        nativeSelectProps={register('personId')}
      >
        {shown.length === 0 && <option value="">Aucune personne ne correspond</option>}
        {shown.map((c) => (
          <option key={c.person.id} value={c.person.id}>
            {participantName(c.person)} – dossier {c.person.caseNumber}
          </option>
        ))}
      </Select>
      {tig && (
        <Select
          label={required(labelOf('enrolment', 'measureId'))}
          hint="Les heures suivies compteront sur cette mesure"
          {...fieldState(errors.measureId)}
          nativeSelectProps={register('measureId')}
        >
          {(chosen?.openTigMeasures.length ?? 0) !== 1 && <option value="">Choisissez une mesure</option>}
          {(chosen?.openTigMeasures ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {measureKindLabels[m.kind]} du {formatDate(m.decisionDate)} – {formatHours(m.hoursDone)} {agree('effectué', 'f', m.hoursDone)} sur{' '}
              {formatHours(m.hoursOrdered)}
            </option>
          ))}
        </Select>
      )}
      <Button type="submit" iconId="fr-icon-user-add-line" disabled={isSubmitting || shown.length === 0}>
        Inscrire
      </Button>
    </form>
  );
}
