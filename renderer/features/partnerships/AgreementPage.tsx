import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { agreementHosts, getAgreement, removeAgreement } from '../../../shared/repos/agreements.ts';
import { isHeadquarters } from '../../../shared/repos/ownership.ts';
import { getPartner } from '../../../shared/repos/partners.ts';
import { agreementKindGenders, agreementKindLabels, type Agreement } from '../../../shared/schemas/agreement.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { organisationKindLabels } from '../../../shared/schemas/organisation.ts';
import { useIdentity, useRepo, useRecord, useToday } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { flash, FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { SimpleTable } from '../../ui/SimpleTable.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RecordHistory } from '../history/index.ts';
import { organisationPath, partnershipsPaths } from './paths.ts';
import { ReferenceBadge, useEditable } from './ReferenceBadge.tsx';
import { isInForce, scopeText, validityText } from './rows.ts';
import { agree } from '../../../shared/format/agreement.ts';
import { Section } from '../../ui/Section.tsx';

const label = (field: string) => labelOf('agreement', field);

/** `partenariats/accords/:agreementId`: the agreement, its commitments and the local hosts that name it. */
export function AgreementPage() {
  const { agreementId = '' } = useParams();
  const agreement = useRecord(getAgreement, agreementId);
  if (agreement === undefined) return <Loading />;
  if (agreement === null) return <NotFound title="Accord introuvable" back={partnershipsPaths.agreements} backLabel="Retour aux accords et conventions" />;
  return <AgreementView key={agreement.id} agreement={agreement} />;
}

function AgreementView({ agreement: a }: { agreement: Agreement }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const hq = isHeadquarters(useIdentity());
  const editable = useEditable(a);
  const { failure, run } = useAction();
  const partner = useLiveQuery(() => getPartner(ctx, a.partnerId), [ctx, a.partnerId]);
  const hosts = useLiveQuery(() => agreementHosts(ctx, a.id), [ctx, a.id]);
  const partnerName = partner?.name ?? 'Partenaire inconnu';
  const title = `${agreementKindLabels[a.kind]} – ${partnerName}`;
  const inForce = isInForce(a, useToday());

  return (
    <Page
      title={title}
      actions={
        editable && (
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
            <li>
              <Button iconId="fr-icon-edit-line" linkProps={{ to: partnershipsPaths.editAgreement(a.id) }}>
                Modifier
              </Button>
            </li>
            <li>
              <ConfirmButton
                title="Supprimer cet accord ?"
                confirmLabel="Supprimer l’accord"
                onConfirm={() =>
                  run(() => removeAgreement(ctx, a.id), {
                    done: () =>
                      void navigate(
                        partnershipsPaths.agreements,
                        flash(`${agreementKindLabels[a.kind]} avec « ${partnerName} » ${agree('supprimé', agreementKindGenders[a.kind])}.`),
                      ),
                  })
                }
                description={
                  <p>
                    La suppression est définitive. Un accord auquel des structures d’accueil se rattachent ne peut pas être supprimé : retirez d’abord ce
                    rattachement sur la fiche de chaque structure.
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
        <Link to={partnershipsPaths.agreements}>Tous les accords et conventions</Link>
      </p>
      <FlashMessage />
      {!editable && <ReferenceBadge />}
      {failure && <Alert className="fr-mb-3w" severity="error" title="Suppression refusée" description={failure} role="alert" />}

      <Section
        id="accord-identite"
        title={
          <>
            L’accord{' '}
            <Badge small noIcon severity={inForce ? 'success' : undefined}>
              {inForce ? 'En vigueur' : 'Hors période de validité'}
            </Badge>
          </>
        }
      >
        <dl className="app-definitions">
          <dt>{label('partnerId')}</dt>
          <dd>{partner ? <Link to={partnershipsPaths.partner(partner.id)}>{partner.name}</Link> : partnerName}</dd>
          {a.title && (
            <>
              <dt>{label('title')}</dt>
              <dd>{a.title}</dd>
            </>
          )}
          <dt>{label('signedOn')}</dt>
          <dd>{formatDate(a.signedOn)}</dd>
          <dt>Validité</dt>
          <dd>{validityText(a)}</dd>
          <dt>{label('scope')}</dt>
          <dd>{scopeText(a)}</dd>
        </dl>
      </Section>

      <Section id="accord-engagements" title={label('commitments')}>
        {a.commitments ? <p className="app-prewrap">{a.commitments}</p> : <p>Aucun engagement saisi.</p>}
      </Section>

      <Section id="accord-structures" title="Structures d’accueil rattachées">
        {hosts === undefined ? (
          <Loading />
        ) : hosts.length === 0 ? (
          <p>
            {hq
              ? 'Les structures d’accueil se rattachent à l’accord sur les sites ; le siège en voit l’effet dans le bilan annuel (postes, mises en situation et heures par partenaire).'
              : 'Aucune structure d’accueil ne se rattache à cet accord. Le rattachement se fait sur la fiche de la structure (Structures et postes TIG).'}
          </p>
        ) : (
          <SimpleTable caption="Structures d’accueil rattachées à l’accord" headers={['Structure', 'Type', 'Commune', 'Département']}>
            {hosts.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={organisationPath(o.id)}>{o.name}</Link>
                </td>
                <td>{organisationKindLabels[o.kind]}</td>
                <td>{o.communeName}</td>
                <td>{departementLabel(o.departement)}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Section>

      <RecordHistory entity="agreement" recordId={a.id} />
    </Page>
  );
}
