import { describe, expect, it } from 'vitest';
import type { EnrolledSite } from '../sync/hqStore.ts';
import { headquartersDashboard, NATIONAL_TERRITORY, UNKNOWN_TERRITORY } from './hqDashboard.ts';

const site = (siteId: string, code: string, departement: string, extra: Partial<EnrolledSite> = {}): EnrolledSite => ({
  siteId,
  code,
  name: code,
  kind: 'spip',
  departement,
  publicKey: 'ab',
  enrolledAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const now = Date.parse('2026-12-05T12:00:00.000Z');

describe('headquarters dashboard', () => {
  it('puts sites never heard of first, then the longest silences, and retired sites last; a week of silence is late', () => {
    const board = headquartersDashboard({
      sites: [
        site('a', 'SPIP-54', '54', { lastBundleAt: '2026-12-04T09:00:00.000Z' }),
        site('b', 'SPIP-57', '57', { lastBundleAt: '2026-11-27T09:00:00.000Z' }),
        site('c', 'SPIP-59', '59', { lastBundleAt: '2026-11-28T09:00:00.000Z' }),
        site('d', 'SPIP-75', '75'),
        site('e', 'SPIP-13', '13', { lastBundleAt: '2026-01-01T09:00:00.000Z', retiredAt: '2026-02-01T00:00:00.000Z' }),
      ],
      counts: [],
      hours: [],
      now,
    });
    expect(board.sites.map((s) => [s.code, s.lagDays, s.late, s.retired])).toEqual([
      ['SPIP-75', null, true, false],
      ['SPIP-57', 8, true, false],
      ['SPIP-59', 7, false, false],
      ['SPIP-54', 1, false, false],
      ['SPIP-13', 338, false, true],
    ]);
  });

  it('adds up records by region, DISP and kind; headquarters’ own records are national, an unknown owner is said so', () => {
    const board = headquartersDashboard({
      sites: [site('a', 'SPIP-54', '54'), site('b', 'CP-NANCY', '54', { kind: 'etablissement' }), site('h', 'ATIGIP', '75', { kind: 'atigip' })],
      counts: [
        { owner: 'a', entity: 'placement', count: 3 },
        { owner: 'b', entity: 'placement', count: 2 },
        { owner: 'a', entity: 'measure', count: 5 },
        { owner: 'h', entity: 'partner', count: 4 },
        { owner: 'zz', entity: 'post', count: 1 },
      ],
      hours: [],
      now,
    });
    expect(board.records).toEqual([
      { region: 'Grand Est', disp: 'DISP de Strasbourg', entity: 'measure', count: 5 },
      { region: 'Grand Est', disp: 'DISP de Strasbourg', entity: 'placement', count: 5 },
      { region: NATIONAL_TERRITORY, disp: NATIONAL_TERRITORY, entity: 'partner', count: 4 },
      { region: UNKNOWN_TERRITORY, disp: UNKNOWN_TERRITORY, entity: 'post', count: 1 },
    ]);
  });

  it('gives the last twelve months, oldest first, with zero for a month without hours', () => {
    const board = headquartersDashboard({
      sites: [],
      counts: [],
      hours: [
        { month: '2025-12', hours: 7 },
        { month: '2026-03', hours: 12.5 },
        { month: '2024-03', hours: 99 },
      ],
      now,
    });
    expect(board.hoursByMonth.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(board.hoursByMonth.filter((m) => m.hours > 0)).toEqual([{ month: '2026-03', hours: 12.5 }]);
  });
});
