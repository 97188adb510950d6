import { describe, expect, it } from 'vitest';
import { backupsToRemove, weekOf, type KeptBackup } from './retention.ts';

const daily = (createdAt: string): KeptBackup => ({ name: createdAt, createdAt, origin: 'quotidienne' });

describe('automatic backups kept', () => {
  it('counts weeks from Monday to Sunday', () => {
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
  });

  it('keeps the newest of each of the last 7 days, then of each of the last 4 weeks', () => {
    const backups = Array.from({ length: 40 }, (_, i) => daily(new Date(Date.parse('2026-09-01T08:00:00Z') + i * 86_400_000).toISOString()));
    const kept = backups.filter((b) => !backupsToRemove(backups).includes(b.name)).map((b) => b.createdAt.slice(0, 10));
    expect(kept.reverse()).toEqual([
      '2026-10-10',
      '2026-10-09',
      '2026-10-08',
      '2026-10-07',
      '2026-10-06',
      '2026-10-05',
      '2026-10-04',
      '2026-09-27',
      '2026-09-20',
    ]);
  });

  it('keeps one backup per day (the newest), with days of Paris', () => {
    const backups = [daily('2026-11-24T22:30:00.000Z'), daily('2026-11-24T10:00:00.000Z'), daily('2026-11-24T23:30:00.000Z')];
    // 23:30 UTC is already the 25th in Paris: two days, the newest of the 24th kept.
    expect(backupsToRemove(backups)).toEqual(['2026-11-24T10:00:00.000Z']);
  });

  it('keeps the last 3 backups taken before an upgrade or a restore, and always the newest backup', () => {
    const occasional = Array.from({ length: 5 }, (_, i): KeptBackup => ({
      name: `maj-${i}`,
      createdAt: `2026-11-0${i + 1}T08:00:00.000Z`,
      origin: 'avant-mise-a-jour',
    }));
    expect(backupsToRemove(occasional)).toEqual(['maj-1', 'maj-0']);
    expect(backupsToRemove([])).toEqual([]);
  });
});
