import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import {
  IDLE_PLACEMENT_DAYS,
  type Dashboard,
  type DeadlineItem,
  type HabilitationEndItem,
  type HabilitationItem,
  type IdlePlacementItem,
  type IncidentItem,
} from '../../../shared/repos/dashboard.ts';
import { formatProgress } from '../../../shared/rules/ordered.ts';
import { HABILITATION_WARNING_DAYS } from '../../../shared/rules/habilitation.ts';
import { DEADLINE_WARNING_DAYS } from '../../../shared/rules/deadline.ts';
import { incidentKindLabels } from '../../../shared/schemas/incident.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels } from '../../../shared/schemas/measure.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { organisationPath } from '../hosts/index.ts';
import { daysText } from './chartData.ts';

/** Person pages belong to the persons screens, at this address; the measure is an anchor on the page. */
export const personPath = (personId: string, measureId?: string) => `/personnes/${personId}${measureId ? `#mesure-${measureId}` : ''}`;

const personCell = (row: { personId: string; measureId: string; personName: string }) => (
  <Link to={personPath(row.personId, row.measureId)}>{row.personName || 'Personne'}</Link>
);

const deadlineColumns: DataColumn<DeadlineItem>[] = [
  { id: 'person', header: 'Personne', accessor: (m) => m.personName, cell: personCell, width: '20%' },
  { id: 'kind', header: 'Mesure', accessor: (m) => measureKindLabels[m.kind], filter: 'select', width: '25%' },
  { id: 'status', header: 'Statut', accessor: (m) => measureStatusLabels[m.status], filter: 'select', width: '9rem' },
  { id: 'deadline', header: 'Échéance', accessor: (m) => m.deadline, width: '8rem' },
  {
    id: 'days',
    header: 'Jours restants',
    accessor: (m) => m.daysRemaining,
    cell: (m) => <span className={m.daysRemaining < 0 ? 'app-text-error' : undefined}>{daysText(m.daysRemaining)}</span>,
    align: 'right',
    width: '10rem',
  },
  {
    id: 'hours',
    header: 'Effectué',
    // Sorted by the share done: some measures count hours, others days.
    accessor: (m) => m.progress.done / m.progress.ordered,
    cell: (m) => formatProgress(m.progress),
    csv: (m) => formatProgress(m.progress),
    align: 'right',
    width: '10rem',
  },
];

const habilitationColumns: DataColumn<HabilitationItem>[] = [
  {
    id: 'organisation',
    header: 'Structure',
    accessor: (h) => h.organisationName,
    cell: (h) => <Link to={organisationPath(h.organisationId)}>{h.organisationName}</Link>,
    width: '40%',
  },
  { id: 'until', header: 'Habilitée jusqu’au', accessor: (h) => h.until },
  {
    id: 'days',
    header: 'Expiration',
    accessor: (h) => h.daysRemaining,
    cell: (h) => <span className={h.daysRemaining < 0 ? 'app-text-error' : undefined}>{daysText(h.daysRemaining).replace('dépassée', 'expirée')}</span>,
    csv: (h) => daysText(h.daysRemaining).replace('dépassée', 'expirée'),
    align: 'right',
  },
];

const pastHabilitationColumns: DataColumn<HabilitationEndItem>[] = [
  { id: 'person', header: 'Personne', accessor: (p) => p.personName, cell: personCell, width: '20%' },
  { id: 'organisation', header: 'Structure', accessor: (p) => p.organisationName, filter: 'select', width: '22%' },
  { id: 'post', header: 'Poste', accessor: (p) => p.postTitle },
  { id: 'until', header: 'Habilitée jusqu’au', accessor: (p) => p.habilitatedUntil, width: '9rem' },
  { id: 'plannedEnd', header: 'Fin prévue', accessor: (p) => p.plannedEnd, width: '8rem' },
  {
    id: 'days',
    header: 'Expiration',
    accessor: (p) => p.daysRemaining,
    cell: (p) => <span className={p.daysRemaining < 0 ? 'app-text-error' : undefined}>{daysText(p.daysRemaining).replace('dépassée', 'expirée')}</span>,
    csv: (p) => daysText(p.daysRemaining).replace('dépassée', 'expirée'),
    align: 'right',
    width: '11rem',
  },
];

const idleColumns: DataColumn<IdlePlacementItem>[] = [
  { id: 'person', header: 'Personne', accessor: (p) => p.personName, cell: personCell, width: '25%' },
  { id: 'post', header: 'Poste', accessor: (p) => p.postTitle, filter: 'select' },
  {
    id: 'last',
    header: 'Dernières heures',
    accessor: (p) => p.lastHoursOn,
    cell: (p) => (p.lastHoursOn ? formatDate(p.lastHoursOn) : 'Aucune depuis le début'),
    width: '12rem',
  },
  { id: 'days', header: 'Jours sans heures', accessor: (p) => p.daysWithoutHours, align: 'right', width: '10rem' },
];

