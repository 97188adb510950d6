import { Button } from '@codegouvfr/react-dsfr/Button';
import { useNavigate } from 'react-router';
import { agreementKindLabels } from '../../../shared/schemas/agreement.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { NationalAgreementsNote } from './NationalAgreementsNote.tsx';
import { PartnershipsTabs } from './PartnershipsTabs.tsx';
import { partnershipsPaths } from './paths.ts';
import { listHeight, scopeText, validityText, type AgreementRow } from './rows.ts';
import { usePartnershipRows } from './usePartnershipRows.ts';

const columns: DataColumn<AgreementRow>[] = [
  { id: 'partner', header: 'Partenaire', accessor: (r) => r.partnerName, filter: 'select', width: '20%' },
  { id: 'kind', header: 'Type', accessor: (r) => agreementKindLabels[r.agreement.kind], filter: 'select', width: '15%' },
  { id: 'title', header: 'Intitulé', accessor: (r) => r.agreement.title, width: '20%' },
  { id: 'signedOn', header: 'Signé le', accessor: (r) => r.agreement.signedOn, filter: 'date', width: '10%' },
  { id: 'validity', header: 'Validité', accessor: (r) => validityText(r.agreement), width: '15%' },
  { id: 'inForce', header: 'En vigueur', accessor: (r) => r.inForce, filter: 'boolean', width: '8%' },
  { id: 'scope', header: 'Champ', accessor: (r) => scopeText(r.agreement), width: '14%' },
  { id: 'hosts', header: 'Structures rattachées', accessor: (r) => r.hosts, align: 'right', width: '10%' },
];

/** `/partenariats/accords`: framework agreements, objectives conventions and local conventions. */
export function AgreementsPage() {
  const navigate = useNavigate();
  const rows = usePartnershipRows();
  const canCreate = (rows?.partners.length ?? 0) > 0;
  const add = (
    <Button iconId="fr-icon-add-line" linkProps={{ to: partnershipsPaths.newAgreement() }}>
      Ajouter une convention
    </Button>
  );
  return (
    <Page title="Partenariats" actions={canCreate ? add : undefined}>
      <PartnershipsTabs selected="accords">
        <FlashMessage />
        <NationalAgreementsNote />
        {rows === undefined ? (
          <Loading />
        ) : (
          <DataTable
            caption="Accords et conventions"
            rememberAs="accords"
            columns={columns}
            data={rows.agreements}
            getRowId={(r) => r.agreement.id}
            csvFileName="accords-conventions.csv"
            initialSort={{ id: 'signedOn', desc: true }}
            onRowActivate={(r) => void navigate(partnershipsPaths.agreement(r.agreement.id))}
            height={listHeight(rows.agreements.length)}
            emptyMessage={
              canCreate
                ? 'Aucun accord ni convention. Enregistrez la première convention signée avec un partenaire.'
                : 'Aucun accord ni convention. Une convention se signe avec un partenaire : ajoutez d’abord le partenaire.'
            }
            emptyAction={
              canCreate ? (
                add
              ) : (
                <Button iconId="fr-icon-add-line" onClick={() => void navigate(partnershipsPaths.newPartner)}>
                  Ajouter un partenaire
                </Button>
              )
            }
          />
        )}
      </PartnershipsTabs>
    </Page>
  );
}
