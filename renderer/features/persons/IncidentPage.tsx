import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { personPage } from '../../../shared/repos/persons.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { useRecord } from '../../app/index.ts';
import { flash } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordHistory } from '../history/index.ts';
import { IncidentForm } from './IncidentsPanel.tsx';
import { personName } from './personRows.ts';
import { RecordNotFound } from './RecordNotFound.tsx';

/** `personnes/:personId/mesures/:measureId/incidents/:incidentId/modifier`: correct an incident, with its history. */
export function IncidentPage() {
  const navigate = useNavigate();
  const { personId = '', measureId, incidentId } = useParams();
  const page = useRecord(personPage, personId);
  const view = page?.measures.find((m) => m.measure.id === measureId);
  const incident = view?.incidents.find((i) => i.id === incidentId);
  if (page === undefined) return <Loading />;
  if (page === null || !view || !incident) return <RecordNotFound what="Cet incident" />;

  const back = `/personnes/${personId}#mesure-${view.measure.id}`;
  return (
    <Page title={`Modifier l’incident du ${formatDate(incident.date)}`}>
      <p>
        <Link to={back}>
          {personName(page.person)} – {measureKindLabels[view.measure.kind]} du {formatDate(view.measure.decisionDate)}
        </Link>
      </p>
      {/* The form reads the incident once: a change saved elsewhere meanwhile does not reset what is being typed. */}
      <IncidentForm view={view} incident={incident} onDone={() => void navigate(back, flash('Incident modifié.'))} onCancel={() => void navigate(back)} />
      <div className="fr-mt-6w">
        <RecordHistory entity="incident" recordId={incident.id} title="Historique de l’incident" />
      </div>
    </Page>
  );
}
