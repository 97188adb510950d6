import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { hostsPaths } from './paths.ts';

const tabs = [
  { tabId: 'structures', label: 'Structures d’accueil', iconId: 'fr-icon-building-line', path: hostsPaths.organisations },
  { tabId: 'postes', label: 'Postes de TIG', iconId: 'fr-icon-briefcase-line', path: hostsPaths.posts },
] as const;

/** The two lists of the hosts screen; each tab has its own address, so the back button returns to it. */
export function HostsTabs({ selected, children }: { selected: (typeof tabs)[number]['tabId']; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Tabs
      label="Structures et postes"
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
