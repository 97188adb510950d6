import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate, formatHours } from '../../../shared/format/fr.ts';
import { removeEnrolment, updateEnrolment } from '../../../shared/repos/enrolments.ts';
import { today as todayOf } from '../../../shared/util.ts';
import { removeSession } from '../../../shared/repos/sessions.ts';
import { participantName, sessionView, type ParticipantView, type SessionView } from '../../../shared/repos/workshopViews.ts';
import { orderedOf } from '../../../shared/rules/ordered.ts';
import {
  attendanceClosedReason,
  enrolmentStatuses,
  enrolmentStatusLabels,
  placeHoldingStatuses,
  type EnrolmentStatus,
} from '../../../shared/schemas/enrolment.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels } from '../../../shared/schemas/measure.ts';
import { programmeKindLabels } from '../../../shared/schemas/programme.ts';
import { sessionThemeLabels } from '../../../shared/schemas/session.ts';
import { useIdentity, useRepo, useRecord } from '../../app/index.ts';
import { flash, FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RecordHistory } from '../history/index.ts';
import { AttendanceGrid } from './AttendanceGrid.tsx';
import { ConfirmButton } from './ConfirmDialog.tsx';
import { EnrolForm } from './EnrolForm.tsx';
import { workshopsPaths } from './paths.ts';
import { counted } from '../../../shared/format/agreement.ts';

const label = (field: string) => labelOf('session', field);

