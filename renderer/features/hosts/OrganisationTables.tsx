import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { removeHabilitation } from '../../../shared/repos/habilitations.ts';
import { removeTutor, tutorName } from '../../../shared/repos/tutors.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { habilitationState, habilitationStatusLabels, type HabilitationState } from '../../../shared/rules/habilitation.ts';
import type { Habilitation } from '../../../shared/schemas/habilitation.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import type { OrganisationKind } from '../../../shared/schemas/organisation.ts';
import { activityDomainLabels, type Post } from '../../../shared/schemas/post.ts';
import type { Tutor } from '../../../shared/schemas/tutor.ts';
import { useRepo } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import type { ActionOutcome } from '../../ui/useAction.ts';
import { HabilitationBadge, habilitationText } from './HabilitationBadge.tsx';
import { hostsPaths } from './paths.ts';

type Run = (action: () => Promise<unknown>, outcome?: ActionOutcome) => void;

function RowActions({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="app-cell-actions" role="group" aria-label={label}>
      {children}
    </div>
  );
}

interface HabilitationRow extends Habilitation {
  state: HabilitationState;
}

/** The organisation's habilitations, latest first; a row opens its form. */
export function HabilitationsTable({
  organisationId,
  kind,
  habilitations,
  today,
  run,
}: {
  organisationId: string;
  kind: OrganisationKind;
  habilitations: readonly Habilitation[];
  today: string;
  run: Run;
}) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const rows = useMemo(() => habilitations.map((h): HabilitationRow => ({ ...h, state: habilitationState(kind, [h], today) })), [habilitations, kind, today]);
  const columns = useMemo(() => habilitationColumns(ctx, organisationId, run), [ctx, organisationId, run]);
  return (
    <DataTable
      caption="Habilitations de la structure"
      columns={columns}
      data={rows}
      getRowId={(h) => h.id}
      csvFileName="habilitations.csv"
      initialSort={{ id: 'validFrom', desc: true }}
      height="auto"
      maxHeight="16rem"
      onRowActivate={(h) => void navigate(hostsPaths.editHabilitation(organisationId, h.id))}
    />
  );
}

function habilitationColumns(ctx: RepoContext, organisationId: string, run: Run): DataColumn<HabilitationRow>[] {
  const label = (field: string) => labelOf('habilitation', field);
  return [
    { id: 'decisionDate', header: label('decisionDate'), accessor: (h) => h.decisionDate },
    { id: 'validFrom', header: label('validFrom'), accessor: (h) => h.validFrom },
    { id: 'validUntil', header: label('validUntil'), accessor: (h) => h.validUntil, cell: (h) => (h.validUntil ? formatDate(h.validUntil) : 'Sans fin') },
    { id: 'withdrawnOn', header: label('withdrawnOn'), accessor: (h) => h.withdrawnOn },
    {
      id: 'state',
      header: 'État',
      accessor: (h) => habilitationStatusLabels[h.state.status],
      cell: (h) => <HabilitationBadge state={h.state} />,
      csv: (h) => habilitationText(h.state),
      filter: 'select',
    },
    {
      id: 'actions',
      header: 'Actions',
      accessor: () => '',
      csv: false,
      // Measured rows: at a large text size the two buttons take two lines rather than hide the second.
      wrap: true,
      width: '16rem',
      cell: (h) => (
        <RowActions label={`Actions sur l’habilitation du ${formatDate(h.validFrom)}`}>
          <Button size="small" priority="tertiary no outline" linkProps={{ to: hostsPaths.editHabilitation(organisationId, h.id) }}>
            Modifier
          </Button>
          <ConfirmButton
            size="small"
            priority="tertiary no outline"
            title={`Supprimer l’habilitation du ${formatDate(h.validFrom)} ?`}
            confirmLabel="Supprimer l’habilitation"
            onConfirm={() => run(() => removeHabilitation(ctx, h.id), { success: `Habilitation du ${formatDate(h.validFrom)} supprimée.` })}
            description={
              <p>
                À réserver à une habilitation saisie par erreur : pour une habilitation retirée par l’autorité, indiquez plutôt la date de retrait (Modifier).
                Les mises en situation déjà commencées ne changent pas.
              </p>
            }
          >
            Supprimer
          </ConfirmButton>
        </RowActions>
      ),
    },
  ];
}

interface TutorRow extends Tutor {
  name: string;
  postTitles: string;
}

const trainingText = (t: Tutor) => (t.trained ? `Formé(e)${t.trainedOn ? ` le ${formatDate(t.trainedOn)}` : ''}` : 'Non formé(e)');

