import { describe, expect, it } from 'vitest';
import { entityNames } from '../schemas/entities.ts';
import { wireEntities } from './travel.ts';

/*
 * Every value a site's bundle may carry is bounded by its schema: a field that takes text takes a few thousand
 * characters at most, a list a bounded number of bounded items. A huge value must fail the schema itself, not
 * only the size limits of the payload (MAX_RECORD_BYTES), which a later change could raise.
 */

const HUGE = 'x'.repeat(100_000);

/** Oversized values of every shape a field could take. */
const oversized: [string, unknown][] = [
  ['a 100,000-character text', HUGE],
  ['a list holding one', [HUGE]],
  ['an object holding one', { from: HUGE, to: HUGE, at: HUGE }],
  ['a list of 100,000 dates', Array.from({ length: 100_000 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10))],
  ['a list of 100,000 ids', Array.from({ length: 100_000 }, () => '019b8d63-4710-707d-bcd3-b51ec780218c')],
  ['a list of 100,000 periods', Array.from({ length: 100_000 }, () => ({ from: '2026-01-01', to: '2026-01-02' }))],
];

describe('what travels is bounded', () => {
  it('refuses oversized values in every field of every entity', () => {
    const accepted: string[] = [];
    for (const entity of entityNames) {
      for (const [name, field] of wireEntities[entity].fields) {
        for (const [what, value] of oversized) {
          if (field.schema.safeParse(value).success) accepted.push(`${entity}.${name}: ${what}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('accepts what a site really writes: the probes above are refused for their size alone', () => {
    const field = (entity: 'session' | 'post' | 'measure' | 'organisation', name: string) => wireEntities[entity].fields.get(name)!.schema;
    expect(field('organisation', 'name').safeParse('x'.repeat(200)).success).toBe(true);
    expect(
      field('session', 'days').safeParse(Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10))).success,
    ).toBe(true);
    expect(field('post', 'tutorIds').safeParse(Array.from({ length: 50 }, () => '019b8d63-4710-707d-bcd3-b51ec780218c')).success).toBe(true);
    expect(field('measure', 'suspensions').safeParse(Array.from({ length: 100 }, () => ({ from: '2026-01-01', to: '2026-01-02' }))).success).toBe(true);
  });
});
