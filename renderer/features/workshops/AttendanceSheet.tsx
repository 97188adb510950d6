import { useParams } from 'react-router';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { participantName, sessionView } from '../../../shared/repos/workshopViews.ts';
import { placeHoldingStatuses } from '../../../shared/schemas/enrolment.ts';
import { programmeKindLabels } from '../../../shared/schemas/programme.ts';
import { usePrintIssuer, useRecord } from '../../app/index.ts';
import { DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { workshopsPaths } from './paths.ts';
import { longDayLabel } from './sessionDays.ts';
import './workshops.css';
import { counted } from '../../../shared/format/agreement.ts';

const TITLE = 'Feuille d’émargement';
/** Days side by side on one A4 width, with the participant's name column. */
export const DAYS_PER_TABLE = 5;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `/ateliers/seances/:sessionId/emargement`: participants × days with a box to sign each day. */
export function AttendanceSheet() {
  const issuer = usePrintIssuer();
  const { sessionId = '' } = useParams();
  const view = useRecord(sessionView, sessionId);
  if (view === undefined) return null;
  if (view === null) return <DocumentUnavailable title={TITLE} message="Cette séance n’existe pas ou a été supprimée." back={workshopsPaths.sessions} />;
  const { session, programme, partner, attendance } = view;
  const participants = view.participants.filter(
    (p) => placeHoldingStatuses.includes(p.enrolment.status) || attendance.some((a) => a.enrolmentId === p.enrolment.id),
  );
  const absent = new Set(attendance.filter((a) => !a.present).map((a) => `${a.enrolmentId}/${a.date}`));
  return (
    <PrintFrame issuer={issuer} title={TITLE} back={workshopsPaths.session(session.id)} backLabel="Retour à la séance" className="app-attendance-sheet">
      <dl className="app-document__fields">
        <dt>Programme</dt>
        <dd>
          {programme.title} ({programmeKindLabels[programme.kind]})
        </dd>
        {partner && (
          <>
            <dt>Partenaire</dt>
            <dd>{partner.name}</dd>
          </>
        )}
        <dt>Séance</dt>
        <dd>
          du {formatDate(session.startDate)} au {formatDate(session.endDate)}, {counted(session.days.length, 'jour')} de {formatHours(session.hoursPerDay)}
        </dd>
        <dt>Animateur</dt>
        <dd>{session.facilitator}</dd>
      </dl>
      {participants.length === 0 ? (
        <p className="fr-mt-3w">Aucun participant inscrit.</p>
      ) : (
        chunk(session.days, DAYS_PER_TABLE).map((days, index, all) => (
          <table key={days[0]}>
            <caption className="fr-sr-only">Émargement {all.length > 1 ? `(partie ${index + 1} sur ${all.length})` : ''}</caption>
            <thead>
              <tr>
                <th scope="col" className="app-attendance-sheet__name">
                  Participant
                </th>
                {days.map((d) => (
                  <th key={d} scope="col">
                    {longDayLabel(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr key={p.enrolment.id}>
                  <th scope="row">{participantName(p.person)}</th>
                  {days.map((d) =>
                    absent.has(`${p.enrolment.id}/${d}`) ? (
                      <td key={d} className="app-attendance-sheet__sign app-attendance-sheet__absent">
                        Absent(e)
                      </td>
                    ) : (
                      <td key={d} className="app-attendance-sheet__sign" aria-label={`Signature de ${participantName(p.person)}, ${longDayLabel(d)}`} />
                    ),
                  )}
                </tr>
              ))}
              <tr>
                <th scope="row">Signature de l’animateur</th>
                {days.map((d) => (
                  <td key={d} className="app-attendance-sheet__sign" aria-label={`Signature de l’animateur, ${longDayLabel(d)}`} />
                ))}
              </tr>
            </tbody>
          </table>
        ))
      )}
      <Signatures>
        <SignatureBox title="L’animateur" lines={[session.facilitator]} />
        <SignatureBox title="Visa du service" />
      </Signatures>
    </PrintFrame>
  );
}
