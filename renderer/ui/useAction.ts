import { useCallback, useState } from 'react';
import { errorMessage } from '../../shared/errors.ts';
import { clearFlash } from './Flash.tsx';

export interface ActionOutcome {
  /** After a success: navigate away, say. */
  done?: () => void;
  /** Said after a success when the screen stays. */
  success?: string;
}

/**
 * Runs a write started by a button (a deletion, a status change): keeps the refusal's French message for an
 * Alert, or the confirmation of what was done.
 */
export function useAction(): {
  failure: string | undefined;
  notice: string | undefined;
  run: (action: () => Promise<unknown>, outcome?: ActionOutcome) => void;
} {
  const [failure, setFailure] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const run = useCallback((action: () => Promise<unknown>, outcome: ActionOutcome = {}) => {
    setFailure(undefined);
    setNotice(undefined);
    clearFlash();
    action().then(
      () => {
        if (outcome.success) setNotice(outcome.success);
        outcome.done?.();
      },
      (error: unknown) => setFailure(errorMessage(error)),
    );
  }, []);
  return { failure, notice, run };
}
