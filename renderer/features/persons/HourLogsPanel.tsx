import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { formatDate, formatHours, isRealDate } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { addHourLogs, deleteHourLog, editHourLog } from '../../../shared/repos/hourLogs.ts';
import type { MeasureView, PlacementView } from '../../../shared/repos/persons.ts';
import { holdsPlace, lastDayOf } from '../../../shared/rules/capacity.ts';
import { MAX_HOURS_PER_DAY } from '../../../shared/rules/hourLimits.ts';
import type { HourLog } from '../../../shared/schemas/hourLog.ts';
import { agreed, formatProgress } from '../../../shared/rules/ordered.ts';
import { useRepo, useToday } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { blank, fieldState, parseFrenchNumber } from '../../ui/forms.ts';
import { ConfirmAction, ModalButtons, useActionModal, useModalSubmit } from './ActionModal.tsx';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { dayIssues, dayLabel, emptyWeek, mondayOf, WEEKDAY_NAMES, weekEntryForm, weekLogs, type WeekEntry, type WeekEntryValues } from './weekEntry.ts';
import { agree, counted } from '../../../shared/format/agreement.ts';
import { Section } from '../../ui/Section.tsx';

const sumText = (logs: readonly { hours: number }[]) => formatHours(logs.reduce((s, l) => s + l.hours, 0));

/** The placement hours go to by default: the one running, else the latest. */
function defaultPlacement(placements: readonly PlacementView[]): PlacementView | undefined {
  return placements.find((p) => holdsPlace(p.status)) ?? placements[placements.length - 1];
}

