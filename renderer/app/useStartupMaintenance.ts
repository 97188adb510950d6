import { useEffect } from 'react';
import type { RepoContext } from '../../shared/repos/context.ts';
import { expireOverdueMeasures } from '../../shared/repos/measures.ts';

/**
 * Work due once per start: measures whose deadline has passed become échues (the law ends the period; the
 * status should say so without anyone having to click).
 */
export function useStartupMaintenance(ctx: RepoContext): void {
  useEffect(() => {
    expireOverdueMeasures(ctx).catch((error: unknown) => console.error('Mise à jour des échéances impossible :', error));
  }, [ctx]);
}
