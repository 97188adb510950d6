import { useEffect, useState } from 'react';
import { errorMessage } from '../../../shared/errors.ts';

/**
 * Data read from the Node side (headquarters' store is there, not in the page's database): loaded again
 * whenever `key` changes (after an import or a re-enrolment, for another site).
 */
export function useNodeQuery<T>(load: () => Promise<T>, key: string): { data: T | undefined; error: string | undefined } {
  const [state, setState] = useState<{ data: T | undefined; error: string | undefined }>({ data: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: undefined }),
      (error: unknown) => live && setState({ data: undefined, error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` is what says when to read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { data: state.data, error: state.error };
}
