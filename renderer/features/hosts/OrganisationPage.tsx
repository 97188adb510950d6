import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { removeOrganisation, type OrganisationDetail, getOrganisation } from '../../../shared/repos/organisations.ts';
import { habilitationState, isHabilitationRequired } from '../../../shared/rules/habilitation.ts';
import { agreementKindLabels } from '../../../shared/schemas/agreement.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { organisationKindLabels } from '../../../shared/schemas/organisation.ts';
import { useRepo, useRecord, useToday } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { flash, FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { Page } from '../../ui/Page.tsx';
import { useAction } from '../../ui/useAction.ts';
import { RecordHistory } from '../history/index.ts';
import { HabilitationBadge, habilitationText } from './HabilitationBadge.tsx';
import { HabilitationsTable, PostsTable, TutorsTable } from './OrganisationTables.tsx';
import { hostsPaths } from './paths.ts';
import { useAgreementOptions } from './useAgreements.ts';
import { Section } from '../../ui/Section.tsx';

/** `structures/:organisationId`: identity, habilitations, tutors, posts and the history of the record. */
export function OrganisationPage() {
  const { organisationId } = useParams();
  const detail = useRecord(getOrganisation, organisationId);
  if (detail === undefined) return <Loading />;
  if (detail === null) return <NotFound title="Structure introuvable" back={hostsPaths.organisations} backLabel="Retour aux structures" />;
  return <OrganisationView detail={detail} />;
}

const label = (field: string) => labelOf('organisation', field);

function OrganisationView({ detail }: { detail: OrganisationDetail }) {
  const ctx = useRepo();
  const navigate = useNavigate();
  const { failure, notice, run } = useAction();
  const agreements = useAgreementOptions();
  const { organisation: o, habilitation, habilitations, tutors, posts } = detail;
  const agreement = agreements?.find((a) => a.id === o.agreementId);
  const today = useToday();
  const required = isHabilitationRequired(o.kind);
  const address = [o.street, [o.postalCode, o.communeName].filter(Boolean).join(' ')].filter(Boolean).join(', ');

  return (
    <Page
      title={o.name}
      actions={
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
          <li>
            <Button iconId="fr-icon-edit-line" linkProps={{ to: hostsPaths.editOrganisation(o.id) }}>
              Modifier
            </Button>
          </li>
          <li>
            <ConfirmButton
              title={`Supprimer « ${o.name} » ?`}
              confirmLabel="Supprimer la structure"
              onConfirm={() =>
                run(() => removeOrganisation(ctx, o.id), { done: () => void navigate(hostsPaths.organisations, flash(`Structure « ${o.name} » supprimée.`)) })
              }
              description={
                <p>
                  La structure, ses habilitations et ses tuteurs seront supprimés définitivement. Une structure qui a encore des postes ne peut pas être
                  supprimée : supprimez ou désactivez d’abord ses postes.
                </p>
              }
            >
              Supprimer
            </ConfirmButton>
          </li>
        </ul>
      }
    >
      <p>
        <Link to={hostsPaths.organisations}>Toutes les structures</Link>
      </p>
      <FlashMessage />
      {failure && <Alert className="fr-mb-3w" severity="error" title="Opération refusée" description={failure} role="alert" />}
      {notice && <Alert className="fr-mb-3w" severity="success" small description={notice} role="status" />}

      <Section id="identite" title="Identité">
        <dl className="app-definitions">
          <dt>{label('kind')}</dt>
          <dd>{organisationKindLabels[o.kind]}</dd>
          <dt>{label('siret')}</dt>
          <dd>{o.siret ?? 'Non renseigné'}</dd>
          <dt>{label('street')}</dt>
          <dd>{address || 'Non renseignée'}</dd>
          <dt>{label('departement')}</dt>
          <dd>{departementLabel(o.departement)}</dd>
          {o.agreementId && (
            <>
              <dt>{label('agreementId')}</dt>
              <dd>{agreements && (agreement ? `${agreementKindLabels[agreement.kind]} : ${agreement.label}` : 'Accord supprimé depuis')}</dd>
            </>
          )}
          <dt>{label('contactName')}</dt>
          <dd>{[o.contactName, o.contactPhone, o.contactEmail].filter(Boolean).join(' · ') || 'Non renseigné'}</dd>
          {o.notes && (
            <>
              <dt>{label('notes')}</dt>
              <dd className="app-prewrap">{o.notes}</dd>
            </>
          )}
        </dl>
      </Section>

      <Section
        id="habilitations"
        title="Habilitation"
        action={
          required && (
            <Button size="small" priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: hostsPaths.newHabilitation(o.id) }}>
              Ajouter une habilitation
            </Button>
          )
        }
      >
        <p>
          État au {formatDate(today)} : <HabilitationBadge state={habilitation} withDate />
        </p>
        {!required ? (
          <p className="fr-text--sm">Personne morale de droit public : elle accueille des TIG sans habilitation (article 131-8 du Code pénal).</p>
        ) : habilitations.length === 0 ? (
          <p>Aucune habilitation enregistrée : aucune mise en situation ne peut commencer dans cette structure tant qu’elle n’est pas habilitée.</p>
        ) : (
          <>
            <HabilitationsTable organisationId={o.id} kind={o.kind} habilitations={habilitations} today={today} run={run} />
            <Accordion label="Historique des habilitations" titleAs="h3">
              {habilitations.map((h) => (
                <RecordHistory
                  key={h.id}
                  entity="habilitation"
                  recordId={h.id}
                  title={`Habilitation du ${formatDate(h.validFrom)} – ${habilitationText(habilitationState(o.kind, [h], today))}`}
                />
              ))}
            </Accordion>
          </>
        )}
      </Section>

      <Section
        id="tuteurs"
        title="Tuteurs"
        action={
          <Button size="small" priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: hostsPaths.newTutor(o.id) }}>
            Ajouter un tuteur
          </Button>
        }
      >
        {tutors.length === 0 ? (
          <p>Aucun tuteur. Chaque poste a besoin d’un tuteur dans la structure, qui confirme la présence et les heures.</p>
        ) : (
          <TutorsTable organisationId={o.id} tutors={tutors} posts={posts} run={run} />
        )}
      </Section>

      <Section
        id="postes"
        title="Postes de TIG"
        action={
          <Button size="small" priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: hostsPaths.newPost(o.id) }}>
            Ajouter un poste
          </Button>
        }
      >
        {posts.length === 0 ? (
          <p>Aucun poste. Ajoutez les postes que la structure propose : domaine d’activité, lieu, horaires, nombre de personnes accueillies.</p>
        ) : (
          <PostsTable posts={posts} tutors={tutors} />
        )}
      </Section>

      <RecordHistory entity="organisation" recordId={o.id} />
    </Page>
  );
}
