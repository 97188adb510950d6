import type { ReactNode } from 'react';
import { RouteTabs } from '../../ui/RouteTabs.tsx';
import { hostsPaths } from './paths.ts';

const tabs = [
  { tabId: 'structures', label: 'Structures d’accueil', iconId: 'fr-icon-building-line', path: hostsPaths.organisations },
  { tabId: 'postes', label: 'Postes de TIG', iconId: 'fr-icon-briefcase-line', path: hostsPaths.posts },
] as const;

/** The two lists of the hosts screen. */
export function HostsTabs({ selected, children }: { selected: (typeof tabs)[number]['tabId']; children: ReactNode }) {
  return (
    <RouteTabs label="Structures et postes" tabs={tabs} selected={selected}>
      {children}
    </RouteTabs>
  );
}
