import { useCallback, useState } from 'react';
import { errorMessage } from '../../../shared/repos/errors.ts';

/**
 * Runs a write started by a button (a deletion, say) and keeps the refusal's French message for an Alert;
 * `done` runs after a success.
 */
export function useAction(): { failure: string | undefined; run: (action: () => Promise<unknown>, done?: () => void) => void; clear: () => void } {
  const [failure, setFailure] = useState<string>();
  const run = useCallback((action: () => Promise<unknown>, done?: () => void) => {
    setFailure(undefined);
    action().then(
      () => done?.(),
      (error: unknown) => setFailure(errorMessage(error)),
    );
  }, []);
  const clear = useCallback(() => setFailure(undefined), []);
  return { failure, run, clear };
}
