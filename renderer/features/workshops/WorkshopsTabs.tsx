import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useIdentity } from '../../app/index.ts';
import { workshopsPaths } from './paths.ts';

const allTabs = [
  { tabId: 'programmes', label: 'Programmes', iconId: 'fr-icon-team-line', path: workshopsPaths.programmes },
  { tabId: 'seances', label: 'Séances', iconId: 'fr-icon-calendar-line', path: workshopsPaths.sessions },
  { tabId: 'etablissement', label: 'Fiche établissement', iconId: 'fr-icon-building-line', path: workshopsPaths.establishment },
] as const;

export type WorkshopsTab = (typeof allTabs)[number]['tabId'];

/** The lists of the workshop screens; each tab has its own address. The profile is an establishment's only. */
export function WorkshopsTabs({ selected, children }: { selected: WorkshopsTab; children: ReactNode }) {
  const navigate = useNavigate();
  const identity = useIdentity();
  const tabs = allTabs.filter((t) => t.tabId !== 'etablissement' || identity.kind === 'etablissement');
  return (
    <Tabs
      label="Ateliers et formations"
      tabs={tabs.map(({ tabId, label, iconId }) => ({ tabId, label, iconId }))}
      selectedTabId={selected}
      onTabChange={(tabId) => {
        const tab = tabs.find((t) => t.tabId === tabId);
        if (tab) void navigate(tab.path);
      }}
    >
      {children}
    </Tabs>
  );
}
