import type { PasserelleDb } from '../db/database.ts';
import type { Clock } from '../ports/clock.ts';

/** What every repository function needs, built once by the host at start. */
export interface RepoContext {
  db: PasserelleDb;
  clock: Clock;
  /** Id of a new record or site; UUID v7 when absent. Set only where ids must be reproducible (demo data). */
  newId?: () => string;
}
