import { createContext, useContext, useEffect } from 'react';

/**
 * A confirmation's content may know the action is refused before it is tried (a deletion blocked by what depends
 * on the record): it says so here, and the confirmation disables its confirm button instead of offering an
 * action that can only fail.
 */
export const ConfirmRefusal = createContext<(refused: boolean) => void>(() => undefined);

/** Declare, from inside a confirmation, whether its action is refused. */
export function useConfirmRefused(refused: boolean): void {
  const set = useContext(ConfirmRefusal);
  useEffect(() => {
    set(refused);
    return () => set(false);
  }, [set, refused]);
}
