import { useParams } from 'react-router';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { participantName, sessionView } from '../../../shared/repos/workshopViews.ts';
import { programmeKindLabels } from '../../../shared/schemas/programme.ts';
import { sessionThemeLabels } from '../../../shared/schemas/session.ts';
import { usePrintIssuer, useRecord } from '../../app/index.ts';
import { DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { workshopsPaths } from './paths.ts';
import { counted } from '../../../shared/format/agreement.ts';

const TITLE = 'Attestation de participation';

/** `/ateliers/seances/:sessionId/attestations/:enrolmentId`: the days and hours a participant attended. */
export function ParticipationCertificate() {
  const issuer = usePrintIssuer();
  const { identity } = issuer;
  const { sessionId = '', enrolmentId = '' } = useParams();
  const view = useRecord(sessionView, sessionId);
  if (view === undefined) return null;
  if (view === null) return <DocumentUnavailable title={TITLE} message="Cette séance n’existe pas ou a été supprimée." back={workshopsPaths.sessions} />;
  const { session, programme, partner, attendance } = view;
  const back = workshopsPaths.session(session.id);
  const participant = view.participants.find((p) => p.enrolment.id === enrolmentId);
  if (!participant) return <DocumentUnavailable title={TITLE} message="Ce participant n’est plus inscrit à la séance." back={back} />;
  const attended = attendance.filter((a) => a.enrolmentId === enrolmentId && a.present).sort((a, b) => a.date.localeCompare(b.date));
  if (attended.length === 0) {
    return (
      <DocumentUnavailable
        title={TITLE}
        message={`${participantName(participant.person)} n’a encore aucune journée de présence enregistrée dans cette séance.`}
        back={back}
      />
    );
  }
  const { person } = participant;
  return (
    <PrintFrame issuer={issuer} title={TITLE} back={back} backLabel="Retour à la séance">
      <p className="fr-mt-4w">
        Le service <strong>{identity.name}</strong> atteste que :
      </p>
      <p className="fr-my-3w" style={{ textAlign: 'center' }}>
        <strong>{participantName(person)}</strong>, né(e) le {formatDate(person.birthDate)},
      </p>
      <p>
        a participé au programme <strong>« {programme.title} »</strong> ({programmeKindLabels[programme.kind].toLowerCase()}
        {partner ? `, avec ${partner.name}` : ''}), séance du {formatDate(session.startDate)} au {formatDate(session.endDate)} animée par {session.facilitator},
        pendant <strong>{counted(attended.length, 'jour')}</strong> sur {session.days.length}, soit <strong>{formatHours(participant.hoursAttended)}</strong> de
        présence.
      </p>
      {programme.kind === 'tig_pedagogique' && participant.measure && (
        <p>Ces heures comptent comme heures de travail d’intérêt général sur la mesure de l’intéressé(e).</p>
      )}
      <h2>Journées de présence</h2>
      <table>
        <caption className="fr-sr-only">Journées de présence</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Heures</th>
          </tr>
        </thead>
        <tbody>
          {attended.map((a) => (
            <tr key={a.id}>
              <td>{formatDate(a.date)}</td>
              <td>{formatHours(a.hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {session.themes.length > 0 && <p>Thèmes abordés : {session.themes.map((t) => sessionThemeLabels[t].toLowerCase()).join(', ')}.</p>}
      <p className="fr-mt-3w">Attestation délivrée à l’intéressé(e) pour servir et valoir ce que de droit.</p>
      <Signatures>
        <SignatureBox title="L’animateur" lines={[session.facilitator, 'Signature']} />
        <SignatureBox title="Pour le service" lines={[identity.userName, 'Signature et cachet']} />
      </Signatures>
    </PrintFrame>
  );
}
