import type { FrIconClassName, RiIconClassName } from '@codegouvfr/react-dsfr/fr/generatedFromCss/classNames';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

export interface RouteTab<Id extends string> {
  tabId: Id;
  label: string;
  iconId: FrIconClassName | RiIconClassName;
  path: string;
}

/** The screens of one menu entry as tabs; each tab has its own address, so the back button returns to it. */
export function RouteTabs<Id extends string>({
  label,
  tabs,
  selected,
  children,
}: {
  label: string;
  tabs: readonly RouteTab<Id>[];
  selected: Id;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Tabs
      label={label}
      tabs={tabs.map(({ tabId, label: tabLabel, iconId }) => ({ tabId, label: tabLabel, iconId }))}
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
