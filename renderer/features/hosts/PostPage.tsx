import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate, formatNumber } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { getPost, removePost, updatePost, type PostDetail, type PostPlacementRow } from '../../../shared/repos/posts.ts';
import { placementStatusText } from '../../../shared/rules/capacity.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { activityDomainLabels } from '../../../shared/schemas/post.ts';
import { useRepo, useRecord, useToday } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { flash, FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RecordHistory } from '../history/index.ts';
import { HabilitationBadge } from './HabilitationBadge.tsx';
import { tutorIdentityColumns } from './OrganisationTables.tsx';
import { hostsPaths } from './paths.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { Section } from '../../ui/Section.tsx';

/** Person pages belong to the persons screens; their address is fixed by the navigation (the measure is an anchor). */
const personPath = (personId: string, measureId: string) => `/personnes/${personId}#mesure-${measureId}`;
const label = (field: string) => labelOf('post', field);
const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

/** The status column reads on `today`, so the columns are made per day. */
const placementColumns = (today: string): DataColumn<PostPlacementRow>[] => [
  {
    id: 'person',
    header: 'Personne',
    accessor: (pl) => pl.personName || 'Personne supprimée',
    cell: (pl) => <Link to={personPath(pl.personId, pl.measureId)}>{pl.personName || 'Personne supprimée'}</Link>,
    width: '30%',
  },
  { id: 'startDate', header: labelOf('placement', 'startDate'), accessor: (pl) => pl.startDate, filter: 'date' },
  { id: 'plannedEnd', header: labelOf('placement', 'plannedEnd'), accessor: (pl) => pl.plannedEnd },
  { id: 'endedOn', header: labelOf('placement', 'endedOn'), accessor: (pl) => pl.endedOn },
  { id: 'status', header: labelOf('placement', 'status'), accessor: (pl) => placementStatusText(pl, today), filter: 'select' },
];

/** `structures/postes/:postId`: what the post offers, its tutors, its free places and who was placed on it. */
export function PostPage() {
  const { postId } = useParams();
  const detail = useRecord(getPost, postId);
  if (detail === undefined) return <Loading />;
  if (detail === null) return <NotFound title="Poste introuvable" back={hostsPaths.posts} backLabel="Retour aux postes" />;
  return <PostView detail={detail} />;
}

function PostView({ detail }: { detail: PostDetail }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const { failure, notice, run } = useAction();
  const { post: p, organisation: o, tutors, placements } = detail;
  const today = useToday();
  const columns = useMemo(() => placementColumns(today), [today]);

  return (
    <Page
      title={p.title}
      actions={
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button iconId="fr-icon-edit-line" linkProps={{ to: hostsPaths.editPost(p.id) }}>
              Modifier
            </Button>
          </li>
          <li>
            <Button
              priority="secondary"
              iconId={p.active ? 'fr-icon-pause-circle-line' : 'fr-icon-play-circle-line'}
              onClick={() =>
                run(() => updatePost(ctx, p.id, { active: !p.active }), {
                  success: p.active ? 'Poste désactivé : il n’est plus proposé aux nouvelles mises en situation.' : 'Poste réactivé.',
                })
              }
            >
              {p.active ? 'Désactiver' : 'Réactiver'}
            </Button>
          </li>
          <li>
            <ConfirmButton
              title={`Supprimer le poste « ${p.title} » ?`}
              confirmLabel="Supprimer le poste"
              onConfirm={() =>
                run(() => removePost(ctx, p.id), { done: () => void navigate(hostsPaths.organisation(o.id), flash(`Poste « ${p.title} » supprimé.`)) })
              }
              description={
                <p>Le poste sera supprimé définitivement. Un poste qui a déjà servi à une mise en situation ne peut pas être supprimé : désactivez-le.</p>
              }
            >
              Supprimer
            </ConfirmButton>
          </li>
        </ul>
      }
    >
      <p>
        <Link to={hostsPaths.organisation(o.id)}>{o.name}</Link> · <Link to={hostsPaths.posts}>Tous les postes</Link>
      </p>
      <FlashMessage />
      {failure && <Alert className="fr-mb-3w" severity="error" title="Opération refusée" description={failure} role="alert" />}
      {notice && <Alert className="fr-mb-3w" severity="success" small description={notice} role="status" />}
      {!p.active && (
        <Alert className="fr-mb-3w" severity="info" small description="Ce poste est inactif : il n’est pas proposé aux nouvelles mises en situation." />
      )}

      <Section id="poste" title="Le poste">
        <dl className="app-definitions">
          <dt>{label('organisationId')}</dt>
          <dd>
            <Link to={hostsPaths.organisation(o.id)}>{o.name}</Link> <HabilitationBadge state={detail.organisationHabilitation} withDate />
          </dd>
          <dt>{label('domain')}</dt>
          <dd>{activityDomainLabels[p.domain]}</dd>
          <dt>{label('communeName')}</dt>
          <dd>
            {p.communeName} ({departementLabel(p.departement)})
          </dd>
          <dt>{label('schedule')}</dt>
          <dd>{p.schedule ?? 'Non renseignés'}</dd>
          <dt>{label('capacity')}</dt>
          <dd>{formatNumber(p.capacity)}</dd>
          <dt>Places libres aujourd’hui</dt>
          <dd>
            <Badge as="span" small noIcon severity={detail.freePlaces > 0 ? 'success' : 'warning'}>
              {detail.freePlaces > 0
                ? `${counted(detail.freePlaces, 'place libre', 'places libres')} le ${formatDate(today)}`
                : `Complet le ${formatDate(today)}`}
            </Badge>
          </dd>
          <dt>{label('openToMinors')}</dt>
          <dd>{yesNo(p.openToMinors)}</dd>
          <dt>{label('accessiblePmr')}</dt>
          <dd>{yesNo(p.accessiblePmr)}</dd>
          <dt>{label('active')}</dt>
          <dd>{yesNo(p.active)}</dd>
          {p.description && (
            <>
              <dt>{label('description')}</dt>
              <dd className="app-prewrap">{p.description}</dd>
            </>
          )}
        </dl>
      </Section>

      <Section id="tuteurs" title="Tuteurs">
        {tutors.length === 0 ? (
          <p>
            Aucun tuteur désigné sur ce poste. <Link to={hostsPaths.editPost(p.id)}>Désignez un tuteur</Link> de la structure.
          </p>
        ) : (
          <DataTable
            caption="Tuteurs du poste"
            columns={tutorIdentityColumns}
            data={tutors}
            getRowId={(t) => t.id}
            csvFileName="tuteurs-du-poste.csv"
            initialSort={{ id: 'name' }}
            height="auto"
            maxHeight="16rem"
            onRowActivate={(t) => void navigate(hostsPaths.editTutor(o.id, t.id))}
          />
        )}
      </Section>

      <Section id="mises-en-situation" title="Mises en situation sur ce poste">
        {placements.length === 0 ? (
          <p>Personne n’a encore été placé sur ce poste.</p>
        ) : (
          <DataTable
            caption="Mises en situation sur ce poste"
            columns={columns}
            data={placements}
            getRowId={(pl) => pl.id}
            csvFileName="mises-en-situation-poste.csv"
            initialSort={{ id: 'startDate', desc: true }}
            height="auto"
            maxHeight="22rem"
            onRowActivate={(pl) => void navigate(personPath(pl.personId, pl.measureId))}
          />
        )}
      </Section>

      <RecordHistory entity="post" recordId={p.id} />
    </Page>
  );
}
