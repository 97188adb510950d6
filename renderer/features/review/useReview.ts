import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../shared/errors.ts';
import { isHeadquarters } from '../../../shared/repos/ownership.ts';
import { siteAnnualReview } from '../../../shared/review/fromDexie.ts';
import type { AnnualReview, ReviewScope, SiteDirectoryEntry } from '../../../shared/review/types.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { BridgeError, getBridge } from '../../bridge/index.ts';

export type ReviewState = { status: 'loading' } | { status: 'error'; message: string; retry?: () => void } | { status: 'ready'; review: AnnualReview };

/** On a site: the review of its own database, computed again when its records change. */
export function useSiteReview(year: number): ReviewState {
  const ctx = useRepo();
  const review = useLiveQuery(() => siteAnnualReview(ctx, year), [ctx, year]);
  // The previous year's review stays until the new one is computed: it is not the one asked for.
  if (!review || review.year !== year) return { status: 'loading' };
  return { status: 'ready', review };
}

/**
 * At headquarters: the review computed on the Node side from the consolidated store, and the site directory
 * the scope is chosen from (kept from the last answer while the next one is computed).
 */
export function useHeadquartersReview(year: number, scope: ReviewScope | undefined): { state: ReviewState; directory: SiteDirectoryEntry[] } {
  const [answer, setAnswer] = useState<{ key: string; state: ReviewState }>();
  const [directory, setDirectory] = useState<SiteDirectoryEntry[]>([]);
  // Asking again (after the store was created or repaired) changes the key without changing the request.
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify({ year, scope, attempt });
  useEffect(() => {
    if (!scope) return;
    let live = true;
    getBridge()
      .hqReview({ year, scope })
      .then(
        (result) => {
          if (!live) return;
          setDirectory(result.directory);
          setAnswer({ key, state: { status: 'ready', review: result.review } });
        },
        (error: unknown) =>
          live &&
          setAnswer({
            key,
            state: { status: 'error', message: error instanceof BridgeError ? error.message : errorMessage(error), retry: () => setAttempt((n) => n + 1) },
          }),
      );
    return () => {
      live = false;
    };
    // `key` is `year`, `scope` and the attempt as text: a new scope object with the same content asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { state: answer?.key === key ? answer.state : { status: 'loading' }, directory };
}

export function useIsHeadquarters(): boolean {
  return isHeadquarters(useIdentity());
}
