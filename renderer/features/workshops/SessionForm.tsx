import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type * as z from 'zod';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import { createSession, getSession, updateSession } from '../../../shared/repos/sessions.ts';
import { programmeView } from '../../../shared/repos/workshopViews.ts';
import { TIG_PEDAGOGIQUE_MIN_DAYS } from '../../../shared/rules/sessions.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import type { Programme } from '../../../shared/schemas/programme.ts';
import { requiredTigThemes, sessionFields, sessionThemeLabels, sessionThemes, type Session, type SessionTheme } from '../../../shared/schemas/session.ts';
import { useRepo } from '../../app/index.ts';
import { flash } from '../../ui/Flash.tsx';
import { showRepoError } from '../../ui/formErrors.ts';
import { fieldState, formSchema, frenchNumber, required } from '../../ui/forms.ts';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
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
const fieldNames = ['startDate', 'endDate', 'days', 'hoursPerDay', 'facilitator', 'themes'];
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
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const tig = programme.kind === 'tig_pedagogique';
  const schema = useMemo(
    () => formSchema<Values, typeof sessionFields>(sessionFields, (v) => ({ ...v, programmeId: programme.id, hoursPerDay: frenchNumber(v.hoursPerDay) })),
    [programme.id],
  );
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<Values, unknown, z.output<typeof sessionFields>>({ resolver: zodResolver(schema), defaultValues: toValues(session) });

  useEffect(() => setFocus('startDate'), [setFocus]);

  const [startDate, endDate, days, themes] = useWatch({ control, name: ['startDate', 'endDate', 'days', 'themes'] });
  const [range, setRange] = useState({ start: session?.startDate ?? '', end: session?.endDate ?? '' });
  const validate = { shouldValidate: isSubmitted, shouldDirty: true };

  const rangeChanged = () => {
    const { startDate: start, endDate: end, days: chosen } = getValues();
    setValue('days', adjustDays({ ...range, days: chosen }, start, end), validate);
    setRange({ start, end });
  };
  const toggle = (field: 'days' | 'themes', value: string, on: boolean) => {
    const current = getValues(field);
    const next = on ? [...current, value] : current.filter((v) => v !== value);
    // Days in calendar order, as a session stores them; themes in the order of the checklist.
    setValue(field, field === 'days' ? next.sort() : sessionThemes.filter((t) => next.includes(t)), validate);
  };

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      const saved = session ? await updateSession(ctx, session.id, values) : await createSession(ctx, values);
      void navigate(workshopsPaths.session(saved.id), flash(session ? 'Séance modifiée.' : 'Séance enregistrée : inscrivez-y les participants.'));
    } catch (error) {
      setFailure(showRepoError(error, setError, fieldNames));
    }
  });

  const candidates = datesBetween(startDate, endDate);
  const chosenDays = new Set(days);
  const chosenThemes = new Set(themes);
  const title = session ? `Modifier la séance du ${formatDate(session.startDate)}` : `Nouvelle séance – ${programme.title}`;
  const cancel = session ? workshopsPaths.session(session.id) : workshopsPaths.programme(programme.id);
  const daysMessage = errors.days?.message;

  return (
    <Page title={title}>
      <form onSubmit={onSubmit} noValidate className="app-form">
        <p className="fr-text--sm">Les champs suivis d’un astérisque (*) sont obligatoires.</p>
        {tig && (
          <Alert
            className="fr-mb-3w"
            severity="info"
            small
            description={`Un TIG pédagogique dure au moins ${TIG_PEDAGOGIQUE_MIN_DAYS} jours et aborde les cinq thèmes obligatoires ; les heures suivies comptent sur la mesure de TIG de chaque participant.`}
          />
        )}
        {failure && <Alert className="fr-mb-3w" severity="error" title="Enregistrement refusé" description={failure} />}
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
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button type="submit" iconId="fr-icon-save-line" disabled={isSubmitting}>
              Enregistrer
            </Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ to: cancel }}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    </Page>
  );
}
