import type { PasserelleDb } from '../db/database.ts';
import type { Clock } from '../ports/clock.ts';
import type { Role } from '../schemas/account.ts';

/** Who is logged in: the account the history names, and the role that says what they may do. */
export interface Session {
  accountId: string;
  login: string;
  name: string;
  role: Role;
}

/** What every repository function needs, built once by the host at start. */
export interface RepoContext {
  db: PasserelleDb;
  clock: Clock;
  /** Id of a new record or site; UUID v7 when absent. Set only where ids must be reproducible (demo data). */
  newId?: () => string;
  /**
   * The logged-in account: every write is checked against its role (shared/rules/permissions.ts) and signed with
   * its name. Absent before the first account exists (first run, restore from the error screen) and for the
   * application's own upkeep (the bin's expiry), which no person does.
   */
  session?: Session;
}
