import type { PasserelleDb } from '../db/database.ts';
import type { Clock } from '../ports/clock.ts';

/** What every repository function needs, built once by the host at start. */
export interface RepoContext {
  db: PasserelleDb;
  clock: Clock;
}
