import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { counted } from '../../../shared/format/agreement.ts';
import { formatDate } from '../../../shared/format/fr.ts';
import { openOfficeCheckCount } from '../../../shared/office/checks.ts';
import { openOfficeConflictCount } from '../../../shared/office/review.ts';
import { dashboard } from '../../../shared/repos/dashboard.ts';
import { useRepo } from '../../app/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { officePath } from '../office/index.ts';
import { ActionLists } from './ActionLists.tsx';
import { Charts } from './Charts.tsx';

/** `/`: what needs action today, then the activity in three charts. */
export function DashboardPage() {
  const ctx = useRepo();
  const data = useLiveQuery(() => dashboard(ctx), [ctx]);
  const office = useLiveQuery(async () => ({ conflicts: await openOfficeConflictCount(ctx), checks: await openOfficeCheckCount(ctx) }), [ctx]);
  return (
    <Page title="Tableau de bord">
      {data === undefined ? (
        <Loading what="Calcul du tableau de bord" />
      ) : (
        <>
          <p>Situation au {formatDate(data.on)}.</p>
          {isEmpty(data) && (
            <div className="fr-mb-4w">
              <EmptyState title="Aucune activité à afficher pour l’instant">
                Enregistrez les structures d’accueil et leurs postes (menu « Structures et postes TIG », ou importez vos listes en CSV), puis les personnes
                suivies et leurs mesures : le tableau de bord montrera alors les échéances, les habilitations à renouveler et les heures réalisées.
              </EmptyState>
            </div>
          )}
          <h2 className="fr-h4">À traiter</h2>
          {office && office.conflicts + office.checks > 0 && (
            <p className="fr-mb-3w" data-testid="office-review">
              Entre les postes du bureau : {counted(office.conflicts, 'conflit')} et {counted(office.checks, 'point')} à vérifier.{' '}
              <Link to={officePath}>Les revoir</Link>
            </p>
          )}
          <ActionLists data={data} />
          <h2 className="fr-h4 fr-mt-5w">Activité</h2>
          <Charts data={data} />
        </>
      )}
    </Page>
  );
}

function isEmpty(data: NonNullable<Awaited<ReturnType<typeof dashboard>>>): boolean {
  return Object.values(data.measuresByStatus).every((n) => n === 0) && Object.values(data.postsByDomain).every((n) => n === 0);
}
