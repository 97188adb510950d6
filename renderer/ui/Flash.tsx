import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';

interface FlashState {
  flash: string;
  /** Something the user must know about what was saved (a habilitation ending before the placement, say). */
  flashWarning?: string;
}

/**
 * Navigation state carrying the confirmation of what the previous screen just saved.
 *
 * @example
 * void navigate(hostsPaths.organisation(saved.id), flash('Structure modifiée.'));
 */
export function flash(message: string, warning?: string): { state: FlashState } {
  return { state: { flash: message, ...(warning ? { flashWarning: warning } : {}) } };
}

const CLEAR = 'passerelle:flash-clear';

/** Another action starts on the screen: the confirmation of the previous one no longer applies. */
export function clearFlash(): void {
  window.dispatchEvent(new Event(CLEAR));
}

function flashOf(state: unknown): FlashState | undefined {
  if (typeof state !== 'object' || state === null || !('flash' in state) || typeof state.flash !== 'string') return undefined;
  return { flash: state.flash, ...('flashWarning' in state && typeof state.flashWarning === 'string' ? { flashWarning: state.flashWarning } : {}) };
}

const SHOWN = 'passerelle.flash.shown';

/** History entries (by key) whose confirmation was already shown in this window's session. */
function shownKeys(): string[] {
  try {
    const keys: unknown = JSON.parse(sessionStorage.getItem(SHOWN) ?? '[]');
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

function markShown(key: string): void {
  try {
    sessionStorage.setItem(SHOWN, JSON.stringify([...shownKeys().filter((k) => k !== key), key].slice(-50)));
  } catch {
    // Without session storage, going back may show the confirmation again: nothing worse.
  }
}

/**
 * The confirmation the previous screen left with `flash()` (a save, a deletion), shown at the top of this one
 * until the next navigation or the next action on the screen. Going back or forward to this screen later does
 * not show it again (the history entry keeps its state, so it is remembered as shown).
 */
export function FlashMessage() {
  const location = useLocation() as { state: unknown; key: string };
  const [visit, setVisit] = useState(() => ({ key: location.key, stale: shownKeys().includes(location.key), hidden: false }));
  if (visit.key !== location.key) setVisit({ key: location.key, stale: shownKeys().includes(location.key), hidden: false });
  const message = flashOf(location.state);

  const arrived = message !== undefined;
  useEffect(() => {
    if (arrived) markShown(location.key);
  }, [arrived, location.key]);

  useEffect(() => {
    const clear = () => setVisit((v) => ({ ...v, hidden: true }));
    window.addEventListener(CLEAR, clear);
    return () => window.removeEventListener(CLEAR, clear);
  }, []);

  if (!message || visit.stale || visit.hidden || visit.key !== location.key) return null;
  return (
    <>
      <Alert key={`${location.key}-ok`} className="fr-mb-3w" severity="success" small closable description={message.flash} />
      {message.flashWarning && <Alert key={`${location.key}-warning`} className="fr-mb-3w" severity="warning" small description={message.flashWarning} />}
    </>
  );
}