/** Who a tutor is, how to reach them and whether they were trained: how every tutors table begins. */
export const tutorIdentityColumns: DataColumn<Tutor>[] = [
  { id: 'name', header: 'Nom', accessor: (t) => tutorName(t), wrap: true },
  { id: 'role', header: labelOf('tutor', 'role'), accessor: (t) => t.role, wrap: true },
  { id: 'phone', header: labelOf('tutor', 'phone'), accessor: (t) => t.phone, width: '9rem' },
  { id: 'email', header: labelOf('tutor', 'email'), accessor: (t) => t.email, wrap: true },
  { id: 'trained', header: 'Formé(e)', accessor: (t) => t.trained, cell: trainingText, csv: trainingText, filter: 'boolean', width: '9rem' },
];

/** The organisation's tutors with the posts they supervise; a row opens the tutor's form. */
export function TutorsTable({ organisationId, tutors, posts, run }: { organisationId: string; tutors: readonly Tutor[]; posts: readonly Post[]; run: Run }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const rows = useMemo(
    () =>
      tutors.map((t): TutorRow => ({
        ...t,
        name: tutorName(t),
        postTitles: posts
          .filter((p) => p.tutorIds.includes(t.id))
          .map((p) => p.title)
          .join(', '),
      })),
    [tutors, posts],
  );
  const columns = useMemo(() => tutorColumns(ctx, organisationId, run), [ctx, organisationId, run]);
  return (
    <DataTable
      caption="Tuteurs de la structure"
      columns={columns}
      data={rows}
      getRowId={(t) => t.id}
      csvFileName="tuteurs.csv"
      initialSort={{ id: 'name' }}
      height="auto"
      maxHeight="22rem"
      onRowActivate={(t) => void navigate(hostsPaths.editTutor(organisationId, t.id))}
    />
  );
}

function tutorColumns(ctx: RepoContext, organisationId: string, run: Run): DataColumn<TutorRow>[] {
  return [
    ...tutorIdentityColumns,
    { id: 'posts', header: 'Postes', accessor: (t) => t.postTitles || 'Aucun', wrap: true },
    {
      id: 'actions',
      header: 'Actions',
      accessor: () => '',
      csv: false,
      // Measured rows: at a large text size the two buttons take two lines rather than hide the second.
      wrap: true,
      width: '16rem',
      cell: (t) => (
        <RowActions label={`Actions sur le tuteur ${t.name}`}>
          <Button size="small" priority="tertiary no outline" linkProps={{ to: hostsPaths.editTutor(organisationId, t.id) }}>
            Modifier
          </Button>
          <ConfirmButton
            size="small"
            priority="tertiary no outline"
            title={`Supprimer ${t.name} ?`}
            confirmLabel="Supprimer le tuteur"
            onConfirm={() => run(() => removeTutor(ctx, t.id), { success: `Fiche du tuteur ${t.name} supprimée.` })}
            description={<p>Un tuteur désigné sur un poste ne peut pas être supprimé : retirez-le d’abord du poste.</p>}
          >
            Supprimer
          </ConfirmButton>
        </RowActions>
      ),
    },
  ];
}

interface PostRow extends Post {
  tutorNames: string;
}

const postColumns: DataColumn<PostRow>[] = [
  { id: 'title', header: 'Intitulé', accessor: (p) => p.title, width: '26%' },
  { id: 'domain', header: labelOf('post', 'domain'), accessor: (p) => activityDomainLabels[p.domain], filter: 'select' },
  { id: 'commune', header: labelOf('post', 'communeName'), accessor: (p) => p.communeName, filter: 'select' },
  { id: 'capacity', header: 'Capacité', accessor: (p) => p.capacity, align: 'right', width: '7rem' },
  { id: 'tutors', header: 'Tuteurs', accessor: (p) => p.tutorNames },
  {
    id: 'active',
    header: 'Actif',
    accessor: (p) => p.active,
    cell: (p) => (
      <Badge as="span" small severity={p.active ? 'success' : 'info'} noIcon>
        {p.active ? 'Actif' : 'Inactif'}
      </Badge>
    ),
    filter: 'boolean',
    width: '7rem',
  },
];

/** The organisation's posts; a row opens the post. */
export function PostsTable({ posts, tutors }: { posts: readonly Post[]; tutors: readonly Tutor[] }) {
  const navigate = useNavigate();
  const rows = useMemo(() => {
    const names = new Map(tutors.map((t) => [t.id, tutorName(t)]));
    return posts.map((p): PostRow => ({ ...p, tutorNames: p.tutorIds.flatMap((id) => names.get(id) ?? []).join(', ') }));
  }, [posts, tutors]);
  return (
    <DataTable
      caption="Postes de la structure"
      columns={postColumns}
      data={rows}
      getRowId={(p) => p.id}
      csvFileName="postes-structure.csv"
      initialSort={{ id: 'title' }}
      height="auto"
      maxHeight="22rem"
      onRowActivate={(p) => void navigate(hostsPaths.post(p.id))}
    />
  );
}
