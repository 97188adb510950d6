import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error?: Error;
}

/**
 * Last resort: an error nothing else caught shows a French message and a way to reload, never a blank
 * window. Saved data is not at risk: every write is a transaction that either completed or did not happen.
 */
export class CrashBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="app-centered" id="contenu">
        <h1>Passerelle a rencontré une erreur</h1>
        <div className="fr-alert fr-alert--error fr-mb-3w">
          <p>
            L’écran n’a pas pu s’afficher. Vos données enregistrées ne sont pas touchées : chaque enregistrement est complet ou n’a pas eu lieu. Rechargez
            l’application pour continuer.
          </p>
        </div>
        <p className="fr-text--sm">
          Détail technique : <code>{error.message}</code>
        </p>
        <button type="button" className="fr-btn" onClick={() => window.location.reload()}>
          Recharger Passerelle
        </button>
      </main>
    );
  }
}
