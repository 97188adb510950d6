import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen: its title (also the window title), optional actions on the right, then its content. When the
 * screen opens, focus moves to its title, so keyboard and screen reader users start from the top of the new
 * screen; a screen that focuses a field of its own first (a form) keeps it.
 */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Passerelle`;
  }, [title]);
  useEffect(() => {
    const focused = document.activeElement;
    const main = heading.current?.closest('main');
    if (!focused || focused === document.body || !main?.contains(focused)) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <div className="app-page-header">
        <h1 ref={heading} tabIndex={-1} className="app-focus-target">
          {title}
        </h1>
        {actions && <div className="app-no-print">{actions}</div>}
      </div>
      {children}
    </>
  );
}
