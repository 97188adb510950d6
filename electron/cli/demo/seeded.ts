import { sha256 } from '@noble/hashes/sha2.js';
import { v7 as uuidv7 } from 'uuid';
import { utf8 } from '../../../shared/sync/bytes.ts';

/** 32 bytes derived from a label: the same label always gives the same bytes. */
export function derive(label: string): Uint8Array {
  return sha256(utf8(`passerelle-demo/${label}`));
}

/** A 32-bit integer derived from a label (faker's seed). */
export function deriveInt(label: string): number {
  const b = derive(label);
  return (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
}

/**
 * Reproducible UUID v7: the time part from the given clock, the random part derived from a label and a
 * counter, so a simulated site writes the same ids for the same seed.
 */
export function seededIds(label: string, now: () => number): () => string {
  let counter = 0;
  return () => uuidv7({ msecs: now(), random: derive(`${label}/${counter++}`).subarray(0, 16) });
}
