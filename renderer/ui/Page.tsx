import { useEffect, type ReactNode } from 'react';

/** A screen: its title (also the window title), optional actions on the right, then its content. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Passerelle`;
  }, [title]);
  return (
    <>
      <div className="app-page-header">
        <h1>{title}</h1>
        {actions && <div className="app-no-print">{actions}</div>}
      </div>
      {children}
    </>
  );
}