const incidentColumns: DataColumn<IncidentItem>[] = [
  { id: 'person', header: 'Personne', accessor: (i) => i.personName, cell: personCell, width: '22%' },
  { id: 'date', header: 'Date', accessor: (i) => i.date, width: '8rem' },
  { id: 'kind', header: 'Nature', accessor: (i) => incidentKindLabels[i.kind], filter: 'select', width: '12rem' },
  { id: 'description', header: 'Description', accessor: (i) => i.description },
];

type ListId = 'echeances' | 'habilitations' | 'hors-habilitation' | 'sans-heures' | 'incidents';

/** The five lists of what needs action, one tab each with its count; a row opens its record. */
export function ActionLists({ data }: { data: Dashboard }) {
  const navigate = useNavigate();
  const [selected, setSelected] = useState<ListId>('echeances');
  const lists: { id: ListId; tab: string; title: string; count: number }[] = [
    { id: 'echeances', tab: 'Échéances', title: `Échéances dans moins de ${DEADLINE_WARNING_DAYS} jours`, count: data.deadlinesSoon.length },
    { id: 'habilitations', tab: 'Habilitations', title: 'Habilitations qui expirent', count: data.habilitationsExpiring.length },
    {
      id: 'hors-habilitation',
      tab: 'Au-delà de l’habilitation',
      title: 'Mises en situation qui finissent après l’habilitation de leur structure',
      count: data.placementsPastHabilitation.length,
    },
    { id: 'sans-heures', tab: 'Sans heures', title: `Mises en situation sans heures depuis ${IDLE_PLACEMENT_DAYS} jours`, count: data.idlePlacements.length },
    { id: 'incidents', tab: 'Incidents', title: 'Incidents non signalés au JAP', count: data.unreportedIncidents.length },
  ];
  const current = lists.find((l) => l.id === selected)!;
  return (
    <Tabs
      label="Listes à traiter"
      selectedTabId={selected}
      onTabChange={(id) => setSelected(id as ListId)}
      tabs={lists.map((l) => ({ tabId: l.id, label: `${l.tab} (${formatNumber(l.count)})` }))}
    >
      <section aria-labelledby={`${current.id}-titre`}>
        <h3 id={`${current.id}-titre`} className="fr-h6 fr-mb-2w">
          {current.title}
        </h3>
        {selected === 'echeances' && (
          <DataTable
            caption={current.title}
            columns={deadlineColumns}
            data={data.deadlinesSoon}
            getRowId={(m) => m.measureId}
            csvFileName="echeances.csv"
            initialSort={{ id: 'deadline' }}
            height="auto"
            maxHeight="24rem"
            onRowActivate={(m) => void navigate(personPath(m.personId, m.measureId))}
            emptyMessage={`Aucune mesure en cours n’arrive à échéance dans les ${DEADLINE_WARNING_DAYS} prochains jours.`}
          />
        )}
        {selected === 'habilitations' && (
          <DataTable
            caption={current.title}
            columns={habilitationColumns}
            data={data.habilitationsExpiring}
            getRowId={(h) => h.organisationId}
            csvFileName="habilitations-a-renouveler.csv"
            initialSort={{ id: 'until' }}
            height="auto"
            maxHeight="24rem"
            onRowActivate={(h) => void navigate(organisationPath(h.organisationId))}
            emptyMessage={`Aucune habilitation n’expire dans les ${HABILITATION_WARNING_DAYS} prochains jours.`}
          />
        )}
        {selected === 'hors-habilitation' && (
          <DataTable
            caption={current.title}
            columns={pastHabilitationColumns}
            data={data.placementsPastHabilitation}
            getRowId={(p) => p.placementId}
            csvFileName="mises-en-situation-hors-habilitation.csv"
            initialSort={{ id: 'until' }}
            height="auto"
            maxHeight="24rem"
            onRowActivate={(p) => void navigate(personPath(p.personId, p.measureId))}
            emptyMessage="Toutes les mises en situation en cours finissent pendant l’habilitation de leur structure."
          />
        )}
        {selected === 'sans-heures' && (
          <DataTable
            caption={current.title}
            columns={idleColumns}
            data={data.idlePlacements}
            getRowId={(p) => p.placementId}
            csvFileName="mises-en-situation-sans-heures.csv"
            initialSort={{ id: 'days', desc: true }}
            height="auto"
            maxHeight="24rem"
            onRowActivate={(p) => void navigate(personPath(p.personId, p.measureId))}
            emptyMessage={`Toutes les mises en situation en cours ont des heures saisies depuis moins de ${IDLE_PLACEMENT_DAYS} jours.`}
          />
        )}
        {selected === 'incidents' && (
          <DataTable
            caption={current.title}
            columns={incidentColumns}
            data={data.unreportedIncidents}
            getRowId={(i) => i.id}
            csvFileName="incidents-a-signaler.csv"
            initialSort={{ id: 'date', desc: true }}
            height="auto"
            maxHeight="24rem"
            onRowActivate={(i) => void navigate(personPath(i.personId, i.measureId))}
            emptyMessage="Tous les incidents enregistrés ont été signalés au juge de l’application des peines."
          />
        )}
      </section>
    </Tabs>
  );
}
