import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { habilitationStatusLabels } from '../../../shared/rules/habilitation.ts';
import { listOrganisations, type OrganisationRow } from '../../../shared/repos/organisations.ts';
import { organisationKindLabels } from '../../../shared/schemas/organisation.ts';
import { useRepo } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { Page } from '../../ui/Page.tsx';
import { importPaths } from '../imports/index.ts';
import { HabilitationBadge, habilitationText } from './HabilitationBadge.tsx';
import { HostsTabs } from './HostsTabs.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { hostsPaths } from './paths.ts';
import { useAgreementOptions, type AgreementOption } from './useAgreements.ts';

const columns: DataColumn<OrganisationRow>[] = [
  { id: 'name', header: 'Nom', accessor: (o) => o.name, filter: 'text', width: '25%' },
  { id: 'kind', header: 'Type', accessor: (o) => organisationKindLabels[o.kind], filter: 'select', width: '16%' },
  { id: 'commune', header: 'Commune', accessor: (o) => o.communeName, filter: 'select', width: '13%' },
  { id: 'departement', header: 'Département', accessor: (o) => departementLabel(o.departement), filter: 'select', width: '16%' },
  {
    id: 'habilitation',
    header: 'Habilitation',
    accessor: (o) => habilitationStatusLabels[o.habilitation.status],
    cell: (o) => <HabilitationBadge state={o.habilitation} />,
    csv: (o) => habilitationText(o.habilitation),
    filter: 'select',
    width: '16%',
  },
  { id: 'posts', header: 'Postes', accessor: (o) => o.postCount, align: 'right', width: '7%' },
  { id: 'activePosts', header: 'Actifs', accessor: (o) => o.activePostCount, align: 'right', width: '7%' },
];

/** The agreement column, once the site knows of agreements (national or local). */
function withAgreements(agreements: readonly AgreementOption[]): DataColumn<OrganisationRow>[] {
  const labels = new Map(agreements.map((a) => [a.id, a.label]));
  const agreement: DataColumn<OrganisationRow> = {
    id: 'agreement',
    header: 'Accord de rattachement',
    accessor: (o) => (o.agreementId ? (labels.get(o.agreementId) ?? 'Accord supprimé') : ''),
    filter: 'select',
    width: '14%',
  };
  return [
    { ...columns[0]!, width: '21%' },
    { ...columns[1]!, width: '12%' },
    { ...columns[2]!, width: '11%' },
    { ...columns[3]!, width: '12%' },
    columns[4]!,
    agreement,
    ...columns.slice(5),
  ];
}

export function OrganisationsPage() {
  const ctx = useRepo();
  const navigate = useNavigate();
  const rows = useLiveQuery(() => listOrganisations(ctx), [ctx]);
  const agreements = useAgreementOptions();
  const shown = useMemo(() => (agreements && agreements.length > 0 ? withAgreements(agreements) : columns), [agreements]);
  const create = () => void navigate(hostsPaths.newOrganisation);
  return (
    <Page
      title="Structures et postes TIG"
      actions={
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button iconId="fr-icon-add-line" linkProps={{ to: hostsPaths.newOrganisation }}>
              Ajouter une structure
            </Button>
          </li>
          <li>
            <Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ to: importPaths.hosts }}>
              Importer un fichier CSV
            </Button>
          </li>
        </ul>
      }
    >
      <HostsTabs selected="structures">
        {rows === undefined ? (
          <Loading />
        ) : (
          <DataTable
            caption="Structures d’accueil"
            rememberAs="structures"
            columns={shown}
            data={rows}
            getRowId={(o) => o.id}
            csvFileName="structures-accueil.csv"
            initialSort={{ id: 'name' }}
            onRowActivate={(o) => void navigate(hostsPaths.organisation(o.id))}
            emptyMessage="Aucune structure d’accueil enregistrée. Ajoutez la première structure, ou importez la liste que votre service tient déjà dans un tableur."
            emptyAction={
              <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
                <li>
                  <Button iconId="fr-icon-add-line" onClick={create}>
                    Ajouter une structure
                  </Button>
                </li>
                <li>
                  <Button priority="secondary" iconId="fr-icon-upload-line" linkProps={{ to: importPaths.hosts }}>
                    Importer un fichier CSV
                  </Button>
                </li>
              </ul>
            }
          />
        )}
      </HostsTabs>
    </Page>
  );
}
