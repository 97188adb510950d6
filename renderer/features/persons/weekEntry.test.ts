import { describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { seedPlacement } from '../../../test/support/tig.ts';
import { addHourLogs, hourLogsOfMeasure } from '../../../shared/repos/hourLogs.ts';
import { dayIssues, dayLabel, emptyWeek, mondayOf, weekDays, weekEntryForm, weekLogs } from './weekEntry.ts';

describe('the week entry', () => {
  it('finds the Monday of any day and names the days', () => {
    expect(mondayOf('2026-11-25')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(weekDays('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(dayLabel('2026-11-23', 6)).toBe('Dimanche 29/11');
  });

  it('checks each day in quarter hours and asks for at least one day', () => {
    const values = emptyWeek('0190a5c4-0000-7000-8000-000000000001', '2026-11-25');
    const none = weekEntryForm.safeParse(values);
    expect(none.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['days', 'Saisissez les heures d’au moins un jour de la semaine']]);
    values.days[1] = { hours: '3,3' };
    values.days[2] = { hours: 'trois' };
    const bad = weekEntryForm.safeParse(values);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['days.1.hours', 'Heures : par quarts d’heure (ex. 3,25 ; 3,5 ; 3,75)'],
      ['days.2.hours', 'Heures : nombre attendu'],
    ]);
  });

  it('turns the days filled in into hour logs of the right dates, and puts a refusal back on its day', async () => {
    const ctx = await testContext();
    const { measure, placement } = await seedPlacement(ctx, {}, { hoursOrdered: 20 });
    const values = { ...emptyWeek(placement.id, '2026-11-19'), confirmedByTutor: true, comment: ' Bon travail ' };
    values.days[0] = { hours: '7' };
    values.days[2] = { hours: '6,5' };
    values.days[4] = { hours: '13' };
    const { inputs, dayIndexes } = weekLogs(weekEntryForm.parse(values), measure);
    expect(inputs.map((l) => [l.date, l.hours, l.confirmedByTutor, l.comment])).toEqual([
      ['2026-11-16', 7, true, 'Bon travail'],
      ['2026-11-18', 6.5, true, 'Bon travail'],
      ['2026-11-20', 13, true, 'Bon travail'],
    ]);
    expect(dayIndexes).toEqual([0, 2, 4]);
    const error = await addHourLogs(ctx, inputs).catch((e: unknown) => e);
    expect(dayIssues(error, dayIndexes)).toEqual([
      {
        day: 4,
        message:
          '12 heures au plus par jour pour une même personne : 0 h déjà saisies le 20/11/2026, 13 h de plus dépasseraient la limite ; Le total dépasserait les 20 h ordonnées : 13,5 h déjà effectuées, 6,5 h restantes',
      },
    ]);
    expect(await hourLogsOfMeasure(ctx, measure.id)).toEqual([]);
    expect(dayIssues(new Error('disque plein'), dayIndexes)).toEqual([]);
  });
});
