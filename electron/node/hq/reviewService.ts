import { existsSync } from 'node:fs';
import type { Handlers } from '../../../shared/bridge/contract.ts';
import { computeAnnualReview } from '../../../shared/review/annualReview.ts';
import { consolidatedEstablishmentProfiles, headquartersSiteDirectory, reviewDataFromConsolidated } from '../../../shared/review/fromConsolidated.ts';
import { filterEstablishments } from '../../../shared/rules/establishments.ts';
import { SyncError } from '../../../shared/errors.ts';
import { systemClock, type Clock } from '../../../shared/ports/clock.ts';
import { lastMonths } from '../../../shared/rules/calendar.ts';
import { todayIso } from '../../../shared/format/fr.ts';
import { headquartersDashboard } from '../../../shared/review/hqDashboard.ts';
import { hqPaths, openHqStore } from './hqDir.ts';
import type { SqliteHqStore } from './sqliteStore.ts';

export type ReviewHandlers = Pick<Handlers, 'hqReview' | 'hqDashboard' | 'hqEstablishments'>;

/**
 * Headquarters' annual review and establishments list, read from the consolidated store in `dir` (the
 * headquarters folder: `<data folder>/hq` in the app). The store is opened for each call and closed after,
 * so these reads never hold it while an import writes.
 */
export function reviewHandlers(dir: string, clock: Clock = systemClock): ReviewHandlers {
  function withStore<T>(read: (store: SqliteHqStore) => T): T {
    if (!existsSync(hqPaths(dir).database)) {
      throw new SyncError(
        'Aucune base consolidée du siège sur ce poste : le bilan national et la liste des établissements se lisent dans les lots des sites importés en mode siège (ATIGIP).',
      );
    }
    const store = openHqStore(dir, { readOnly: true });
    try {
      return read(store);
    } finally {
      store.close();
    }
  }

  return {
    async hqReview({ year, scope }) {
      return withStore((store) => {
        const directory = headquartersSiteDirectory(store);
        if (scope.kind === 'site' && !directory.some((s) => s.siteId === scope.siteId)) {
          throw new SyncError('Ce site est inconnu du siège : aucun de ses lots n’a été importé.');
        }
        const review = computeAnnualReview(reviewDataFromConsolidated(store, year), { year, scope, sites: directory });
        return { review, directory };
      });
    },

    async hqDashboard() {
      return withStore((store) => {
        const now = clock.now();
        const from = lastMonths(todayIso(now), 12)[0]!;
        return headquartersDashboard({ sites: store.sites(), counts: store.liveCounts(), hours: store.hoursByMonth(from), now });
      });
    },

    async hqEstablishments(filter) {
      return withStore((store) => {
        const codes = new Map(store.sites().map((s) => [s.siteId, s.code]));
        const profiles = filterEstablishments(consolidatedEstablishmentProfiles(store), filter);
        return {
          establishments: profiles.map(({ updatedAt: _updatedAt, deleted: _deleted, ...profile }) => ({
            ...profile,
            siteCode: codes.get(profile.siteId) ?? null,
          })),
        };
      });
    },
  };
}
