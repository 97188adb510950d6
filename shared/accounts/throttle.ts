import { counted } from '../format/agreement.ts';

/*
 * Failed log-ins, per identifier and per workstation: the first five cost nothing but a message; from the fifth
 * on, the next attempt waits, twice as long after each failure (30 s, 1 min, 2 min... at most 15 min). A guesser
 * gets a few dozen tries an hour instead of thousands; a person who mistyped waits half a minute.
 */

export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

export interface FailedLogins {
  count: number;
  /** Milliseconds since the epoch of the latest failure. */
  lastAt: number;
}

/** How long after the latest failure the next attempt must wait. */
export function waitAfter(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (count - FREE_ATTEMPTS));
}

/** Milliseconds still to wait before another attempt, 0 when one may be made now. */
export function remainingWait(failed: FailedLogins | undefined, now: number): number {
  if (!failed) return 0;
  return Math.max(0, failed.lastAt + waitAfter(failed.count) - now);
}

/** « 30 secondes », « 2 minutes »: a wait as a refusal says it, rounded up. */
export function waitLabel(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? counted(seconds, 'seconde') : counted(Math.ceil(seconds / 60), 'minute');
}
