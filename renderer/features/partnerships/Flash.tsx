import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useLocation } from 'react-router';

/** Navigation state carrying the confirmation of what the previous screen just saved. */
export interface FlashState {
  flash?: string;
}

export const flash = (message: string): { state: FlashState } => ({ state: { flash: message } });

/** The confirmation the previous screen left (a save, a deletion), shown once at the top of this one. */
export function FlashMessage() {
  const { state, key } = useLocation() as { state: FlashState | null; key: string };
  if (!state?.flash) return null;
  return <Alert key={key} className="fr-mb-3w" severity="success" small closable description={state.flash} />;
}
