import type { MeasureFile } from '../../../shared/repos/documents.ts';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { tutorName } from '../../../shared/repos/tutors.ts';
import { lastDayOf } from '../../../shared/rules/capacity.ts';
import { isEnded } from '../../../shared/rules/measureStatus.ts';
import { orderedLabel } from '../../../shared/schemas/labels.ts';
import { amountWith, formatAmount } from '../../../shared/rules/ordered.ts';
import { incidentKindLabels } from '../../../shared/schemas/incident.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels } from '../../../shared/schemas/measure.ts';
import { placementStatusLabels } from '../../../shared/schemas/placement.ts';
import { usePrintIssuer } from '../../app/index.ts';
import { DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { backPath, fullName, JapRecipient, useMeasureFile } from './measureFile.tsx';

const TITLE = 'Rapport de fin de mesure';

/** How the measure ended, in one sentence for the judge. */
export function outcomeSentence(file: Pick<MeasureFile, 'measure' | 'progress'>): string {
  const { measure, progress } = file;
  const hours = `${amountWith(progress.unit, progress.done, 'effectué')} sur ${amountWith(progress.unit, progress.ordered, 'ordonné')}`;
  const left = formatAmount(progress.unit, progress.remaining);
  const on = formatDate(measure.endedOn);
  switch (measure.status) {
    case 'terminee':
      return `Mesure terminée le ${on} : exécutée en totalité (${hours}).`;
    case 'echue':
      return `Mesure échue le ${on} : le délai d’exécution a expiré avant que la mesure soit exécutée en totalité (${hours}, ${left} restant à accomplir).`;
    case 'revoquee':
      return `Mesure révoquée le ${on} (${hours} à cette date, ${left} restant à accomplir).`;
    case 'transferee':
      return `Suivi de la mesure transféré le ${on} à un autre service (${hours} à cette date, ${left} restant à accomplir).`;
    default:
      return `Mesure en cours : ${hours}.`;
  }
}

/** The end-of-measure report: outcome, hours per placement, suspensions and incidents. */
export function EndOfMeasureReport() {
  const issuer = usePrintIssuer();
  const { identity } = issuer;
  const file = useMeasureFile();
  if (file === undefined) return null;
  if (!file) return <DocumentUnavailable title={TITLE} message="Cette mesure n’existe pas ou a été supprimée." back="/personnes" />;
  const { person, measure } = file;
  if (!isEnded(measure.status)) {
    return (
      <DocumentUnavailable
        title={TITLE}
        message={`La mesure est au statut « ${measureStatusLabels[measure.status]} » : le rapport de fin de mesure s’établit une fois qu’elle a pris fin.`}
        back={backPath(file)}
      />
    );
  }
  const hoursOf = (placementId: string) => file.hourLogs.filter((l) => l.placementId === placementId).reduce((sum, l) => sum + l.hours, 0);
  const sessionHours = file.hourLogs.filter((l) => l.placementId === undefined).reduce((sum, l) => sum + l.hours, 0);

  return (
    <PrintFrame issuer={issuer} judicial title={`${TITLE} – ${measureKindLabels[measure.kind]}`} back={backPath(file)} recipient={<JapRecipient />}>
      <p>
        <strong>Objet :</strong> fin de la mesure de {fullName(person)}, né(e) le {formatDate(person.birthDate)} – dossier {person.caseNumber}.
      </p>
      <h2>Décision</h2>
      <dl className="app-document__fields">
        <dt>Nature</dt>
        <dd>{measureKindLabels[measure.kind]}</dd>
        <dt>Juridiction</dt>
        <dd>
          {measure.jurisdiction}, décision du {formatDate(measure.decisionDate)}
        </dd>
        <dt>{orderedLabel(file.progress.unit)}</dt>
        <dd>{formatAmount(file.progress.unit, file.progress.ordered)}</dd>
        <dt>Délai d’exécution</dt>
        <dd>
          {measure.periodMonths} mois à compter du {formatDate(measure.periodStart)}, échéance au {formatDate(file.deadline.deadline)}
        </dd>
      </dl>
      <h2>Issue de la mesure</h2>
      <p>{outcomeSentence(file)}</p>
      <h2>Mises en situation</h2>
      {file.placements.length === 0 ? (
        <p>Aucune mise en situation.</p>
      ) : (
        <table>
          <caption className="fr-sr-only">Mises en situation et heures effectuées</caption>
          <thead>
            <tr>
              <th scope="col">Poste et structure</th>
              <th scope="col">Tuteur</th>
              <th scope="col">Période</th>
              <th scope="col">Statut</th>
              <th scope="col" className="app-document__number">
                Heures
              </th>
            </tr>
          </thead>
          <tbody>
            {file.placements.map(({ placement, post, organisation, tutors }) => (
              <tr key={placement.id}>
                <td>
                  {post?.title ?? ''}, {organisation?.name ?? ''}
                </td>
                <td>{tutors.map(tutorName).join(', ')}</td>
                <td>
                  du {formatDate(placement.startDate)} au {formatDate(lastDayOf(placement))}
                </td>
                <td>{placementStatusLabels[placement.status]}</td>
                <td className="app-document__number">{formatHours(hoursOf(placement.id))}</td>
              </tr>
            ))}
            {sessionHours > 0 && (
              <tr>
                <td colSpan={4}>Séances de TIG pédagogique</td>
                <td className="app-document__number">{formatHours(sessionHours)}</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>Total</td>
              <td className="app-document__number">{formatHours(file.hoursDone)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      <h2>Suspensions</h2>
      {measure.suspensions.length === 0 ? (
        <p>Aucune suspension.</p>
      ) : (
        <ul>
          {measure.suspensions.map((s) => (
            <li key={s.from}>
              du {formatDate(s.from)} au {formatDate(s.to)} : {s.reason}
            </li>
          ))}
        </ul>
      )}
      <h2>Incidents</h2>
      {file.incidents.length === 0 ? (
        <p>Aucun incident.</p>
      ) : (
        <ul>
          {file.incidents.map((i) => (
            <li key={i.id}>
              {formatDate(i.date)} – {incidentKindLabels[i.kind]} : {i.description}
              {i.reportedToJapOn ? ` (signalé le ${formatDate(i.reportedToJapOn)})` : ' (non signalé)'}
            </li>
          ))}
        </ul>
      )}
      <Signatures>
        <SignatureBox title="Le conseiller pénitentiaire d’insertion et de probation" lines={[person.counsellor ?? identity.userName, 'Date et signature']} />
        <SignatureBox title="Visa de l’encadrement" lines={['Date et signature']} />
      </Signatures>
    </PrintFrame>
  );
}
