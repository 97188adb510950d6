import { Link } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import type { ImportTarget } from './importWizard.ts';
import { ImportWizard } from './ImportWizard.tsx';

// Paths of the lists, as the navigation names them: this feature is linked from those screens, not the reverse.
const hostTargets: readonly [ImportTarget, ...ImportTarget[]] = [
  {
    kind: 'organisations',
    hint: 'Une ligne par structure : nom, type, commune et département au moins ; SIRET, adresse, contact et dates d’habilitation si vous les avez. Une structure dont le SIRET est déjà enregistré est ignorée.',
    listPath: '/structures',
    listLabel: 'Voir les structures',
  },
  {
    kind: 'posts',
    hint: 'Une ligne par poste : la structure (SIRET ou nom exact, déjà enregistrée : importez d’abord les structures), l’intitulé et le domaine d’activité ; le tuteur nommé sur la ligne est retrouvé ou créé dans la structure.',
    listPath: '/structures/postes',
    listLabel: 'Voir les postes',
  },
];

const personTargets: readonly [ImportTarget, ...ImportTarget[]] = [
  {
    kind: 'persons',
    hint: 'Une ligne par personne : nom, prénom, date de naissance et numéro de dossier au moins. Une personne dont le numéro de dossier est déjà enregistré est ignorée. Les mesures se saisissent ensuite sur la fiche de chaque personne.',
    listPath: '/personnes',
    listLabel: 'Voir les personnes',
  },
];

/** `structures/import`: organisations or posts. */
export function HostsImportPage() {
  return (
    <Page title="Importer des structures ou des postes">
      <p>
        <Link to="/structures">Retour aux structures et postes</Link>
      </p>
      <ImportWizard targets={hostTargets} />
    </Page>
  );
}

/** `import/personnes`: persons under supervision. */
export function PersonsImportPage() {
  return (
    <Page title="Importer des personnes suivies">
      <p>
        <Link to="/personnes">Retour aux personnes</Link>
      </p>
      <ImportWizard targets={personTargets} />
    </Page>
  );
}
