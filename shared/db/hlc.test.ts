import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareHlc, encodeHlc, hlcNode, parseHlc, receive, tick, type HlcTime } from './hlc.ts';

describe('hybrid logical clock', () => {
  it('starts at the wall clock', () => {
    expect(tick(undefined, 1000)).toEqual({ wall: 1000, counter: 0 });
  });

  it('follows a wall clock that moves forward', () => {
    expect(tick({ wall: 1000, counter: 5 }, 2000)).toEqual({ wall: 2000, counter: 0 });
  });

  it('never moves back when the wall clock does', () => {
    const next = tick({ wall: 5000, counter: 2 }, 1000);
    expect(next).toEqual({ wall: 5000, counter: 3 });
  });

  it('rolls into the next millisecond when the counter is full', () => {
    expect(tick({ wall: 5000, counter: 36 ** 4 - 1 }, 5000)).toEqual({ wall: 5001, counter: 0 });
  });

  it('orders encoded values like the events, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 2, maxLength: 50 }), (walls) => {
        let last: HlcTime | undefined;
        const encoded: string[] = [];
        for (const w of walls) {
          last = tick(last, w);
          encoded.push(encodeHlc(last, 'device'));
        }
        for (let i = 1; i < encoded.length; i++) expect(compareHlc(encoded[i - 1]!, encoded[i]!)).toBe(-1);
      }),
    );
  });

  it('moves past a remote clock ahead of it', () => {
    const next = receive({ wall: 1000, counter: 0 }, { wall: 9000, counter: 4 }, 2000);
    expect(next).toEqual({ wall: 9000, counter: 5 });
  });

  it('round-trips through its string form', () => {
    const value = encodeHlc({ wall: Date.parse('2026-11-25T17:30:00.123Z'), counter: 42 }, 'abc-def');
    expect(value).toBe('2026-11-25T17:30:00.123Z-0016-abc-def');
    expect(parseHlc(value)).toEqual({ wall: Date.parse('2026-11-25T17:30:00.123Z'), counter: 42, node: 'abc-def' });
    expect(() => parseHlc('not a clock')).toThrow(/Horloge invalide/);
  });

  it('reads the node of a clock as parseHlc does, without the pattern', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 36 ** 4 - 1 }),
        fc.stringMatching(/^[0-9A-Za-z_.-]{1,64}$/),
        (wall, counter, node) => {
          const clock = encodeHlc({ wall, counter }, node);
          expect(hlcNode(clock)).toBe(node);
          expect(hlcNode(clock)).toBe(parseHlc(clock).node);
        },
      ),
    );
  });
});
