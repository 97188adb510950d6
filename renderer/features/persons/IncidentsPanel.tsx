import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import * as z from 'zod';
import { formatDate } from '../../../shared/format/fr.ts';
import { createIncident, removeIncident, reportIncidentToJap, updateIncident, type IncidentCreateInput } from '../../../shared/repos/incidents.ts';
import type { MeasureView } from '../../../shared/repos/persons.ts';
import { incidentFields, incidentKindLabels, incidentKinds, type Incident, type IncidentInput, type IncidentKind } from '../../../shared/schemas/incident.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { useRepo, useToday } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { blank, fieldState, requiredDate } from '../../ui/forms.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';
import { incidentReportPath } from '../documents/index.ts';
import { ConfirmAction, DateAction, ModalButtons, useActionModal } from './ActionModal.tsx';
import { Section } from '../../ui/Section.tsx';

const label = (field: string) => labelOf('incident', field);

const incidentFormFields = z.object({
  date: z.string(),
  kind: z.string(),
  placementId: z.string(),
  description: z.string(),
  reportedToJapOn: z.string(),
});

export function incidentFormSchema(measure: { id: string; personId: string }) {
  return incidentFormFields
    .transform((v): IncidentInput => ({
      measureId: measure.id,
      personId: measure.personId,
      date: blank(v.date) as string,
      kind: blank(v.kind) as IncidentKind,
      placementId: blank(v.placementId),
      description: v.description,
      reportedToJapOn: blank(v.reportedToJapOn),
    }))
    .pipe(incidentFields.extend({ date: requiredDate(label('date')) }));
}

const fields = ['date', 'kind', 'placementId', 'description', 'reportedToJapOn'];

/**
 * Record an incident on a measure, on one of its placements or on the measure as a whole; with `incident`,
 * correct one. The repository applies the same rules both ways (no future date, a placement of this measure,
 * a report to the JAP neither before the incident nor in the future).
 */