/** `/ateliers/seances/:sessionId`: the session, its participants and its attendance grid. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const view = useRecord(sessionView, sessionId);
  if (view === undefined) return <Loading />;
  if (view === null) return <NotFound title="Séance introuvable" back={workshopsPaths.sessions} backLabel="Retour aux séances" />;
  return <SessionScreen view={view} />;
}

function SessionScreen({ view }: { view: SessionView }) {
  const ctx = useRepo();
  const identity = useIdentity();
  const navigate = useNavigate();
  const { session, programme, partner, participants, attendance } = view;
  const own = session.siteId === identity.siteId || identity.kind === 'atigip';
  const tig = programme.kind === 'tig_pedagogique';
  const today = todayOf(ctx);
  const removal = useAction();
  const held = participants.filter((p) => placeHoldingStatuses.includes(p.enrolment.status)).length;
  const period =
    session.startDate === session.endDate ? `le ${formatDate(session.startDate)}` : `du ${formatDate(session.startDate)} au ${formatDate(session.endDate)}`;

  const remove = () =>
    removal.run(() => removeSession(ctx, session.id), {
      done: () => void navigate(workshopsPaths.programme(programme.id), flash(`Séance ${period} supprimée.`)),
    });

  const actions = (
    <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
      <li>
        <Button priority="secondary" iconId="fr-icon-printer-line" linkProps={{ to: workshopsPaths.attendanceSheet(session.id) }}>
          Feuille d’émargement
        </Button>
      </li>
      {own && (
        <>
          <li>
            <Button priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: workshopsPaths.editSession(session.id) }}>
              Modifier
            </Button>
          </li>
          <li>
            <ConfirmButton
              title="Supprimer cette séance ?"
              confirmLabel="Supprimer la séance"
              onConfirm={remove}
              description={
                <p>La séance et ses inscriptions seront supprimées définitivement. Une séance dont des présences sont saisies ne peut pas être supprimée.</p>
              }
            >
              Supprimer
            </ConfirmButton>
          </li>
        </>
      )}
    </ul>
  );

  return (
    <Page title={`Séance ${period}`} actions={actions}>
      <FlashMessage />
      {removal.failure && <Alert className="fr-mb-3w" severity="error" title="Suppression refusée" description={removal.failure} />}
      <div className="fr-mb-2w">
        <Link to={workshopsPaths.programme(programme.id)}>{programme.title}</Link>{' '}
        <Badge severity="info" noIcon small>
          {programmeKindLabels[programme.kind]}
        </Badge>
      </div>
      <dl className="app-definitions fr-mb-4w">
        <dt>{label('days')}</dt>
        <dd>
          {counted(session.days.length, 'jour')} : {session.days.map(formatDate).join(', ')}
        </dd>
        <dt>{label('hoursPerDay')}</dt>
        <dd>{formatHours(session.hoursPerDay)}</dd>
        <dt>{label('facilitator')}</dt>
        <dd>{session.facilitator}</dd>
        {partner && (
          <>
            <dt>Partenaire</dt>
            <dd>{partner.name}</dd>
          </>
        )}
        <dt>Inscrits</dt>
        <dd>
          {held} sur {counted(programme.places, 'place')}
        </dd>
        {session.themes.length > 0 && (
          <>
            <dt>{label('themes')}</dt>
            <dd>{session.themes.map((t) => sessionThemeLabels[t]).join(' ; ')}</dd>
          </>
        )}
      </dl>

      <section className="fr-mb-6w" aria-labelledby="participants-title">
        <h2 id="participants-title" className="fr-h4">
          Participants
        </h2>
        <Participants view={view} editable={own} />
        {own && <EnrolForm sessionId={session.id} tig={tig} full={held >= programme.places} />}
      </section>

      <section className="fr-mb-6w" aria-labelledby="grid-title">
        <h2 id="grid-title" className="fr-h4">
          Feuille de présence
        </h2>
        {tig && (
          <p className="fr-text--sm">
            Les heures de présence comptent sur la mesure de TIG de chaque participant, avec les limites du TIG (12 h par jour, heures ordonnées).
          </p>
        )}
        <AttendanceGrid
          sessionId={session.id}
          days={session.days}
          hoursPerDay={session.hoursPerDay}
          participants={participants.map((p) => ({
            enrolmentId: p.enrolment.id,
            name: participantName(p.person),
            closedReason: attendanceClosedReason(p.enrolment.status),
          }))}
          attendance={attendance}
          today={today}
          readOnly={!own}
        />
      </section>
      <RecordHistory entity="session" recordId={session.id} title="Historique de la séance" />
    </Page>
  );
}

function Participants({ view, editable }: { view: SessionView; editable: boolean }) {
  const ctx = useRepo();
  const action = useAction();
  const { session, programme, participants } = view;
  const tig = programme.kind === 'tig_pedagogique';
  if (participants.length === 0) return <p>Aucun participant pour l’instant.</p>;
  const setStatus = (p: ParticipantView, status: EnrolmentStatus) => action.run(() => updateEnrolment(ctx, p.enrolment.id, { status }));
  return (
    <>
      {action.failure && <Alert className="fr-mb-2w" severity="error" small description={action.failure} />}
      <div className="fr-table fr-table--no-caption fr-table--sm fr-table--multiline app-record-table fr-mb-2w">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>Participants de la séance</caption>
                <thead>
                  <tr>
                    <th scope="col">Participant</th>
                    <th scope="col">Statut</th>
                    {tig && <th scope="col">Mesure de TIG</th>}
                    <th scope="col" className="app-number">
                      Jours présents
                    </th>
                    <th scope="col" className="app-number">
                      Heures suivies
                    </th>
                    {tig && (
                      <th scope="col" className="app-number">
                        Heures sur la mesure
                      </th>
                    )}
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {participants.map((p) => {
                    const name = participantName(p.person);
                    return (
                      <tr key={p.enrolment.id} data-participant={name}>
                        <th scope="row">
                          <Link to={`/personnes/${p.person.id}`}>{name}</Link>
                          <span className="app-cell-detail">dossier {p.person.caseNumber}</span>
                        </th>
                        <td>
                          {editable ? (
                            <select
                              className="fr-select"
                              aria-label={`Statut de ${name}`}
                              value={p.enrolment.status}
                              onChange={(event) => setStatus(p, event.target.value as EnrolmentStatus)}
                            >
                              {enrolmentStatuses.map((s) => (
                                <option key={s} value={s}>
                                  {enrolmentStatusLabels[s]}
                                </option>
                              ))}
                            </select>
                          ) : (
                            enrolmentStatusLabels[p.enrolment.status]
                          )}
                        </td>
                        {tig && <td>{p.measure ? `${measureKindLabels[p.measure.kind]} (${measureStatusLabels[p.measure.status].toLowerCase()})` : '—'}</td>}
                        <td className="app-number">{p.daysPresent}</td>
                        <td className="app-number">{formatHours(p.hoursAttended)}</td>
                        {tig && (
                          <td className="app-number">
                            {p.measure ? `${formatHours(p.measureHoursDone ?? 0)} / ${formatHours(orderedOf(p.measure).amount)}` : '—'}
                          </td>
                        )}
                        <td>
                          <div className="app-row-actions">
                            <Button
                              size="small"
                              priority="tertiary"
                              iconId="fr-icon-file-text-line"
                              title={`Attestation de participation de ${name}`}
                              linkProps={{ to: workshopsPaths.certificate(session.id, p.enrolment.id) }}
                            />
                            {editable && (
                              <ConfirmButton
                                size="small"
                                priority="tertiary"
                                iconId="ri-user-unfollow-line"
                                iconOnly
                                title={`Désinscrire ${name} ?`}
                                confirmLabel="Désinscrire"
                                onConfirm={() => action.run(() => removeEnrolment(ctx, p.enrolment.id))}
                                description={
                                  <p>
                                    L’inscription sera supprimée. Si des présences sont déjà saisies, indiquez plutôt un abandon ou une exclusion dans le
                                    statut.
                                  </p>
                                }
                              >
                                {`Désinscrire ${name}`}
                              </ConfirmButton>
                            )}
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {tig && (
        <p className="fr-text--sm">
          « Heures sur la mesure » : toutes les heures effectuées sur la mesure (séances et mises en situation) sur les heures ordonnées.
        </p>
      )}
    </>
  );
}
