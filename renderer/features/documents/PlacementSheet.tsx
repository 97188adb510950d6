import { useParams } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { orderedLabel } from '../../../shared/schemas/labels.ts';
import { agreed, formatAmount } from '../../../shared/rules/ordered.ts';
import { tutorName } from '../../../shared/repos/tutors.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { activityDomainLabels } from '../../../shared/schemas/post.ts';
import { usePrintIssuer } from '../../app/index.ts';
import { contactLine, DocumentUnavailable, PrintFrame, SignatureBox, Signatures } from '../../ui/print/PrintFrame.tsx';
import { AddressLines, backPath, fullName, MeasureDecision, useMeasureFile } from './measureFile.tsx';

const TITLE = 'Fiche de mise en situation – Travail d’intérêt général';

/** The placement sheet (fiche de mise en situation) the tutor receives before the first day. */
export function PlacementSheet() {
  const issuer = usePrintIssuer();
  const file = useMeasureFile();
  const { placementId } = useParams();
  if (file === undefined) return null;
  const detail = file?.placements.find((p) => p.placement.id === placementId);
  if (!file || !detail) return <DocumentUnavailable title={TITLE} message="Cette mise en situation n’existe pas ou a été supprimée." back="/personnes" />;
  const { person, measure } = file;
  const { placement, post, organisation, tutors } = detail;
  const tutor = tutors[0];

  return (
    <PrintFrame
      issuer={issuer}
      judicial
      title={TITLE}
      back={backPath(file)}
      recipient={
        organisation && (
          <>
            <p>À l’attention de {tutors.length > 0 ? tutors.map(tutorName).join(', ') : 'la personne chargée du tutorat'}, tuteur</p>
            <AddressLines organisation={organisation} />
          </>
        )
      }
    >
      <p>
        Madame, Monsieur, vous accueillez la personne désignée ci-dessous dans le cadre de la mesure « {measureKindLabels[measure.kind]} ». La présente fiche
        précise les conditions de la mise en situation.
      </p>
      <h2>Personne accueillie</h2>
      <dl className="app-document__fields">
        <dt>Nom et prénom</dt>
        <dd>{fullName(person)}</dd>
        <dt>Date de naissance</dt>
        <dd>{formatDate(person.birthDate)}</dd>
        {person.phone && (
          <>
            <dt>Téléphone</dt>
            <dd>{person.phone}</dd>
          </>
        )}
      </dl>
      <h2>Mesure</h2>
      <dl className="app-document__fields">
        <MeasureDecision measure={measure} />
        <dt>{orderedLabel(file.progress.unit)}</dt>
        <dd>
          {formatAmount(file.progress.unit, file.progress.ordered)} ({formatAmount(file.progress.unit, file.progress.done)} déjà{' '}
          {agreed(file.progress.unit, file.progress.done, 'effectué')})
        </dd>
        <dt>Échéance</dt>
        <dd>Travail à accomplir au plus tard le {formatDate(file.deadline.deadline)}</dd>
      </dl>
      <h2>Poste et structure d’accueil</h2>
      <dl className="app-document__fields">
        <dt>Poste</dt>
        <dd>
          {post?.title ?? 'Poste supprimé'}
          {post && ` (${activityDomainLabels[post.domain]})`}
        </dd>
        {post?.description && (
          <>
            <dt>Activités</dt>
            <dd>{post.description}</dd>
          </>
        )}
        <dt>Structure</dt>
        <dd>{organisation?.name ?? ''}</dd>
        <dt>Lieu</dt>
        <dd>{[organisation?.street, post?.communeName].filter(Boolean).join(', ')}</dd>
        <dt>Tuteur</dt>
        <dd>
          {tutor ? [tutorName(tutor), tutor.role, tutor.phone, tutor.email].filter(Boolean).join(' · ') : 'À désigner'}
          {tutors.length > 1 && ` (et ${tutors.slice(1).map(tutorName).join(', ')})`}
        </dd>
      </dl>
      <h2>Mise en situation</h2>
      <dl className="app-document__fields">
        <dt>Période</dt>
        <dd>
          du {formatDate(placement.startDate)} au {formatDate(placement.plannedEnd)}
        </dd>
        <dt>Planning hebdomadaire</dt>
        <dd>{placement.weeklySchedule ?? post?.schedule ?? 'À convenir avec le tuteur'}</dd>
        <dt>Suivi</dt>
        <dd>
          {person.counsellor
            ? `${person.counsellor}, conseiller pénitentiaire d’insertion et de probation`
            : 'Le service pénitentiaire d’insertion et de probation'}
        </dd>
      </dl>
      <h2>Engagements du tuteur</h2>
      <ul>
        <li>Accueillir la personne, lui présenter les consignes de travail, d’hygiène et de sécurité et veiller à leur respect.</li>
        <li>Relever chaque jour les heures effectuées sur la feuille de présence mensuelle, la signer et la transmettre au service en fin de mois.</li>
        <li>
          Signaler sans délai au service{contactLine(issuer.contact) ? ` (${contactLine(issuer.contact)})` : ''} toute absence, tout retard, tout incident ou
          accident.
        </li>
        <li>
          Le travail d’intérêt général n’est pas rémunéré ; il est accompli dans le respect des règles relatives au travail de nuit, à l’hygiène et à la
          sécurité.
        </li>
      </ul>
      <Signatures>
        <SignatureBox title="Pour le service" lines={['Date et signature']} />
        <SignatureBox title="Le tuteur" lines={['Date, signature et cachet de la structure']} />
        <SignatureBox title="La personne accueillie" lines={['Date et signature, précédées de « lu et approuvé »']} />
      </Signatures>
    </PrintFrame>
  );
}
