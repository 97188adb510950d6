import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { ChangeEntry } from '../../../shared/db/rows.ts';
import { formatDate } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { moveToBin } from '../../../shared/repos/bin.ts';
import { personHistory, personPage } from '../../../shared/repos/persons.ts';
import { entities } from '../../../shared/schemas/entities.ts';
import type { Person } from '../../../shared/schemas/person.ts';
import { useRepo, useRecord } from '../../app/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FlashMessage, flash } from '../../ui/Flash.tsx';
import { Page } from '../../ui/Page.tsx';
import { describeChange, HistoryLine, useWorkstationNames } from '../history/index.ts';
import { ActionModalProvider, ConfirmAction, useActionModal } from './ActionModal.tsx';
import { MeasureSection } from './MeasureSection.tsx';
import { personName } from './personRows.ts';
import { RecordNotFound } from './RecordNotFound.tsx';
import './persons.css';
import { BinMessage } from '../bin/index.ts';
import { transferPersonPath } from '../transfers/index.ts';

/** Links between records: the person's history is already about them, ids would only be noise. */
const LINK_FIELDS = ['personId', 'measureId', 'placementId', 'postId', 'attendanceId'];

/** A change as the person's history tells it: the links between the records of the file left out. */
function readableChange(change: ChangeEntry): ChangeEntry {
  return { ...change, fields: Object.fromEntries(Object.entries(change.fields).filter(([key]) => !LINK_FIELDS.includes(key))) };
}

/** The audit trail of the whole file: the person, measures, placements, hours and incidents. */
export function PersonHistory({ personId }: { personId: string }) {
  const ctx = useRepo();
  const changes = useLiveQuery(() => personHistory(ctx, personId), [ctx, personId]);
  const workstations = useWorkstationNames();
  if (!changes) return null;
  const lines = changes.map((c) => ({ entity: entities[c.entity].label, line: describeChange(readableChange(c), workstations) })).reverse();
  return (
    <Accordion label={`Historique des modifications (${lines.length})`} titleAs="h2">
      <ol className="app-history app-person-history">
        {lines.map(({ entity, line }) => (
          <HistoryLine key={line.key} line={line} entity={entity} />
        ))}
      </ol>
    </Accordion>
  );
}

function Identity({ person, age }: { person: Person; age: number }) {
  return (
    <section aria-labelledby="identite" className="fr-mb-4w">
      <h2 id="identite" className="fr-h4">
        Identité
      </h2>
      <dl className="app-definitions">
        <dt>Date de naissance</dt>
        <dd>
          {formatDate(person.birthDate)} ({age} ans)
        </dd>
        <dt>Numéro de dossier</dt>
        <dd>{person.caseNumber}</dd>
        <dt>Commune</dt>
        <dd>{person.communeName ? `${person.communeName}${person.departement ? ` (${departementLabel(person.departement)})` : ''}` : 'Non renseignée'}</dd>
        <dt>Téléphone</dt>
        <dd>{person.phone ?? 'Non renseigné'}</dd>
        <dt>Conseiller référent</dt>
        <dd>{person.counsellor ?? 'Non renseigné'}</dd>
      </dl>
    </section>
  );
}

/** Brings the measure named in the address (`#mesure-…`, from the measures list) into view. */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
  }, [ready, hash]);
}

function PersonContent({ personId }: { personId: string }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const open = useActionModal();
  const page = useRecord(personPage, personId);
  useScrollToHash(page !== undefined && page !== null);
  if (page === undefined) return null;
  if (page === null) return <RecordNotFound what="Cette personne" />;
  const { person, measures } = page;
  const name = personName(person);
  const newMeasure = `/personnes/${person.id}/mesures/nouvelle`;

  const confirmRemove = () =>
    open({
      title: 'Supprimer la personne',
      render: (close) => (
        <ConfirmAction
          message={<BinMessage entity="person" id={person.id} what={`La fiche de ${name} (dossier ${person.caseNumber})`} />}
          confirmLabel="Mettre la personne à la corbeille"
          onConfirm={() => moveToBin(ctx, 'person', person.id)}
          onDone={() => void navigate('/personnes', flash(`La fiche de ${name} a été mise à la corbeille.`))}
          close={close}
        />
      ),
    });

  return (
    <Page
      title={name}
      actions={
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button iconId="fr-icon-add-line" linkProps={{ to: newMeasure }}>
              Nouvelle mesure
            </Button>
          </li>
          <li>
            <Button priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: `/personnes/${person.id}/modifier` }}>
              Modifier
            </Button>
          </li>
          <li>
            <Button priority="secondary" iconId="fr-icon-arrow-right-line" linkProps={{ to: transferPersonPath(person.id) }}>
              Transférer le dossier
            </Button>
          </li>
          <li>
            <Button priority="tertiary" iconId="fr-icon-delete-line" onClick={confirmRemove}>
              Supprimer
            </Button>
          </li>
        </ul>
      }
    >
      <FlashMessage />
      <Identity person={person} age={page.age} />
      <h2 className="fr-h4">Mesures</h2>
      {measures.length === 0 ? (
        <EmptyState
          title="Aucune mesure"
          action={
            <Button iconId="fr-icon-add-line" linkProps={{ to: newMeasure }}>
              Ajouter une mesure
            </Button>
          }
        >
          Enregistrez la mesure prononcée (TIG, sursis probatoire avec TIG, TNR…) pour pouvoir proposer une mise en situation et suivre les heures.
        </EmptyState>
      ) : (
        measures.map((view) => <MeasureSection key={view.measure.id} view={view} personId={person.id} />)
      )}
      <PersonHistory personId={person.id} />
    </Page>
  );
}

export function PersonPage() {
  const { personId = '' } = useParams();
  return (
    <ActionModalProvider>
      <PersonContent personId={personId} />
    </ActionModalProvider>
  );
}
