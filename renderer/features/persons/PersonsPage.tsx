import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formatNumber } from '../../../shared/format/fr.ts';
import { listMeasures, type MeasureRow } from '../../../shared/repos/measures.ts';
import { listPersons } from '../../../shared/repos/persons.ts';
import type { DeadlineInfo } from '../../../shared/rules/deadline.ts';
import { measureKindLabels, measureStatusLabels } from '../../../shared/schemas/measure.ts';
import { useRepo } from '../../app/RepoProvider.tsx';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { Page } from '../../ui/Page.tsx';
import { DeadlineFlag, daysRemainingText } from './DeadlineText.tsx';
import { FlashMessage } from './flash.tsx';
import { personListRows, type PersonListRow } from './personRows.ts';

/** Where the persons import lives (hosts/imports feature); linked by path. */
export const PERSONS_IMPORT_PATH = '/import/personnes';

const flagged = (d: DeadlineInfo | undefined) => d?.flagged ?? false;

const personColumns: DataColumn<PersonListRow>[] = [
  { id: 'name', header: 'Nom', accessor: (p) => p.name, filter: 'text', width: '14%' },
  { id: 'birthDate', header: 'Date de naissance', accessor: (p) => p.birthDate, width: '9%' },
  { id: 'caseNumber', header: 'N° de dossier', accessor: (p) => p.caseNumber, filter: 'text', width: '9%' },
  { id: 'commune', header: 'Commune', accessor: (p) => p.communeName, filter: 'select', width: '11%' },
  { id: 'counsellor', header: 'Conseiller référent', accessor: (p) => p.counsellor, filter: 'select', width: '12%' },
  { id: 'measures', header: 'Mesures', accessor: (p) => p.measureCount, align: 'right', width: '6%' },
  { id: 'status', header: 'Statut actuel', accessor: (p) => p.statusLabel, filter: 'select', width: '9%' },
  { id: 'deadline', header: 'Prochaine échéance', accessor: (p) => p.nextDeadline?.deadline, filter: 'date', width: '10%' },
  {
    id: 'daysRemaining',
    header: 'Jours restants',
    accessor: (p) => p.nextDeadline?.daysRemaining,
    cell: (p) => (p.nextDeadline ? daysRemainingText(p.nextDeadline.daysRemaining) : ''),
    align: 'right',
    width: '9%',
  },
  {
    id: 'flag',
    header: 'Échéance à moins de 60 jours',
    accessor: (p) => flagged(p.nextDeadline),
    cell: (p) => (flagged(p.nextDeadline) ? <DeadlineFlag info={p.nextDeadline!} /> : ''),
    filter: 'boolean',
  },
];

const measureColumns: DataColumn<MeasureRow>[] = [
  { id: 'person', header: 'Personne', accessor: (m) => m.personName, filter: 'text', width: '14%' },
  { id: 'caseNumber', header: 'N° de dossier', accessor: (m) => m.caseNumber, width: '9%' },
  { id: 'kind', header: 'Nature', accessor: (m) => measureKindLabels[m.kind], filter: 'select', width: '13%' },
  { id: 'status', header: 'Statut', accessor: (m) => measureStatusLabels[m.status], filter: 'select', width: '9%' },
  {
    id: 'hoursDone',
    header: 'Heures effectuées',
    accessor: (m) => m.hoursDone,
    cell: (m) => `${formatNumber(m.hoursDone)} / ${formatNumber(m.hoursOrdered)} h`,
    csv: (m) => m.hoursDone,
    align: 'right',
    width: '10%',
  },
  { id: 'hoursOrdered', header: 'Heures ordonnées', accessor: (m) => m.hoursOrdered, align: 'right', width: '9%' },
  { id: 'decisionDate', header: 'Décision', accessor: (m) => m.decisionDate, width: '8%' },
  { id: 'deadline', header: 'Échéance', accessor: (m) => m.deadline.deadline, filter: 'date', width: '9%' },
  {
    id: 'daysRemaining',
    header: 'Jours restants',
    accessor: (m) => (m.endedOn ? undefined : m.deadline.daysRemaining),
    cell: (m) => (m.endedOn ? '' : daysRemainingText(m.deadline.daysRemaining)),
    align: 'right',
    width: '9%',
  },
  {
    id: 'flag',
    header: 'Échéance à moins de 60 jours',
    accessor: (m) => m.deadline.flagged,
    cell: (m) => (m.deadline.flagged ? <DeadlineFlag info={m.deadline} /> : ''),
    filter: 'boolean',
  },
];

type View = 'personnes' | 'mesures';

/** The persons followed by the site and, in a second tab, every measure. */
export function PersonsPage() {
  const ctx = useRepo();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('vue') === 'mesures' ? 'mesures' : 'personnes';
  const data = useLiveQuery(() => Promise.all([listPersons(ctx), listMeasures(ctx)]), [ctx]);
  const persons = useMemo(() => (data ? personListRows(data[0], data[1]) : undefined), [data]);
  const measures = data?.[1];

  const create = (
    <Button iconId="fr-icon-user-add-line" linkProps={{ to: '/personnes/nouvelle' }}>
      Nouvelle personne
    </Button>
  );

  return (
    <Page
      title="Personnes et mesures"
      actions={
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>{create}</li>
          <li>
            <Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ to: PERSONS_IMPORT_PATH }}>
              Importer un fichier CSV
            </Button>
          </li>
        </ul>
      }
    >
      <FlashMessage />
      <Tabs
        label="Vues de la liste"
        selectedTabId={view}
        onTabChange={(tabId) => setParams(tabId === 'mesures' ? { vue: 'mesures' } : {}, { replace: true })}
        tabs={[
          { tabId: 'personnes', label: `Personnes${persons ? ` (${formatNumber(persons.length)})` : ''}` },
          { tabId: 'mesures', label: `Mesures${measures ? ` (${formatNumber(measures.length)})` : ''}` },
        ]}
      >
        {!persons || !measures ? (
          <p aria-busy="true">Chargement de la liste…</p>
        ) : view === 'personnes' ? (
          <DataTable
            caption="Personnes suivies"
            columns={personColumns}
            data={persons}
            getRowId={(p) => p.id}
            csvFileName="personnes.csv"
            onRowActivate={(p) => void navigate(`/personnes/${p.id}`)}
            initialSort={{ id: 'name' }}
            emptyMessage="Aucune personne suivie pour l’instant. Créez la première, ou importez la liste que vous tenez déjà (fichier CSV)."
            emptyAction={create}
            height="62vh"
          />
        ) : (
          <DataTable
            caption="Mesures"
            columns={measureColumns}
            data={measures}
            getRowId={(m) => m.id}
            csvFileName="mesures.csv"
            onRowActivate={(m) => void navigate(`/personnes/${m.personId}#mesure-${m.id}`)}
            initialSort={{ id: 'deadline' }}
            emptyMessage="Aucune mesure enregistrée. Une mesure s’ajoute depuis la fiche de la personne concernée."
            height="62vh"
          />
        )}
      </Tabs>
    </Page>
  );
}
