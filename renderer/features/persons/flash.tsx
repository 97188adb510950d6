import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useLocation } from 'react-router';

/** Navigation state carrying the success message of the screen the user comes from. */
export function flash(message: string): { state: { flash: string } } {
  return { state: { flash: message } };
}

/** The success message passed by `flash()`, shown once on the screen navigated to. */
export function FlashMessage() {
  const { state } = useLocation() as { state: unknown };
  const message = typeof state === 'object' && state !== null && 'flash' in state && typeof state.flash === 'string' ? state.flash : undefined;
  if (!message) return null;
  return <Alert className="fr-mb-3w" severity="success" small description={message} closable={false} />;
}
