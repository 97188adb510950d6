import type { ReactNode } from 'react';
import { useIdentity } from '../../app/index.ts';
import { RouteTabs } from '../../ui/RouteTabs.tsx';
import { workshopsPaths } from './paths.ts';

const allTabs = [
  { tabId: 'programmes', label: 'Programmes', iconId: 'fr-icon-team-line', path: workshopsPaths.programmes },
  { tabId: 'seances', label: 'Séances', iconId: 'fr-icon-calendar-line', path: workshopsPaths.sessions },
  { tabId: 'etablissement', label: 'Fiche établissement', iconId: 'fr-icon-building-line', path: workshopsPaths.establishment },
] as const;

export type WorkshopsTab = (typeof allTabs)[number]['tabId'];

/** The lists of the workshop screens. The profile is an establishment's only. */
export function WorkshopsTabs({ selected, children }: { selected: WorkshopsTab; children: ReactNode }) {
  const identity = useIdentity();
  const tabs = allTabs.filter((t) => t.tabId !== 'etablissement' || identity.kind === 'etablissement');
  return (
    <RouteTabs label="Ateliers et formations" tabs={tabs} selected={selected}>
      {children}
    </RouteTabs>
  );
}
