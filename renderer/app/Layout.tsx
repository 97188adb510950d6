import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Outlet, useLocation } from 'react-router';
import { siteKindLabels } from '../../shared/schemas/site.ts';
import { useSync } from '../features/sync/index.ts';
import { isActive, navigationFor } from './navigation.ts';
import { useIdentity } from './RepoProvider.tsx';
import { StatusBar } from './StatusBar.tsx';

const brandTop = (
  <>
    Ministère
    <br />
    de la Justice
  </>
);

export function Layout() {
  const identity = useIdentity();
  const { hq } = useSync();
  const { pathname } = useLocation();
  return (
    <div className="app-frame">
      <SkipLinks
        links={[
          { anchor: '#contenu', label: 'Contenu' },
          { anchor: '#navigation', label: 'Menu' },
        ]}
      />
      <Header
        brandTop={brandTop}
        serviceTitle="Passerelle"
        serviceTagline={`${identity.name} · ${siteKindLabels[identity.kind]}`}
        homeLinkProps={{ to: '/', title: 'Accueil - Passerelle' }}
      />
      <div className="app-body">
        <nav className="app-nav" id="navigation" aria-label="Menu principal">
          <SideMenu
            align="left"
            burgerMenuButtonText="Menu"
            items={navigationFor(identity.kind).map((entry) => ({ text: entry.label, linkProps: { to: entry.path }, isActive: isActive(entry, pathname) }))}
          />
        </nav>
        <main className="app-main" id="contenu" tabIndex={-1}>
          {hq && !hq.ok && <Alert className="fr-mb-3w" severity="error" title="La base du siège ne peut pas être ouverte" description={hq.message} />}
          <Outlet />
        </main>
      </div>
      <StatusBar />
      <Footer
        accessibility="partially compliant"
        brandTop={brandTop}
        homeLinkProps={{ to: '/', title: 'Accueil - Passerelle' }}
        contentDescription="Passerelle : suivi du travail d’intérêt général, des ateliers et des formations, hors ligne. Agence du travail d’intérêt général et de l’insertion professionnelle (ATIGIP)."
        domains={[]}
        bottomItems={[
          <span key="version" className="fr-footer__bottom-link">
            Version {__APP_VERSION__}
          </span>,
        ]}
      />
    </div>
  );
}
