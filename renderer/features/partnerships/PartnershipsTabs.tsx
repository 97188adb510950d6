import type { ReactNode } from 'react';
import { RouteTabs } from '../../ui/RouteTabs.tsx';
import { partnershipsPaths } from './paths.ts';

const tabs = [
  { tabId: 'partenaires', label: 'Partenaires', iconId: 'fr-icon-team-line', path: partnershipsPaths.partners },
  { tabId: 'accords', label: 'Accords et conventions', iconId: 'fr-icon-draft-line', path: partnershipsPaths.agreements },
  { tabId: 'bilan', label: 'Bilan annuel', iconId: 'fr-icon-bar-chart-box-line', path: partnershipsPaths.review },
] as const;

export type PartnershipsTab = (typeof tabs)[number]['tabId'];

/** The three screens of partnerships. */
export function PartnershipsTabs({ selected, children }: { selected: PartnershipsTab; children: ReactNode }) {
  return (
    <RouteTabs label="Partenariats" tabs={tabs} selected={selected}>
      {children}
    </RouteTabs>
  );
}
