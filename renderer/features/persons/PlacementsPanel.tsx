import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { endPlacement, removePlacement } from '../../../shared/repos/placements.ts';
import type { MeasureView, PlacementView } from '../../../shared/repos/persons.ts';
import { holdsPlace, lastDayOf, placementStatusText } from '../../../shared/rules/capacity.ts';
import { isEnded } from '../../../shared/rules/measureStatus.ts';
import { monthOf } from '../../../shared/rules/calendar.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { useRepo, useToday } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { placementSheetPath, timesheetPath } from '../documents/index.ts';
import { postPath } from '../hosts/index.ts';
import { ConfirmAction, DateAction, useActionModal } from './ActionModal.tsx';
import { Section } from '../../ui/Section.tsx';

/** The month a timesheet opens on: this month while the placement runs, its last month once it is over. */
export function timesheetMonth(placement: Pick<PlacementView, 'startDate' | 'plannedEnd' | 'endedOn'>, today: string): string {
  if (today < placement.startDate) return monthOf(placement.startDate);
  const last = lastDayOf(placement);
  return monthOf(today > last ? last : today);
}

function EndPlacementForm({ placement, close }: { placement: PlacementView; close: () => void }) {
  const ctx = useRepo();
  const today = useToday();
  const [status, setStatus] = useState<'terminee' | 'interrompue'>('terminee');
  return (
    <DateAction
      label="Dernier jour de la mise en situation"
      hint="La place sur le poste est libérée dès le lendemain."
      initial={today}
      submitLabel="Mettre fin à la mise en situation"
      onSubmit={(on) => endPlacement(ctx, placement.id, on, status)}
      close={close}
    >
      <RadioButtons
        legend="Comment se termine-t-elle ?"
        orientation="horizontal"
        options={[
          { label: 'Terminée comme prévu', nativeInputProps: { checked: status === 'terminee', onChange: () => setStatus('terminee') } },
          { label: 'Interrompue', nativeInputProps: { checked: status === 'interrompue', onChange: () => setStatus('interrompue') } },
        ]}
      />
    </DateAction>
  );
}

export function PlacementsPanel({ view, personId }: { view: MeasureView; personId: string }) {
  const ctx = useRepo();
  const today = useToday();
  const navigate = useNavigate();
  const open = useActionModal();
  const { measure, placements } = view;
  const canPlace = !isEnded(measure.status) && measure.status !== 'suspendue';
  const newPlacement = `/personnes/${personId}/mesures/${measure.id}/mise-en-situation`;
  const headingId = `mesure-${measure.id}-mises`;

  const columns = useMemo((): DataColumn<PlacementView>[] => {
    const confirmRemove = (p: PlacementView) =>
      open({
        title: 'Supprimer la mise en situation',
        render: (close) => (
          <ConfirmAction
            message={
              <p>
                La mise en situation sur le poste « {p.postTitle} » ({p.organisationName}) du {formatDate(p.startDate)} sera supprimée. Une mise en situation
                déjà commencée se termine plutôt qu’elle ne se supprime.
              </p>
            }
            confirmLabel="Supprimer"
            onConfirm={() => removePlacement(ctx, p.id)}
            close={close}
          />
        ),
      });
    return [
      { id: 'post', header: 'Poste', accessor: (p) => p.postTitle, cell: (p) => <Link to={postPath(p.postId)}>{p.postTitle}</Link>, wrap: true },
      { id: 'organisation', header: 'Structure', accessor: (p) => p.organisationName, wrap: true },
      { id: 'tutors', header: 'Tuteur', accessor: (p) => p.tutorNames.join(', '), wrap: true },
      { id: 'startDate', header: 'Du', accessor: (p) => p.startDate, width: '6.5rem' },
      { id: 'plannedEnd', header: 'Au (prévu)', accessor: (p) => p.plannedEnd, width: '6.5rem' },
      { id: 'endedOn', header: labelOf('placement', 'endedOn'), accessor: (p) => p.endedOn, width: '6.5rem' },
      { id: 'status', header: 'Statut', accessor: (p) => placementStatusText(p, today), filter: 'select', width: '7rem', wrap: true },
      {
        id: 'actions',
        header: 'Actions',
        accessor: () => '',
        csv: false,
        // Five actions take two lines rather than push the table sideways; names wrap beside them.
        wrap: true,
        width: '18rem',
        cell: (p) => (
          <div className="app-cell-actions" role="group" aria-label={`Actions sur la mise en situation « ${p.postTitle} »`}>
            <Button priority="tertiary no outline" size="small" linkProps={{ to: placementSheetPath(measure.id, p.id) }}>
              Fiche
            </Button>
            <Button priority="tertiary no outline" size="small" linkProps={{ to: timesheetPath(measure.id, p.id, timesheetMonth(p, today)) }}>
              Feuille de présence
            </Button>
            {holdsPlace(p.status) && (
              <>
                <Button
                  priority="tertiary no outline"
                  size="small"
                  linkProps={{ to: `/personnes/${personId}/mesures/${measure.id}/mises-en-situation/${p.id}/modifier` }}
                >
                  Modifier
                </Button>
                <Button
                  priority="tertiary no outline"
                  size="small"
                  onClick={() => open({ title: 'Mettre fin à la mise en situation', render: (close) => <EndPlacementForm placement={p} close={close} /> })}
                >
                  Terminer
                </Button>
              </>
            )}
            <Button priority="tertiary no outline" size="small" onClick={() => confirmRemove(p)}>
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
      title="Mises en situation"
      action={
        canPlace && (
          <Button size="small" iconId="fr-icon-add-line" linkProps={{ to: newPlacement }}>
            Nouvelle mise en situation
          </Button>
        )
      }
      sub
    >
      <div className="app-dense-table">
        <DataTable
          caption="Mises en situation de la mesure"
          columns={columns}
          data={placements}
          getRowId={(p) => p.id}
          csvFileName="mises-en-situation.csv"
          initialSort={{ id: 'startDate', desc: true }}
          height="auto"
          maxHeight="22rem"
          onRowActivate={(p) => void navigate(postPath(p.postId))}
          emptyMessage={canPlace ? 'Aucune mise en situation : choisissez un poste de TIG pour commencer la mesure.' : 'Aucune mise en situation.'}
        />
      </div>
    </Section>
  );
}
