import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { listAgreements } from '../../../shared/repos/agreements.ts';
import { getPartner, removePartner } from '../../../shared/repos/partners.ts';
import { agreementKindLabels } from '../../../shared/schemas/agreement.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { partnerKindLabels, partnerScopeLabels, type Partner } from '../../../shared/schemas/partner.ts';
import { useRepo, useRecord } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { flash, FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { SimpleTable } from '../../ui/SimpleTable.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RecordHistory } from '../history/index.ts';
import { partnershipsPaths } from './paths.ts';
import { ReferenceBadge, useEditable } from './ReferenceBadge.tsx';
import { validityText } from './rows.ts';
import { Section } from '../../ui/Section.tsx';

const label = (field: string) => labelOf('partner', field);

/** `partenariats/partenaires/:partnerId`: the partner, its agreements and the history of the record. */
export function PartnerPage() {
  const { partnerId = '' } = useParams();
  const partner = useRecord(getPartner, partnerId);
  if (partner === undefined) return <Loading />;
  if (partner === null) return <NotFound title="Partenaire introuvable" back={partnershipsPaths.partners} backLabel="Retour aux partenaires" />;
  return <PartnerView key={partner.id} partner={partner} />;
}

function PartnerView({ partner: p }: { partner: Partner }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const editable = useEditable(p);
  const { failure, run } = useAction();
  const agreements = useLiveQuery(() => listAgreements(ctx, { partnerId: p.id }), [ctx, p.id]);

  return (
    <Page
      title={p.name}
      actions={
        editable && (
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
            <li>
              <Button iconId="fr-icon-edit-line" linkProps={{ to: partnershipsPaths.editPartner(p.id) }}>
                Modifier
              </Button>
            </li>
            <li>
              <ConfirmButton
                title={`Supprimer « ${p.name} » ?`}
                confirmLabel="Supprimer le partenaire"
                onConfirm={() =>
                  run(() => removePartner(ctx, p.id), { done: () => void navigate(partnershipsPaths.partners, flash(`Partenaire « ${p.name} » supprimé.`)) })
                }
                description={
                  <p>
                    La suppression est définitive. Un partenaire qui a encore des accords, des conventions ou des programmes ne peut pas être supprimé : retirez
                    d’abord ces rattachements.
                  </p>
                }
              >
                Supprimer
              </ConfirmButton>
            </li>
          </ul>
        )
      }
    >
      <p>
        <Link to={partnershipsPaths.partners}>Tous les partenaires</Link>
      </p>
      <FlashMessage />
      {!editable && <ReferenceBadge />}
      {failure && <Alert className="fr-mb-3w" severity="error" title="Suppression refusée" description={failure} role="alert" />}

      <Section id="partenaire-identite" title="Identité">
        <dl className="app-definitions">
          <dt>{label('kind')}</dt>
          <dd>{partnerKindLabels[p.kind]}</dd>
          <dt>{label('scope')}</dt>
          <dd>{partnerScopeLabels[p.scope]}</dd>
          {p.notes && (
            <>
              <dt>{label('notes')}</dt>
              <dd className="app-prewrap">{p.notes}</dd>
            </>
          )}
        </dl>
      </Section>

      <Section
        id="partenaire-accords"
        title="Accords et conventions"
        action={
          <Button size="small" priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: partnershipsPaths.newAgreement(p.id) }}>
            Ajouter une convention avec ce partenaire
          </Button>
        }
      >
        {agreements === undefined ? (
          <Loading />
        ) : agreements.length === 0 ? (
          <p>Aucun accord ni convention avec ce partenaire.</p>
        ) : (
          <SimpleTable caption={`Accords et conventions avec ${p.name}`} headers={['Type', 'Intitulé', 'Signé le', 'Validité']}>
            {agreements.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={partnershipsPaths.agreement(a.id)}>{agreementKindLabels[a.kind]}</Link>
                </td>
                <td>{a.title ?? ''}</td>
                <td>{formatDate(a.signedOn)}</td>
                <td>{validityText(a)}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Section>

      <RecordHistory entity="partner" recordId={p.id} />
    </Page>
  );
}
