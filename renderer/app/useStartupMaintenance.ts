import { useEffect } from 'react';
import type { RepoContext } from '../../shared/repos/context.ts';
import { expireBin } from '../../shared/repos/bin.ts';
import { expireOverdueMeasures } from '../../shared/repos/measures.ts';

/**
 * Work due once per start: measures whose deadline has passed become échues (the law ends the period; the
 * status should say so without anyone having to click), and deletions 30 days in the bin become final.
 */
export function useStartupMaintenance(ctx: RepoContext): void {
  useEffect(() => {
    expireOverdueMeasures(ctx).catch((error: unknown) => console.error('Mise à jour des échéances impossible :', error));
    expireBin(ctx).catch((error: unknown) => console.error('Corbeille : suppression des éléments de plus de 30 jours impossible :', error));
  }, [ctx]);
}
