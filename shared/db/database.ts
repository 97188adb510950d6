import { Dexie, type Table } from 'dexie';
import type { DexieOptions } from 'dexie';
import type { Habilitation } from '../schemas/habilitation.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import type { Incident } from '../schemas/incident.ts';
import type { Measure } from '../schemas/measure.ts';
import type { Organisation } from '../schemas/organisation.ts';
import type { Person } from '../schemas/person.ts';
import type { Placement } from '../schemas/placement.ts';
import type { Post } from '../schemas/post.ts';
import type { Tutor } from '../schemas/tutor.ts';
import type { Agreement } from '../schemas/agreement.ts';
import type { Attendance } from '../schemas/attendance.ts';
import type { Enrolment } from '../schemas/enrolment.ts';
import type { EstablishmentProfile } from '../schemas/establishmentProfile.ts';
import type { Partner } from '../schemas/partner.ts';
import type { Programme } from '../schemas/programme.ts';
import type { Session } from '../schemas/session.ts';
import type { WorkshopFigure } from '../schemas/workshopFigure.ts';
import type { Account } from '../schemas/account.ts';
import type { ChangeEntry, FieldClocks, HourTotal, MetaEntry, OfficeCheck, OfficeConflict, SyncExportEntry } from './rows.ts';
import { dbVersions, type DbVersion } from './versions.ts';

export const DEFAULT_DB_NAME = 'passerelle';

export class PasserelleDb extends Dexie {
  declare meta: Table<MetaEntry, string>;
  declare changes: Table<ChangeEntry, number>;
  declare hourTotals: Table<HourTotal, string>;
  declare organisations: Table<Organisation, string>;
  declare habilitations: Table<Habilitation, string>;
  declare tutors: Table<Tutor, string>;
  declare posts: Table<Post, string>;
  declare persons: Table<Person, string>;
  declare measures: Table<Measure, string>;
  declare placements: Table<Placement, string>;
  declare hourLogs: Table<HourLog, string>;
  declare incidents: Table<Incident, string>;
  declare partners: Table<Partner, string>;
  declare agreements: Table<Agreement, string>;
  declare establishmentProfiles: Table<EstablishmentProfile, string>;
  declare programmes: Table<Programme, string>;
  declare sessions: Table<Session, string>;
  declare enrolments: Table<Enrolment, string>;
  declare attendance: Table<Attendance, string>;
  declare workshopFigures: Table<WorkshopFigure, string>;
  declare accounts: Table<Account, string>;
  declare syncExports: Table<SyncExportEntry, string>;
  declare fieldClocks: Table<FieldClocks, string>;
  declare conflicts: Table<OfficeConflict, string>;
  declare checks: Table<OfficeCheck, string>;

  constructor(name: string, options?: DexieOptions, versions: readonly DbVersion[] = dbVersions) {
    super(name, options);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

/**
 * Open the site database. Hosts pass their IndexedDB implementation (the browser's, or fake-indexeddb
 * under Node), so shared/ depends on no global.
 */
export function createDb(options: { name?: string; indexedDB?: DexieOptions['indexedDB']; IDBKeyRange?: DexieOptions['IDBKeyRange'] } = {}): PasserelleDb {
  const dexieOptions: DexieOptions = {};
  if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
  return new PasserelleDb(options.name ?? DEFAULT_DB_NAME, dexieOptions);
}
