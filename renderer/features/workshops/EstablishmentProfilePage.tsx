import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatNumber } from '../../../shared/format/fr.ts';
import { departementLabel } from '../../../shared/reference/geo.ts';
import { dispLabels, type EstablishmentProfile } from '../../../shared/schemas/establishmentProfile.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import { workDomainLabels } from '../../../shared/schemas/programme.ts';
import { useIdentity } from '../../app/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecordHistory } from '../history/index.ts';
import { workshopsPaths } from './paths.ts';
import { useEstablishmentProfile } from './useEstablishmentProfile.ts';
import { WorkshopsTabs } from './WorkshopsTabs.tsx';

const label = (field: string) => labelOf('establishmentProfile', field);
const m2 = (value: number) => `${formatNumber(value)} m²`;

export function NotAnEstablishment() {
  return (
    <EmptyState title="Réservé aux établissements pénitentiaires">
      La fiche établissement décrit ce qu’un établissement pénitentiaire offre à une entreprise qui voudrait y installer une activité. Ce site n’est pas un
      établissement : il n’en tient pas.
    </EmptyState>
  );
}

/** `/ateliers/etablissement`: what this establishment offers a company (IPRO 360° side). */
export function EstablishmentProfilePage() {
  const identity = useIdentity();
  const profile = useEstablishmentProfile();
  const isEstablishment = identity.kind === 'etablissement';
  const edit = (
    <Button iconId="fr-icon-edit-line" linkProps={{ to: workshopsPaths.editEstablishment }}>
      {profile ? 'Modifier la fiche' : 'Créer la fiche'}
    </Button>
  );
  return (
    <Page title="Ateliers et formations" actions={isEstablishment && profile !== undefined ? edit : undefined}>
      <FlashMessage />
      <WorkshopsTabs selected="etablissement">
        {!isEstablishment ? (
          <NotAnEstablishment />
        ) : profile === undefined ? (
          <Loading />
        ) : profile === null ? (
          <EmptyState title="Pas encore de fiche établissement" action={edit}>
            Décrivez l’établissement (capacité, surfaces de production et de stockage, domaines d’activité des ateliers, référent travail et formation) : le
            siège la consulte pour répondre aux entreprises qui cherchent où installer une activité.
          </EmptyState>
        ) : (
          <ProfileView profile={profile} />
        )}
      </WorkshopsTabs>
    </Page>
  );
}

function ProfileView({ profile }: { profile: EstablishmentProfile }) {
  return (
    <>
      <h2 className="fr-h4">{profile.name}</h2>
      <dl className="app-definitions fr-mb-4w">
        <dt>{label('disp')}</dt>
        <dd>{dispLabels[profile.disp]}</dd>
        <dt>{label('communeName')}</dt>
        <dd>{profile.communeName}</dd>
        <dt>{label('departement')}</dt>
        <dd>{departementLabel(profile.departement)}</dd>
        <dt>{label('capacity')}</dt>
        <dd>{formatNumber(profile.capacity)}</dd>
        <dt>{label('productionArea')}</dt>
        <dd>{m2(profile.productionArea)}</dd>
        <dt>{label('storageArea')}</dt>
        <dd>{m2(profile.storageArea)}</dd>
        <dt>{label('domains')}</dt>
        <dd>{profile.domains.length > 0 ? profile.domains.map((d) => workDomainLabels[d]).join(', ') : 'Aucun'}</dd>
        <dt>{label('officerName')}</dt>
        <dd>{profile.officerName}</dd>
        <dt>{label('officerPhone')}</dt>
        <dd>{profile.officerPhone ?? '—'}</dd>
        <dt>{label('officerEmail')}</dt>
        <dd>{profile.officerEmail ?? '—'}</dd>
        {profile.notes && (
          <>
            <dt>{label('notes')}</dt>
            <dd className="app-pre-line">{profile.notes}</dd>
          </>
        )}
      </dl>
      <RecordHistory entity="establishmentProfile" recordId={profile.id} title="Historique de la fiche" />
    </>
  );
}
