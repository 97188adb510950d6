import { describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { adultInput, measureInput, seedPlacement } from '../../../test/support/tig.ts';
import { createMeasure, listMeasures, revokeMeasure, suspendMeasure } from '../../../shared/repos/measures.ts';
import { createPerson, listPersons } from '../../../shared/repos/persons.ts';
import { currentStatus, personListRows } from './personRows.ts';

describe('the persons list', () => {
  it('gives each person the count of measures, the status that matters now and the nearest open deadline', async () => {
    const ctx = await testContext();
    const { person } = await seedPlacement(ctx);
    // A second measure due sooner, then suspended: its deadline is the nearest, but the running one gives the status.
    const sooner = await createMeasure(ctx, measureInput(person.id, { kind: 'tnr', hoursOrdered: 10, periodMonths: 6, periodStart: '2026-07-01' }));
    await suspendMeasure(ctx, sooner.id, { from: '2026-11-20', reason: 'Incarcération' });
    const ended = await createMeasure(ctx, measureInput(person.id, { kind: 'stage', hoursOrdered: 14, periodMonths: 1, periodStart: '2026-11-01' }));
    await revokeMeasure(ctx, ended.id, '2026-11-10');
    const idle = await createPerson(ctx, { ...adultInput, caseNumber: '2026/00999', lastName: 'Martin', firstName: 'Léa' });

    const rows = personListRows(await listPersons(ctx), await listMeasures(ctx));
    const row = rows.find((r) => r.id === person.id)!;
    expect(row).toMatchObject({ name: 'LEFÈVRE Julien', caseNumber: '2026/00123', communeName: 'Nancy', measureCount: 3, statusLabel: 'En cours' });
    // 1 July + 6 months, moved by the 6 days of the suspension running since 20 November (today included).
    expect(row.nextDeadline).toEqual({ deadline: '2027-01-07', daysRemaining: 43, flagged: true, passed: false });
    expect(rows.find((r) => r.id === idle.id)).toMatchObject({
      name: 'MARTIN Léa',
      measureCount: 0,
      statusLabel: 'Sans mesure',
      nextDeadline: undefined,
      counsellor: '',
    });
  });

  it('ranks a running measure over a suspended one over one waiting, then the latest to end', () => {
    const m = (status: Parameters<typeof currentStatus>[0][number]['status'], endedOn?: string, decisionDate = '2026-01-01') => ({
      status,
      endedOn,
      decisionDate,
    });
    expect(currentStatus([])).toBeUndefined();
    expect(currentStatus([m('a_affecter'), m('suspendue'), m('terminee', '2026-03-01')])).toBe('suspendue');
    expect(currentStatus([m('a_affecter'), m('en_cours'), m('suspendue')])).toBe('en_cours');
    expect(currentStatus([m('terminee', '2026-03-01'), m('revoquee', '2026-05-01'), m('echue', '2026-04-01')])).toBe('revoquee');
    expect(currentStatus([m('transferee', '2026-05-01'), m('a_affecter')])).toBe('a_affecter');
  });
});
