import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import { listMeasures, type MeasureRow } from '../../../shared/repos/measures.ts';
import { listPersons } from '../../../shared/repos/persons.ts';
import type { DeadlineInfo } from '../../../shared/rules/deadline.ts';
import { formatAmount } from '../../../shared/rules/ordered.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels } from '../../../shared/schemas/measure.ts';
import { useRepo } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Page } from '../../ui/Page.tsx';
import { importPaths } from '../imports/index.ts';
import { DeadlineFlag, daysRemainingText } from './DeadlineText.tsx';
import { personListRows, type PersonListRow } from './personRows.ts';
import './persons.css';

const flagged = (d: DeadlineInfo | undefined) => d?.flagged ?? false;

const deadlineCell = (d: DeadlineInfo | undefined, ended = false) =>
  d ? `${formatDate(d.deadline)}${ended ? '' : ` (${daysRemainingText(d.daysRemaining, true)})`}` : '';

const personColumns: DataColumn<PersonListRow>[] = [
  { id: 'name', header: 'Nom', accessor: (p) => p.name, filter: 'text', width: '15%' },
  { id: 'birthDate', header: 'Naissance', accessor: (p) => p.birthDate, width: '9%' },
  { id: 'caseNumber', header: 'Dossier', accessor: (p) => p.caseNumber, filter: 'text', width: '10%' },
  { id: 'commune', header: 'Commune', accessor: (p) => p.communeName, filter: 'select', width: '10%' },
  { id: 'counsellor', header: 'Conseiller', accessor: (p) => p.counsellor, filter: 'select', width: '12%' },
  { id: 'measures', header: 'Mesures', accessor: (p) => p.measureCount, align: 'right', width: '7%' },
  { id: 'status', header: 'Statut', accessor: (p) => p.statusLabel, filter: 'select', width: '9%' },
  {
    id: 'deadline',
    header: 'Prochaine échéance',
    accessor: (p) => p.nextDeadline?.deadline,
    cell: (p) => deadlineCell(p.nextDeadline),
    filter: 'date',
    width: '17%',
  },
  {
    id: 'flag',
    header: 'Moins de 60 j',
    accessor: (p) => flagged(p.nextDeadline),
    cell: (p) => (flagged(p.nextDeadline) ? <DeadlineFlag info={p.nextDeadline!} short /> : ''),
    filter: 'boolean',
  },
];

const measureColumns: DataColumn<MeasureRow>[] = [
  { id: 'person', header: 'Personne', accessor: (m) => m.personName, filter: 'text', width: '14%' },
  { id: 'caseNumber', header: 'Dossier', accessor: (m) => m.caseNumber, width: '9%' },
  { id: 'kind', header: 'Nature', accessor: (m) => measureKindLabels[m.kind], filter: 'select', width: '13%' },
  { id: 'status', header: 'Statut', accessor: (m) => measureStatusLabels[m.status], filter: 'select', width: '9%' },
  // A measure ordered in days reads in days (« 2 jours »), the others in hours.
  {
    id: 'done',
    header: 'Effectué',
    accessor: (m) => m.progress.done,
    cell: (m) => formatAmount(m.progress.unit, m.progress.done),
    align: 'right',
    width: '8%',
  },
  {
    id: 'ordered',
    header: 'Ordonné',
    accessor: (m) => m.progress.ordered,
    cell: (m) => formatAmount(m.progress.unit, m.progress.ordered),
    align: 'right',
    width: '8%',
  },
  { id: 'decisionDate', header: 'Décision', accessor: (m) => m.decisionDate, width: '9%' },
  {
    id: 'deadline',
    header: 'Échéance',
    accessor: (m) => m.deadline.deadline,
    cell: (m) => deadlineCell(m.deadline, m.endedOn !== undefined),
    filter: 'date',
    width: '18%',
  },
  {
    id: 'flag',
    header: 'Moins de 60 j',
    accessor: (m) => m.deadline.flagged,
    cell: (m) => (m.deadline.flagged ? <DeadlineFlag info={m.deadline} short /> : ''),
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
  const importCsv = (
    <Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ to: importPaths.persons }}>
      Importer un fichier CSV
    </Button>
  );

  return (
    <Page
      title="Personnes et mesures"
      actions={
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>{create}</li>
          <li>{importCsv}</li>
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
        <div className="app-dense-table">
          {!persons || !measures ? (
            <p aria-busy="true">Chargement de la liste…</p>
          ) : view === 'personnes' ? (
            <DataTable
              key="personnes"
              caption="Personnes suivies"
              rememberAs="personnes"
              columns={personColumns}
              data={persons}
              getRowId={(p) => p.id}
              csvFileName="personnes.csv"
              onRowActivate={(p) => void navigate(`/personnes/${p.id}`)}
              initialSort={{ id: 'name' }}
              emptyMessage="Aucune personne suivie pour l’instant. Créez la première, ou importez la liste que vous tenez déjà (fichier CSV)."
              emptyAction={
                <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
                  <li>{create}</li>
                  <li>{importCsv}</li>
                </ul>
              }
              height="62vh"
            />
          ) : (
            <DataTable
              key="mesures"
              caption="Mesures"
              rememberAs="mesures"
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
        </div>
      </Tabs>
    </Page>
  );
}
