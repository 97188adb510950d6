import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { partnershipsPaths } from './paths.ts';

const tabs = [
  { tabId: 'partenaires', label: 'Partenaires', iconId: 'fr-icon-team-line', path: partnershipsPaths.partners },
  { tabId: 'accords', label: 'Accords et conventions', iconId: 'fr-icon-draft-line', path: partnershipsPaths.agreements },
  { tabId: 'bilan', label: 'Bilan annuel', iconId: 'fr-icon-bar-chart-box-line', path: partnershipsPaths.review },
] as const;

export type PartnershipsTab = (typeof tabs)[number]['tabId'];

/** The three screens of partnerships; each tab has its own address, so the back button returns to it. */
export function PartnershipsTabs({ selected, children }: { selected: PartnershipsTab; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Tabs
      label="Partenariats"
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
