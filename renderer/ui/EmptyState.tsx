import type { ReactNode } from 'react';

/** What a screen shows when it has nothing yet: what this place is for, and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="fr-callout" role="status">
      <h2 className="fr-callout__title fr-h5">{title}</h2>
      <div className="fr-callout__text">{children}</div>
      {action && <div className="fr-mt-2w">{action}</div>}
    </div>
  );
}
