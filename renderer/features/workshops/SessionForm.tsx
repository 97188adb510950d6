import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useParams } from 'react-router';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import { createSession, getSession, updateSession } from '../../../shared/repos/sessions.ts';
import { programmeView } from '../../../shared/repos/workshopViews.ts';
import { TIG_PEDAGOGIQUE_MIN_DAYS } from '../../../shared/rules/sessions.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import type { Programme } from '../../../shared/schemas/programme.ts';
import { requiredTigThemes, sessionFields, sessionThemeLabels, sessionThemes, type Session, type SessionTheme } from '../../../shared/schemas/session.ts';
import { useRepo } from '../../app/index.ts';
import { fieldState, formSchema, frenchNumber, required } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useRecordForm } from '../../ui/useRecordForm.ts';
import { workshopsPaths } from './paths.ts';
import { adjustDays, datesBetween, isWeekend, longDayLabel, MAX_SESSION_SPAN_DAYS } from './sessionDays.ts';

type Values = {
  startDate: string;
  endDate: string;
  days: string[];
  hoursPerDay: string;
  facilitator: string;
  themes: string[];
};
const fields = ['startDate', 'endDate', 'days', 'hoursPerDay', 'facilitator', 'themes'];
const label = (field: keyof Values) => labelOf('session', field);

function toValues(s: Session | undefined): Values {
  return {
    startDate: s?.startDate ?? '',
    endDate: s?.endDate ?? '',
    days: s ? [...s.days] : [],
    hoursPerDay: s ? formatNumber(s.hoursPerDay) : '',
    facilitator: s?.facilitator ?? '',
    themes: s ? [...s.themes] : [],
  };
}

/** `programmes/:programmeId/seances/nouvelle` and `seances/:sessionId/modifier`. */
export function SessionFormPage() {
  const { programmeId, sessionId } = useParams();
  const ctx = useRepo();
  const loaded = useLiveQuery(async () => {
    const session = sessionId ? await getSession(ctx, sessionId) : undefined;
    if (sessionId && !session) return null;
    const view = await programmeView(ctx, session?.programmeId ?? programmeId ?? '');
    return view ? { programme: view.programme, session } : null;
  }, [ctx, programmeId, sessionId]);
  if (loaded === undefined) return <Loading />;
  if (loaded === null)
    return <NotFound title={sessionId ? 'Séance introuvable' : 'Programme introuvable'} back={workshopsPaths.programmes} backLabel="Retour aux programmes" />;
  return <SessionForm key={loaded.session?.id ?? 'nouvelle'} programme={loaded.programme} session={loaded.session} />;
}

