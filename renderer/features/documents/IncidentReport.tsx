import { useParams } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { tutorName } from '../../../shared/repos/tutors.ts';
import { amountWith, progressOfLogs } from '../../../shared/rules/ordered.ts';
import { incidentKindLabels } from '../../../shared/schemas/incident.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels } from '../../../shared/schemas/measure.ts';
import { usePrintIssuer } from '../../app/index.ts';
import { DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { backPath, fullName, JapRecipient, MeasureDecision, useMeasureFile } from './measureFile.tsx';

const TITLE = 'Rapport d’incident';

/** The report of an incident to the judge (JAP). */
export function IncidentReport() {
  const issuer = usePrintIssuer();
  const { identity } = issuer;
  const file = useMeasureFile();
  const { incidentId } = useParams();
  if (file === undefined) return null;
  const incident = file?.incidents.find((i) => i.id === incidentId);
  if (!file || !incident) return <DocumentUnavailable title={TITLE} message="Cet incident n’existe pas ou a été supprimé." back="/personnes" />;
  const { person, measure } = file;
  const detail = file.placements.find((p) => p.placement.id === incident.placementId);
  const doneAtIncident = progressOfLogs(
    file.measure,
    file.hourLogs.filter((l) => l.date <= incident.date),
  );
  const others = file.incidents.filter((i) => i.id !== incident.id);
  const counsellor = person.counsellor ?? identity.userName;

  return (
    <PrintFrame issuer={issuer} judicial title={`${TITLE} – ${measureKindLabels[measure.kind]}`} back={backPath(file)} recipient={<JapRecipient />}>
      <p>
        <strong>Objet :</strong> incident du {formatDate(incident.date)} ({incidentKindLabels[incident.kind].toLowerCase()}) au cours de l’exécution de la
        mesure de {fullName(person)}.
      </p>
      <p>
        <strong>Numéro de dossier :</strong> {person.caseNumber}
      </p>
      <h2>Personne concernée</h2>
      <dl className="app-document__fields">
        <dt>Nom et prénom</dt>
        <dd>{fullName(person)}</dd>
        <dt>Date de naissance</dt>
        <dd>{formatDate(person.birthDate)}</dd>
      </dl>
      <h2>Mesure</h2>
      <dl className="app-document__fields">
        <MeasureDecision measure={measure} />
        <dt>Statut</dt>
        <dd>{measureStatusLabels[measure.status]}</dd>
        <dt>{doneAtIncident.unit === 'days' ? 'Jours' : 'Heures'}</dt>
        <dd>
          {amountWith(doneAtIncident.unit, doneAtIncident.done, 'effectué')} au jour de l’incident sur{' '}
          {amountWith(doneAtIncident.unit, doneAtIncident.ordered, 'ordonné')}
        </dd>
        <dt>Échéance</dt>
        <dd>{formatDate(file.deadline.deadline)}</dd>
      </dl>
      <h2>Incident</h2>
      <dl className="app-document__fields">
        <dt>Date</dt>
        <dd>{formatDate(incident.date)}</dd>
        <dt>Nature</dt>
        <dd>{incidentKindLabels[incident.kind]}</dd>
        {detail && (
          <>
            <dt>Lieu</dt>
            <dd>
              {detail.post?.title ?? ''}, {detail.organisation?.name ?? ''}
              {detail.tutors.length > 0 && ` (tuteur : ${detail.tutors.map(tutorName).join(', ')})`}
            </dd>
          </>
        )}
        <dt>Faits</dt>
        <dd className="app-document__text">{incident.description}</dd>
      </dl>
      {others.length > 0 && (
        <>
          <h2>Autres incidents de la mesure</h2>
          <ul>
            {others.map((i) => (
              <li key={i.id}>
                {formatDate(i.date)} : {incidentKindLabels[i.kind].toLowerCase()}
                {i.reportedToJapOn ? `, signalé le ${formatDate(i.reportedToJapOn)}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="fr-mt-2w">
        Je vous prie de bien vouloir trouver ci-dessus le rapport de cet incident, pour les suites que vous jugerez utiles de lui donner.
        {incident.reportedToJapOn && ` Rapport transmis le ${formatDate(incident.reportedToJapOn)}.`}
      </p>
      <Signatures>
        <SignatureBox title="Le conseiller pénitentiaire d’insertion et de probation" lines={[counsellor, 'Date et signature']} />
        <SignatureBox title="Visa de l’encadrement" lines={['Date et signature']} />
      </Signatures>
    </PrintFrame>
  );
}
