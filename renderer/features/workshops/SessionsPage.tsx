import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate } from 'react-router';
import { listSessionRows } from '../../../shared/repos/workshopViews.ts';
import { useRepo } from '../../app/index.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { workshopsPaths } from './paths.ts';
import { allSessionColumns } from './sessionColumns.tsx';
import { WorkshopsTabs } from './WorkshopsTabs.tsx';

/** `/ateliers/seances`: every session of every programme, latest first. */
export function SessionsPage() {
  const ctx = useRepo();
  const navigate = useNavigate();
  const rows = useLiveQuery(() => listSessionRows(ctx), [ctx]);
  return (
    <Page title="Ateliers et formations">
      <FlashMessage />
      <WorkshopsTabs selected="seances">
        {rows === undefined ? (
          <Loading />
        ) : (
          <DataTable
            caption="Séances"
            rememberAs="seances"
            columns={allSessionColumns}
            data={rows}
            getRowId={(s) => s.id}
            csvFileName="seances.csv"
            onRowActivate={(s) => void navigate(workshopsPaths.session(s.id))}
            initialSort={{ id: 'start', desc: true }}
            height="60vh"
            emptyMessage="Aucune séance pour l’instant : ouvrez un programme et ajoutez-lui une séance."
          />
        )}
      </WorkshopsTabs>
    </Page>
  );
}
