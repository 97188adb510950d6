import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate } from 'react-router';
import { listProgrammeRows, type ProgrammeRow } from '../../../shared/repos/workshopViews.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { milieuLabels, programmeKindLabels, workDomainLabels } from '../../../shared/schemas/programme.ts';
import { useRepo } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { workshopsPaths } from './paths.ts';
import { WorkshopsTabs } from './WorkshopsTabs.tsx';

const label = (field: string) => labelOf('programme', field);

const columns: DataColumn<ProgrammeRow>[] = [
  { id: 'kind', header: 'Type', accessor: (p) => programmeKindLabels[p.kind], filter: 'select', width: '14rem' },
  { id: 'title', header: 'Intitulé', accessor: (p) => p.title, filter: 'text' },
  { id: 'partner', header: label('partnerId'), accessor: (p) => p.partnerName ?? '', filter: 'select' },
  { id: 'domain', header: 'Domaine', accessor: (p) => workDomainLabels[p.domain], filter: 'select' },
  { id: 'milieu', header: label('milieu'), accessor: (p) => milieuLabels[p.milieu], filter: 'select', width: '9rem' },
  { id: 'places', header: label('places'), accessor: (p) => p.places, align: 'right', width: '6rem' },
  { id: 'sessions', header: 'Séances', accessor: (p) => p.sessionCount, align: 'right', width: '7rem' },
];

/** `/ateliers`: the programmes of the site (workshops, training, TIG pédagogique, insertion modules). */
export function ProgrammesPage() {
  const ctx = useRepo();
  const navigate = useNavigate();
  const rows = useLiveQuery(() => listProgrammeRows(ctx), [ctx]);
  const create = (
    <Button iconId="fr-icon-add-line" linkProps={{ to: workshopsPaths.newProgramme }}>
      Nouveau programme
    </Button>
  );
  return (
    <Page title="Ateliers et formations" actions={create}>
      <FlashMessage />
      <WorkshopsTabs selected="programmes">
        {rows === undefined ? (
          <Loading />
        ) : (
          <DataTable
            caption="Programmes"
            rememberAs="programmes"
            columns={columns}
            data={rows}
            getRowId={(p) => p.id}
            csvFileName="programmes.csv"
            onRowActivate={(p) => void navigate(workshopsPaths.programme(p.id))}
            initialSort={{ id: 'title' }}
            height="60vh"
            emptyMessage="Aucun programme pour l’instant : créez un atelier, une formation ou un module de TIG pédagogique, puis ses séances."
            emptyAction={
              <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: workshopsPaths.newProgramme }}>
                Créer le premier programme
              </Button>
            }
          />
        )}
      </WorkshopsTabs>
    </Page>
  );
}