export function IncidentForm({ view, incident, onDone, onCancel }: { view: MeasureView; incident?: Incident; onDone: () => void; onCancel: () => void }) {
  const ctx = useRepo();
  const today = useToday();
  const running = view.placements.find((p) => p.status === 'en_cours');
  const form = useSavingForm({
    schema: incidentFormSchema(view.measure),
    fields,
    focus: 'date',
    defaultValues: incident
      ? {
          date: incident.date,
          kind: incident.kind,
          placementId: incident.placementId ?? '',
          description: incident.description,
          reportedToJapOn: incident.reportedToJapOn ?? '',
        }
      : { date: today, kind: '', placementId: running?.id ?? '', description: '', reportedToJapOn: '' },
    save: async ({ personId: _personId, ...input }) => {
      // A placement or report date left empty clears it: the patch names every field of the form.
      if (incident)
        await updateIncident(ctx, incident.id, { ...input, placementId: input.placementId, reportedToJapOn: input.reportedToJapOn } as IncidentCreateInput);
      else await createIncident(ctx, input as IncidentCreateInput);
      onDone();
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormFailure message={form.failure} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label={label('date')} {...fieldState(errors.date)} nativeInputProps={{ ...register('date'), type: 'date' }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select label={label('kind')} {...fieldState(errors.kind)} nativeSelectProps={register('kind')}>
            <option value="" disabled hidden>
              Choisissez la nature de l’incident
            </option>
            {incidentKinds.map((k) => (
              <option key={k} value={k}>
                {incidentKindLabels[k]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <Select label={`${label('placementId')} (facultatif)`} {...fieldState(errors.placementId)} nativeSelectProps={register('placementId')}>
        <option value="">Aucune : incident sur la mesure</option>
        {view.placements.map((p) => (
          <option key={p.id} value={p.id}>
            {p.postTitle} ({p.organisationName}), du {formatDate(p.startDate)}
          </option>
        ))}
      </Select>
      <Input label={label('description')} textArea {...fieldState(errors.description)} nativeTextAreaProps={{ ...register('description'), rows: 4 }} />
      <Input
        label={`${label('reportedToJapOn')} (facultatif)`}
        {...fieldState(errors.reportedToJapOn)}
        nativeInputProps={{ ...register('reportedToJapOn'), type: 'date' }}
      />
      <ModalButtons submitLabel={incident ? 'Enregistrer les modifications' : 'Enregistrer l’incident'} busy={isSubmitting} onCancel={onCancel} />
    </form>
  );
}

/** The address of an incident's edit screen. */
export const incidentEditPath = (personId: string, measureId: string, incidentId: string) =>
  `/personnes/${personId}/mesures/${measureId}/incidents/${incidentId}/modifier`;

interface IncidentRow extends Incident {
  postTitle: string;
}

export function IncidentsPanel({ view, personId }: { view: MeasureView; personId: string }) {
  const ctx = useRepo();
  const today = useToday();
  const navigate = useNavigate();
  const open = useActionModal();
  const { measure, incidents, placements } = view;
  const headingId = `mesure-${measure.id}-incidents`;

  const rows = useMemo(() => {
    const titles = new Map(placements.map((p) => [p.id, p.postTitle]));
    return incidents.map((i): IncidentRow => ({ ...i, postTitle: (i.placementId && titles.get(i.placementId)) || 'Mesure' }));
  }, [incidents, placements]);

  const columns = useMemo((): DataColumn<IncidentRow>[] => {
    const report = (i: Incident) =>
      open({
        title: 'Signaler l’incident au JAP',
        render: (close) => (
          <DateAction
            label={label('reportedToJapOn')}
            hint="Date d’envoi du rapport d’incident au juge de l’application des peines"
            initial={today}
            submitLabel="Marquer comme signalé"
            onSubmit={(on) => reportIncidentToJap(ctx, i.id, on)}
            close={close}
          />
        ),
      });
    const remove = (i: Incident) =>
      open({
        title: 'Supprimer l’incident',
        render: (close) => (
          <ConfirmAction
            message={
              <p>
                L’incident « {incidentKindLabels[i.kind]} » du {formatDate(i.date)} sera supprimé. Ne supprimez qu’un incident saisi par erreur : la suppression
                est définitive.
              </p>
            }
            confirmLabel="Supprimer"
            onConfirm={() => removeIncident(ctx, i.id)}
            close={close}
          />
        ),
      });
    return [
      { id: 'date', header: 'Date', accessor: (i) => i.date, width: '6.5rem' },
      { id: 'kind', header: 'Nature', accessor: (i) => incidentKindLabels[i.kind], filter: 'select', width: '9rem' },
      {
        id: 'description',
        header: 'Description',
        accessor: (i) => i.description,
        // The way to correct an incident, as the row itself (click or Enter).
        cell: (i) => (
          <Link to={incidentEditPath(personId, measure.id, i.id)} title={`Modifier l’incident du ${formatDate(i.date)}`}>
            {i.description}
          </Link>
        ),
      },
      { id: 'post', header: 'Mise en situation', accessor: (i) => i.postTitle, filter: 'select', width: '9rem' },
      {
        id: 'reported',
        header: 'Signalé au JAP',
        // The date when reported, empty otherwise: the oui/non filter finds what is still to report.
        accessor: (i) => i.reportedToJapOn,
        cell: (i) =>
          i.reportedToJapOn ? (
            `le ${formatDate(i.reportedToJapOn)}`
          ) : (
            <Badge as="span" severity="warning" small>
              Non signalé
            </Badge>
          ),
        filter: 'boolean',
        width: '8rem',
      },
      {
        id: 'actions',
        header: 'Actions',
        accessor: () => '',
        csv: false,
        width: '18rem',
        cell: (i) => (
          <div className="app-cell-actions" role="group" aria-label={`Actions sur l’incident du ${formatDate(i.date)}`}>
            <Button
              priority="tertiary no outline"
              size="small"
              linkProps={{ to: incidentReportPath(measure.id, i.id), title: 'Rapport d’incident à imprimer pour le JAP' }}
            >
              Rapport
            </Button>
            {!i.reportedToJapOn && (
              <Button
                priority="tertiary no outline"
                size="small"
                onClick={() => report(i)}
                nativeButtonProps={{ 'aria-label': `Signaler au JAP l’incident du ${formatDate(i.date)}`, title: 'Noter la date du signalement au JAP' }}
              >
                Signaler
              </Button>
            )}
            <Button
              priority="tertiary no outline"
              size="small"
              onClick={() => remove(i)}
              nativeButtonProps={{ 'aria-label': `Supprimer l’incident du ${formatDate(i.date)}` }}
            >
              Supprimer
            </Button>
          </div>
        ),
      },
    ];
  }, [ctx, open, personId, measure.id, today]);

  return (
    <Section
      id={headingId}
      title="Incidents"
      action={
        <Button
          size="small"
          priority="secondary"
          iconId="fr-icon-warning-line"
          onClick={() => open({ title: 'Signaler un incident', render: (close) => <IncidentForm view={view} onDone={close} onCancel={close} /> })}
        >
          Nouvel incident
        </Button>
      }
      sub
    >
      <div className="app-dense-table">
        <DataTable
          caption="Incidents de la mesure"
          columns={columns}
          data={rows}
          getRowId={(i) => i.id}
          csvFileName="incidents.csv"
          initialSort={{ id: 'date', desc: true }}
          height="auto"
          maxHeight="22rem"
          onRowActivate={(i) => void navigate(incidentEditPath(personId, measure.id, i.id))}
          emptyMessage="Aucun incident. Une absence, un retard ou un problème de comportement signalé par le tuteur s’enregistre avec « Nouvel incident »."
        />
      </div>
    </Section>
  );
}
