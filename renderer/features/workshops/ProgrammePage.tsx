import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate, useParams } from 'react-router';
import { removeProgramme } from '../../../shared/repos/programmes.ts';
import { listSessionRows, programmeView } from '../../../shared/repos/workshopViews.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { milieuLabels, programmeKindLabels, workDomainLabels } from '../../../shared/schemas/programme.ts';
import { useIdentity, useRepo, useRecord } from '../../app/index.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { flash, FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RecordHistory } from '../history/index.ts';
import { ConfirmButton } from './ConfirmDialog.tsx';
import { workshopsPaths } from './paths.ts';
import { programmeSessionColumns } from './sessionColumns.tsx';
import { WorkshopFigures } from './WorkshopFigures.tsx';

const label = (field: string) => labelOf('programme', field);

/** `/ateliers/programmes/:programmeId`: what the programme is, its sessions, and a workshop's monthly figures. */
export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const ctx = useRepo();
  const identity = useIdentity();
  const navigate = useNavigate();
  const view = useRecord(programmeView, programmeId);
  const sessions = useLiveQuery(() => listSessionRows(ctx, { programmeId }), [ctx, programmeId]);
  const { failure, run } = useAction();
  if (view === undefined) return <Loading />;
  if (view === null) return <NotFound title="Programme introuvable" back={workshopsPaths.programmes} backLabel="Retour aux programmes" />;
  const { programme, partner } = view;
  const own = programme.siteId === identity.siteId || identity.kind === 'atigip';
  const remove = () =>
    run(() => removeProgramme(ctx, programme.id), {
      done: () => void navigate(workshopsPaths.programmes, flash(`Programme « ${programme.title} » supprimé.`)),
    });

  const actions = own ? (
    <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
      <li>
        <Button iconId="fr-icon-add-line" linkProps={{ to: workshopsPaths.newSession(programme.id) }}>
          Nouvelle séance
        </Button>
      </li>
      <li>
        <Button priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: workshopsPaths.editProgramme(programme.id) }}>
          Modifier
        </Button>
      </li>
      <li>
        <ConfirmButton
          title={`Supprimer « ${programme.title} » ?`}
          confirmLabel="Supprimer le programme"
          onConfirm={remove}
          description={
            <p>La suppression est définitive. Un programme qui a des séances ou des relevés mensuels ne peut pas être supprimé : supprimez-les d’abord.</p>
          }
        >
          Supprimer
        </ConfirmButton>
      </li>
    </ul>
  ) : undefined;

  return (
    <Page title={programme.title} actions={actions}>
      <FlashMessage />
      {failure && <Alert className="fr-mb-3w" severity="error" title="Opération refusée" description={failure} />}
      {!own && <Alert className="fr-mb-3w" severity="info" small description="Programme reçu d’un autre site : en lecture seule ici." />}
      <div className="fr-mb-2w">
        <Badge severity="info" noIcon>
          {programmeKindLabels[programme.kind]}
        </Badge>
      </div>
      <dl className="app-definitions fr-mb-4w">
        <dt>{label('domain')}</dt>
        <dd>{workDomainLabels[programme.domain]}</dd>
        <dt>{label('milieu')}</dt>
        <dd>{milieuLabels[programme.milieu]}</dd>
        <dt>{label('partnerId')}</dt>
        <dd>{partner?.name ?? 'Aucun'}</dd>
        <dt>{label('places')}</dt>
        <dd>{programme.places}</dd>
        {programme.description && (
          <>
            <dt>{label('description')}</dt>
            <dd className="app-pre-line">{programme.description}</dd>
          </>
        )}
      </dl>
      {programme.kind === 'atelier_production' && <WorkshopFigures programme={programme} editable={own} />}
      <section className="fr-mb-6w" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="fr-h4">
          Séances
        </h2>
        {sessions === undefined ? (
          <Loading />
        ) : (
          <DataTable
            caption={`Séances de ${programme.title}`}
            columns={programmeSessionColumns}
            data={sessions}
            getRowId={(s) => s.id}
            csvFileName="seances.csv"
            onRowActivate={(s) => void navigate(workshopsPaths.session(s.id))}
            initialSort={{ id: 'start', desc: true }}
            height="40vh"
            emptyMessage={
              programme.kind === 'atelier_production'
                ? 'Aucune séance : un atelier de production se suit surtout par ses relevés mensuels ; ajoutez une séance pour suivre des présences.'
                : 'Aucune séance pour l’instant : ajoutez la première, puis inscrivez-y des participants.'
            }
            emptyAction={
              own ? (
                <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: workshopsPaths.newSession(programme.id) }}>
                  Ajouter une séance
                </Button>
              ) : undefined
            }
          />
        )}
      </section>
      <RecordHistory entity="programme" recordId={programme.id} />
    </Page>
  );
}