/** A week of hours on one placement, in one form: Tab goes from day to day, Enter saves the whole week. */
export function WeekEntryForm({ view, onSaved }: { view: MeasureView; onSaved: (message: string) => void }) {
  const ctx = useRepo();
  const today = useToday();
  const placement = defaultPlacement(view.placements);
  const initialWeek = mondayOf(placement && lastDayOf(placement) < today ? lastDayOf(placement) : today);
  const [failure, setFailure] = useState<string>();
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<WeekEntryValues, unknown, WeekEntry>({ resolver: zodResolver(weekEntryForm), defaultValues: emptyWeek(placement?.id ?? '', initialWeek) });
  const [weekStart, days] = useWatch({ control, name: ['weekStart', 'days'] });
  const monday = isRealDate(weekStart) ? mondayOf(weekStart) : undefined;
  const typed = days.reduce((sum, d) => {
    const h = blank(d.hours) ? parseFrenchNumber(d.hours) : 0;
    return Number.isNaN(h) ? sum : sum + h;
  }, 0);
  const prefix = `semaine-${view.measure.id}`;

  const onSubmit = handleSubmit(async (entry) => {
    setFailure(undefined);
    const { inputs, dayIndexes } = weekLogs(entry, view.measure);
    try {
      const saved = await addHourLogs(ctx, inputs);
      reset(emptyWeek(entry.placementId, getValues('weekStart')));
      const total = saved.reduce((s, l) => s + l.hours, 0);
      onSaved(
        `${formatHours(total)} ${agree('enregistré', 'f', total)} sur ${counted(saved.length, 'jour')} (semaine du ${formatDate(mondayOf(entry.weekStart))}).`,
      );
    } catch (error) {
      for (const issue of dayIssues(error, dayIndexes)) setError(`days.${issue.day}.hours`, { type: 'repository', message: issue.message });
      setFailure(`Rien n’a été enregistré pour cette semaine. ${errorMessage(error)}`);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-titre`} className="app-week fr-mb-3w">
      <h5 id={`${prefix}-titre`} className="fr-text--lg fr-mb-1w">
        Saisir une semaine d’heures
      </h5>
      <p className="fr-hint-text">
        Tabulation pour passer d’un jour à l’autre, Entrée pour enregistrer. Heures par quarts d’heure (3,5 ou 3,75) ; {MAX_HOURS_PER_DAY} h au plus par jour.
        La semaine est enregistrée entière ou pas du tout.
      </p>
      <FormFailure message={failure} />
      {errors.days?.root?.message || errors.days?.message ? (
        <Alert severity="error" small description={errors.days.root?.message ?? errors.days.message ?? ''} className="fr-mb-2w" />
      ) : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        {view.placements.length > 1 && (
          <div className="fr-col-12 fr-col-md-6">
            <Select label="Mise en situation" {...fieldState(errors.placementId)} nativeSelectProps={register('placementId')}>
              {view.placements.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.postTitle} ({p.organisationName}), du {formatDate(p.startDate)} au {formatDate(lastDayOf(p))}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Semaine du"
            hintText="Elle commence le lundi"
            {...fieldState(errors.weekStart)}
            nativeInputProps={{ ...register('weekStart'), type: 'date' }}
          />
        </div>
      </div>
      <div className="app-week__days">
        {WEEKDAY_NAMES.map((name, i) => (
          <Input
            key={name}
            label={monday ? dayLabel(monday, i) : name}
            {...fieldState(errors.days?.[i]?.hours)}
            nativeInputProps={{ ...register(`days.${i}.hours`), inputMode: 'decimal', autoComplete: 'off', placeholder: '0' }}
          />
        ))}
      </div>
      <p className="fr-text--sm fr-mb-1w" aria-live="polite">
        Total saisi : {formatHours(typed)} · déjà {agreed(view.progress.unit, view.progress.done, 'effectué')} sur la mesure : {formatProgress(view.progress)}
        {view.progress.unit === 'days' ? ` (${formatHours(view.hoursDone)})` : ''}
      </p>
      <Checkbox options={[{ label: 'Heures confirmées par le tuteur', nativeInputProps: register('confirmedByTutor') }]} small />
      <Input label="Commentaire (facultatif)" {...fieldState(errors.comment)} nativeInputProps={register('comment')} />
      <Button type="submit" disabled={isSubmitting} iconId="fr-icon-save-line">
        Enregistrer la semaine
      </Button>
    </form>
  );
}

function EditHourLogForm({ log, close }: { log: HourLog; close: () => void }) {
  const ctx = useRepo();
  const [date, setDate] = useState(log.date);
  const [hours, setHours] = useState(String(log.hours).replace('.', ','));
  const [confirmed, setConfirmed] = useState(log.confirmedByTutor);
  const [comment, setComment] = useState(log.comment ?? '');
  const { busy, refusal, submit } = useModalSubmit(
    () => editHourLog(ctx, log.id, { date, hours: parseFrenchNumber(hours), confirmedByTutor: confirmed, comment: blank(comment) }),
    close,
  );
  const fieldError = (name: string) => refusal?.fields[name];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {refusal && <Alert severity="error" small description={refusal.message} className="fr-mb-2w" />}
      <Input
        label="Date"
        {...fieldState(fieldError('date'))}
        nativeInputProps={{ type: 'date', value: date, onChange: (e) => setDate(e.target.value), autoFocus: true }}
      />
      <Input
        label="Heures"
        {...fieldState(fieldError('hours'))}
        nativeInputProps={{ value: hours, onChange: (e) => setHours(e.target.value), inputMode: 'decimal' }}
      />
      <Checkbox
        options={[{ label: 'Heures confirmées par le tuteur', nativeInputProps: { checked: confirmed, onChange: (e) => setConfirmed(e.target.checked) } }]}
        small
      />
      <Input
        label="Commentaire (facultatif)"
        {...fieldState(fieldError('comment'))}
        nativeInputProps={{ value: comment, onChange: (e) => setComment(e.target.value) }}
      />
      <ModalButtons submitLabel="Enregistrer" busy={busy} onCancel={close} />
    </form>
  );
}

interface LogRow extends HourLog {
  postTitle: string;
}

/** The hours of a measure: the week entry, then every day logged. */
export function HourLogsPanel({ view }: { view: MeasureView }) {
  const ctx = useRepo();
  const open = useActionModal();
  const [saved, setSaved] = useState<string>();
  const [refused, setRefused] = useState<string>();
  const { measure } = view;
  // Hours can still be logged on the days before a revocation or an expiry; a terminated measure has them all, and a
  // transferred one handed them over with the file (the receiving site logs what comes late).
  const handedOver = measure.status === 'transferee';
  const locked = measure.status === 'terminee' || handedOver;
  const canLog = view.placements.length > 0 && !locked;
  const headingId = `mesure-${measure.id}-heures`;

  const columns = useMemo((): DataColumn<LogRow>[] => {
    // The tutor's confirmation often comes after the fact, even once the measure is over: it changes no hours.
    const confirm = (log: HourLog) =>
      void editHourLog(ctx, log.id, { confirmedByTutor: true }).then(
        () => {
          setRefused(undefined);
          setSaved(`Heures du ${formatDate(log.date)} confirmées par le tuteur.`);
        },
        (error: unknown) => {
          setSaved(undefined);
          setRefused(errorMessage(error));
        },
      );
    const edit = (log: HourLog) => open({ title: `Heures du ${formatDate(log.date)}`, render: (close) => <EditHourLogForm log={log} close={close} /> });
    const remove = (log: HourLog) =>
      open({
        title: 'Supprimer la saisie d’heures',
        render: (close) => (
          <ConfirmAction
            message={
              <p>
                Les heures du {formatDate(log.date)} ({formatHours(log.hours)}) seront retirées du total de la mesure. La suppression est définitive.
              </p>
            }
            confirmLabel="Supprimer"
            onConfirm={() => deleteHourLog(ctx, log.id)}
            close={close}
          />
        ),
      });
    return [
      { id: 'date', header: 'Date', accessor: (l) => l.date, filter: 'date', width: '8rem' },
      { id: 'hours', header: 'Heures', accessor: (l) => l.hours, align: 'right', width: '6rem' },
      { id: 'post', header: 'Mise en situation', accessor: (l) => l.postTitle, filter: 'select' },
      { id: 'confirmed', header: 'Confirmé par le tuteur', accessor: (l) => l.confirmedByTutor, filter: 'boolean', width: '11rem' },
      { id: 'comment', header: 'Commentaire', accessor: (l) => l.comment ?? '' },
      {
        id: 'actions',
        header: 'Actions',
        accessor: () => '',
        csv: false,
        width: '19rem',
        cell: (l) => (
          <>
            {!l.confirmedByTutor && !handedOver && (
              <Button
                priority="tertiary no outline"
                size="small"
                onClick={() => confirm(l)}
                nativeButtonProps={{ 'aria-label': `Confirmer les heures du ${formatDate(l.date)}` }}
              >
                Confirmer
              </Button>
            )}
            {!locked && (
              <>
                <Button
                  priority="tertiary no outline"
                  size="small"
                  onClick={() => edit(l)}
                  nativeButtonProps={{ 'aria-label': `Modifier les heures du ${formatDate(l.date)}` }}
                >
                  Modifier
                </Button>
                <Button
                  priority="tertiary no outline"
                  size="small"
                  onClick={() => remove(l)}
                  nativeButtonProps={{ 'aria-label': `Supprimer les heures du ${formatDate(l.date)}` }}
                >
                  Supprimer
                </Button>
              </>
            )}
          </>
        ),
      },
    ];
  }, [ctx, open, locked, handedOver]);

  const rows = useMemo(() => {
    const titles = new Map(view.placements.map((p) => [p.id, p.postTitle]));
    return view.hourLogs.map((l): LogRow => ({ ...l, postTitle: (l.placementId && titles.get(l.placementId)) || 'Séance de TIG pédagogique' }));
  }, [view.hourLogs, view.placements]);

  return (
    <Section id={headingId} title="Heures effectuées" sub>
      {saved && <Alert severity="success" small description={saved} className="fr-mb-2w" closable onClose={() => setSaved(undefined)} />}
      {refused && <Alert severity="error" small description={refused} className="fr-mb-2w" closable onClose={() => setRefused(undefined)} />}
      {locked && (
        <p className="fr-text--sm">
          {handedOver
            ? 'Mesure transférée : ses heures restent ici en lecture seule, le site qui reprend le suivi saisit la suite.'
            : `${view.progress.unit === 'days' ? 'Tous les jours ordonnés sont effectués' : 'Toutes les heures ordonnées sont effectuées'} : la mesure est terminée.`}
        </p>
      )}
      {canLog && <WeekEntryForm view={view} onSaved={setSaved} />}
      <div className="app-dense-table">
        <DataTable
          caption={`Heures de la mesure (${sumText(view.hourLogs)})`}
          columns={columns}
          data={rows}
          getRowId={(l) => l.id}
          csvFileName="heures.csv"
          initialSort={{ id: 'date', desc: true }}
          emptyMessage={
            view.placements.length === 0 ? 'Aucune heure : les heures se saisissent sur une mise en situation.' : 'Aucune heure saisie pour l’instant.'
          }
          height="auto"
          maxHeight="22rem"
        />
      </div>
    </Section>
  );
}
