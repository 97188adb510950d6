import type { Transaction } from 'dexie';
import { rebuildTotalsIn, recountChangesIn } from './upgrades.ts';

/**
 * Every schema version the local database has had, oldest first. A shipped version is never edited: a
 * change adds a version with its stores and, when data must move, an upgrade function. Tests open a
 * database at each earlier version and upgrade it to the newest.
 */
export interface DbVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const dbVersions: readonly DbVersion[] = [
  {
    version: 1,
    stores: {
      meta: 'key',
      changes: '++seq, clock, [entity+recordId]',
      hourTotals: 'key',
      organisations: 'id, updatedAt, name, departement, agreementId, siret',
      habilitations: 'id, organisationId, validUntil',
      tutors: 'id, organisationId',
      posts: 'id, organisationId, domain, departement, communeName, *tutorIds',
      persons: 'id, lastName, caseNumber',
      measures: 'id, personId, status',
      placements: 'id, measureId, postId, personId, startDate, status, endedOn',
      hourLogs: 'id, [measureId+date], [placementId+date], attendanceId, date, [personId+date]',
      incidents: 'id, measureId, placementId, date',
      partners: 'id, name, kind, scope',
      agreements: 'id, partnerId, kind',
      programmes: 'id, kind, partnerId',
      sessions: 'id, programmeId, startDate',
      enrolments: 'id, sessionId, personId, measureId',
      attendance: 'id, enrolmentId, sessionId, date, [enrolmentId+date]',
      workshopFigures: 'id, programmeId, month, [programmeId+month]',
      establishmentProfiles: 'id, siteId, disp',
      syncExports: 'id, createdAt',
    },
  },
  {
    version: 2,
    stores: {},
    // A measure's running sum now also counts its days worked (measures ordered in days), each placement has
    // one with its latest day with hours (the dashboard no longer reads the hour logs of every placement), and
    // the change log is counted in meta (the pending count no longer counts the whole log).
    upgrade: async (tx) => {
      await rebuildTotalsIn(tx.table('hourLogs'), tx.table('hourTotals'));
      await recountChangesIn(tx.table('meta'), tx.table('changes'));
    },
  },
  {
    version: 3,
    stores: {
      // Each workstation's own rows (what it exports and sends its colleagues) apart from those it applied.
      changes: '++seq, clock, [entity+recordId], [deviceId+clock]',
      // Possible duplicates are looked for among the persons born the same day (names are compared without accents).
      persons: 'id, lastName, caseNumber, birthDate',
      fieldClocks: 'key',
      conflicts: 'key, recordedAt, [entity+recordId]',
      checks: 'key, detectedAt, *recordKeys',
    },
    // Field clocks are built from the change log when the site's first exchange with a colleague starts
    // (shared/repos/fieldClocks.ts): a site working on one workstation never needs them.
  },
  {
    version: 4,
    // The recycle bin: records moved to it keep their place in their table, found by the record whose deletion
    // took them there (`binned.root`); the index holds binned records only, so the bin is listed without a scan.
    stores: {
      organisations: 'id, updatedAt, name, departement, agreementId, siret, binned.root',
      habilitations: 'id, organisationId, validUntil, binned.root',
      tutors: 'id, organisationId, binned.root',
      posts: 'id, organisationId, domain, departement, communeName, *tutorIds, binned.root',
      persons: 'id, lastName, caseNumber, birthDate, binned.root',
      measures: 'id, personId, status, binned.root',
      placements: 'id, measureId, postId, personId, startDate, status, endedOn, binned.root',
      hourLogs: 'id, [measureId+date], [placementId+date], attendanceId, date, [personId+date], binned.root',
      incidents: 'id, measureId, placementId, date, binned.root',
      partners: 'id, name, kind, scope, binned.root',
      sessions: 'id, programmeId, startDate, binned.root',
      enrolments: 'id, sessionId, personId, measureId, binned.root',
      attendance: 'id, enrolmentId, sessionId, date, [enrolmentId+date], binned.root',
    },
  },
  {
    version: 5,
    // The site's accounts (shared/accounts): found by login at each log in.
    stores: { accounts: 'id, login' },
  },
];

export const latestDbVersion = dbVersions[dbVersions.length - 1]!.version;
