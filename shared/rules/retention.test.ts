import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_YEARS, pastRetention, retentionCutoff } from './retention.ts';

describe('retention of closed cases', () => {
  it('keeps five years by default, counted back from today, 29 February becoming 28', () => {
    expect(DEFAULT_RETENTION_YEARS).toBe(5);
    expect(retentionCutoff('2026-11-25', 5)).toBe('2021-11-25');
    expect(retentionCutoff('2028-02-29', 1)).toBe('2027-02-28');
  });

  it('purges a person only when every measure ended before the cutoff', () => {
    const cutoff = '2021-11-25';
    expect(pastRetention([{ endedOn: '2021-11-24' }, { endedOn: '2019-01-01' }], cutoff)).toBe(true);
    expect(pastRetention([{ endedOn: '2021-11-24' }, { endedOn: '2021-11-25' }], cutoff)).toBe(false);
    expect(pastRetention([{ endedOn: '2019-01-01' }, {}], cutoff)).toBe(false);
    expect(pastRetention([], cutoff)).toBe(false);
  });
});
