import { useLiveQuery } from 'dexie-react-hooks';
import { formatDate } from '../../../shared/format/fr.ts';
import { dashboard } from '../../../shared/repos/dashboard.ts';
import { useRepo } from '../../app/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ActionLists } from './ActionLists.tsx';
import { Charts } from './Charts.tsx';

/** `/`: what needs action today, then the activity in three charts. */
export function DashboardPage() {
  const ctx = useRepo();
  const data = useLiveQuery(() => dashboard(ctx), [ctx]);
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
