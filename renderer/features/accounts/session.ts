import { createContext, useContext } from 'react';
import type { Session } from '../../../shared/repos/context.ts';

/** The logged-in account, and what the status bar offers: lock the screen now, or log out. */
export interface SessionApi {
  session: Session;
  lockNow(): void;
  logOut(): void;
}

export const SessionCtx = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const api = useContext(SessionCtx);
  if (!api) throw new Error('useSession outside the session gate');
  return api;
}

const KEY = 'passerelle.account';

/**
 * The account of this window, kept for the window's life only (sessionStorage): a reload (a restore reloads the
 * page) keeps it, a new window or a restarted application asks for a log-in.
 */
export const storedAccount = {
  get: (): string | undefined => window.sessionStorage.getItem(KEY) ?? undefined,
  set: (accountId: string | undefined) => (accountId ? window.sessionStorage.setItem(KEY, accountId) : window.sessionStorage.removeItem(KEY)),
};
