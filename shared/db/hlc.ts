import { SyncError } from '../errors.ts';

/**
 * Hybrid logical clock. A clock value is a string that sorts like the event order:
 * `2026-11-25T17:30:00.000Z-0000-<node>`: wall time in ISO form, a counter for events within one
 * millisecond (base 36, 4 characters) and the id of the device that made it. Plain string comparison orders
 * them, so Dexie indexes and SQLite columns sort them without parsing.
 *
 * The clock never moves back: a wall clock behind the last value (a PC whose time was corrected) only
 * advances the counter.
 */
export interface HlcTime {
  wall: number;
  counter: number;
}

const COUNTER_MAX = 36 ** 4 - 1;

export function tick(last: HlcTime | undefined, now: number): HlcTime {
  if (!last || now > last.wall) return { wall: now, counter: 0 };
  if (last.counter < COUNTER_MAX) return { wall: last.wall, counter: last.counter + 1 };
  return { wall: last.wall + 1, counter: 0 };
}

/** Advance past a clock seen from elsewhere (a bundle, reference data), so later local writes sort after it. */
export function receive(last: HlcTime | undefined, remote: HlcTime, now: number): HlcTime {
  const base = !last || remote.wall > last.wall || (remote.wall === last.wall && remote.counter > last.counter) ? remote : last;
  return tick(base, now);
}

export function encodeHlc(time: HlcTime, node: string): string {
  return `${new Date(time.wall).toISOString()}-${time.counter.toString(36).padStart(4, '0')}-${node}`;
}

/** A device id is a UUID; 64 plain characters at most, so a clock from outside cannot carry a megabyte. */
const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-z]{4})-([0-9A-Za-z_.-]{1,64})$/;

export function parseHlc(value: string): HlcTime & { node: string } {
  const m = HLC_PATTERN.exec(value);
  if (!m) throw new SyncError(`Horloge invalide : ${value}`);
  const wall = Date.parse(m[1] as string);
  if (Number.isNaN(wall)) throw new SyncError(`Horloge invalide : ${value}`);
  return { wall, counter: parseInt(m[2] as string, 36), node: m[3] as string };
}

/**
 * The device of a clock already checked by `isHlc`: its date and counter have a fixed width, so the node is
 * what follows them, without the pattern `parseHlc` runs (the import reads it for every field).
 */
export function hlcNode(clock: string): string {
  return clock.slice(NODE_START);
}

/** Where the node starts: `2026-11-25T17:30:00.000Z-0000-` is 30 characters. */
const NODE_START = 30;

export function isHlc(value: string): boolean {
  return HLC_PATTERN.test(value) && !Number.isNaN(Date.parse(value.slice(0, 24)));
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
