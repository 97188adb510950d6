import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useLocation } from 'react-router';

/**
 * Navigation state carrying the confirmation of what the previous screen just saved.
 *
 * @example
 * void navigate(hostsPaths.organisation(saved.id), flash('Structure modifiée.'));
 */
export function flash(message: string): { state: { flash: string } } {
  return { state: { flash: message } };
}

/** The confirmation the previous screen left with `flash()` (a save, a deletion), shown once at the top of this one. */
export function FlashMessage() {
  const { state, key } = useLocation() as { state: unknown; key: string };
  const message = typeof state === 'object' && state !== null && 'flash' in state && typeof state.flash === 'string' ? state.flash : undefined;
  if (!message) return null;
  // Keyed by the navigation: a new confirmation shows again after the previous one was closed.
  return <Alert key={key} className="fr-mb-3w" severity="success" small closable description={message} />;
}
