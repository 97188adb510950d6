import type { ReactNode } from 'react';

/**
 * A titled part of a record's page, named by its title for screen readers, with its action (add, report) beside
 * the title. `sub`: a part of a part (a measure's placements, incidents, hours), one heading level down.
 */
export function Section({
  id,
  title,
  action,
  sub = false,
  children,
}: {
  id: string;
  title: ReactNode;
  action?: ReactNode;
  sub?: boolean;
  children: ReactNode;
}) {
  const heading = sub ? (
    <h4 id={id} className="fr-h6 fr-mb-1w">
      {title}
    </h4>
  ) : (
    <h2 id={id} className="fr-h4">
      {title}
    </h2>
  );
  return (
    <section className={sub ? 'fr-mt-4w' : 'fr-mb-5w'} aria-labelledby={id}>
      {action ? (
        <div className={sub ? 'app-subheader' : 'app-section-header'}>
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
