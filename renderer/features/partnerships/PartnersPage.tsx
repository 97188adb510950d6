import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useNavigate } from 'react-router';
import { isHeadquarters } from '../../../shared/repos/ownership.ts';
import { partnerKindLabels, partnerScopeLabels } from '../../../shared/schemas/partner.ts';
import { useIdentity } from '../../app/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { NationalAgreementsNote } from './NationalAgreementsNote.tsx';
import { PartnershipsTabs } from './PartnershipsTabs.tsx';
import { partnershipsPaths } from './paths.ts';
import { listHeight, type PartnerRow } from './rows.ts';
import { usePartnershipRows } from './usePartnershipRows.ts';

const columns: DataColumn<PartnerRow>[] = [
  { id: 'name', header: 'Nom', accessor: (r) => r.partner.name, filter: 'text', width: '38%' },
  { id: 'kind', header: 'Type', accessor: (r) => partnerKindLabels[r.partner.kind], filter: 'select', width: '16%' },
  {
    id: 'scope',
    header: 'Portée',
    accessor: (r) => partnerScopeLabels[r.partner.scope],
    cell: (r) => (
      <Badge small noIcon severity={r.partner.scope === 'national' ? 'new' : undefined}>
        {partnerScopeLabels[r.partner.scope]}
      </Badge>
    ),
    filter: 'select',
    width: '14%',
  },
  { id: 'agreements', header: 'Accords et conventions', accessor: (r) => r.agreements, align: 'right', width: '16%' },
  { id: 'editable', header: 'Modifiable ici', accessor: (r) => r.editable, filter: 'boolean', width: '16%' },
];

/** `/partenariats`: national partners (reference data from headquarters) and the site's local ones. */
export function PartnersPage() {
  const navigate = useNavigate();
  const hq = isHeadquarters(useIdentity());
  const rows = usePartnershipRows();
  const addLabel = hq ? 'Ajouter un partenaire' : 'Ajouter un partenaire local';
  return (
    <Page
      title="Partenariats"
      actions={
        <Button iconId="fr-icon-add-line" linkProps={{ to: partnershipsPaths.newPartner }}>
          {addLabel}
        </Button>
      }
    >
      <PartnershipsTabs selected="partenaires">
        <FlashMessage />
        <p className="fr-text--sm">
          {hq
            ? 'Le siège tient la liste nationale des partenaires et l’envoie aux sites comme donnée de référence.'
            : 'Les partenaires nationaux viennent du siège (ATIGIP) et ne se modifient pas ici ; vos partenaires locaux sont les vôtres.'}
        </p>
        <NationalAgreementsNote />
        {rows === undefined ? (
          <Loading />
        ) : (
          <DataTable
            caption="Partenaires"
            rememberAs="partenaires"
            columns={columns}
            data={rows.partners}
            getRowId={(r) => r.partner.id}
            csvFileName="partenaires.csv"
            onRowActivate={(r) => void navigate(partnershipsPaths.partner(r.partner.id))}
            height={listHeight(rows.partners.length)}
            emptyMessage={
              hq
                ? 'Aucun partenaire enregistré. Ajoutez les partenaires nationaux ; ils partiront vers les sites avec la prochaine publication des données de référence.'
                : 'Aucun partenaire pour l’instant. Les partenaires nationaux arrivent avec les données de référence du siège ; ajoutez ici vos partenaires locaux.'
            }
            emptyAction={
              <Button iconId="fr-icon-add-line" onClick={() => void navigate(partnershipsPaths.newPartner)}>
                {addLabel}
              </Button>
            }
          />
        )}
      </PartnershipsTabs>
    </Page>
  );
}