export function SessionForm({ programme, session }: { programme: Programme; session?: Session | undefined }) {
  const ctx = useRepo();
  const tig = programme.kind === 'tig_pedagogique';
  const schema = useMemo(
    () => formSchema<Values, typeof sessionFields>(sessionFields, (v) => ({ ...v, programmeId: programme.id, hoursPerDay: frenchNumber(v.hoursPerDay) })),
    [programme.id],
  );
  const form = useRecordForm({
    schema,
    fields,
    focus: 'startDate',
    defaultValues: toValues(session),
    save: async (values) => {
      const saved = session ? await updateSession(ctx, session.id, values) : await createSession(ctx, values);
      return { to: workshopsPaths.session(saved.id), message: session ? 'Séance modifiée.' : 'Séance enregistrée : inscrivez-y les participants.' };
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

  const [startDate, endDate, days, themes] = useWatch({ control, name: ['startDate', 'endDate', 'days', 'themes'] });
  const [range, setRange] = useState({ start: session?.startDate ?? '', end: session?.endDate ?? '' });

  const rangeChanged = () => {
    const { startDate: start, endDate: end, days: picked } = getValues();
    setValue('days', adjustDays({ ...range, days: picked }, start, end), chosen);
    setRange({ start, end });
  };
  const toggle = (field: 'days' | 'themes', value: string, on: boolean) => {
    const current = getValues(field);
    const next = on ? [...current, value] : current.filter((v) => v !== value);
    // Days in calendar order, as a session stores them; themes in the order of the checklist.
    setValue(field, field === 'days' ? next.sort() : sessionThemes.filter((t) => next.includes(t)), chosen);
  };

  const candidates = datesBetween(startDate, endDate);
  const chosenDays = new Set(days);
  const chosenThemes = new Set(themes);
  const title = session ? `Modifier la séance du ${formatDate(session.startDate)}` : `Nouvelle séance – ${programme.title}`;
  const cancel = session ? workshopsPaths.session(session.id) : workshopsPaths.programme(programme.id);
  const daysMessage = errors.days?.message;

  return (
    <Page title={title}>
      <RecordForm form={form} cancel={cancel}>
        {tig && (
          <Alert
            className="fr-mb-3w"
            severity="info"
            small
            description={`Un TIG pédagogique dure au moins ${TIG_PEDAGOGIQUE_MIN_DAYS} jours et aborde les cinq thèmes obligatoires ; les heures suivies comptent sur la mesure de TIG de chaque participant.`}
          />
        )}
        <div className="app-inline-fields">
          <Input
            label={required(label('startDate'))}
            {...fieldState(errors.startDate)}
            nativeInputProps={{ ...register('startDate', { onChange: rangeChanged }), type: 'date' }}
          />
          <Input
            label={required(label('endDate'))}
            {...fieldState(errors.endDate)}
            nativeInputProps={{ ...register('endDate', { onChange: rangeChanged }), type: 'date' }}
          />
        </div>
        {candidates ? (
          <Checkbox
            legend={required(label('days'))}
            hintText="Les jours ouvrés sont proposés ; décochez ceux où la séance ne se tient pas."
            orientation="horizontal"
            small
            {...fieldState(daysMessage)}
            options={candidates.map((d) => ({
              label: longDayLabel(d),
              nativeInputProps: {
                name: 'days',
                value: d,
                checked: chosenDays.has(d),
                onChange: (event) => toggle('days', d, event.target.checked),
                className: isWeekend(d) ? 'app-weekend' : undefined,
              },
            }))}
          />
        ) : (
          <div className={`fr-input-group ${daysMessage ? 'fr-input-group--error' : ''}`}>
            <p className="fr-label">{required(label('days'))}</p>
            <p className="fr-hint-text">
              {startDate && endDate && endDate >= startDate
                ? `La séance dépasse ${MAX_SESSION_SPAN_DAYS} jours : découpez-la en plusieurs séances.`
                : 'Choisissez la date de début et la date de fin : les jours de la séance s’affichent ici.'}
            </p>
            {daysMessage && <p className="fr-error-text">{daysMessage}</p>}
          </div>
        )}
        <div className="app-inline-fields">
          <Input
            label={required(label('hoursPerDay'))}
            hintText="Par quarts d’heure, ex. 6 ou 3,5"
            {...fieldState(errors.hoursPerDay)}
            nativeInputProps={{ ...register('hoursPerDay'), inputMode: 'decimal', autoComplete: 'off' }}
          />
          <Input
            label={required(label('facilitator'))}
            hintText="Nom de l’animateur ou de l’intervenant"
            {...fieldState(errors.facilitator)}
            nativeInputProps={{ ...register('facilitator'), autoComplete: 'off' }}
          />
        </div>
        <Checkbox
          legend={tig ? required(label('themes')) : label('themes')}
          hintText={tig ? 'Les cinq thèmes marqués « obligatoire » doivent être abordés.' : 'Facultatif pour ce type de programme.'}
          {...fieldState(errors.themes)}
          options={sessionThemes.map((t: SessionTheme) => ({
            label: tig && (requiredTigThemes as readonly string[]).includes(t) ? `${sessionThemeLabels[t]} (obligatoire)` : sessionThemeLabels[t],
            nativeInputProps: { name: 'themes', value: t, checked: chosenThemes.has(t), onChange: (event) => toggle('themes', t, event.target.checked) },
          }))}
        />
      </RecordForm>
    </Page>
  );
}
