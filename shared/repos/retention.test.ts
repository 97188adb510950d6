import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { adultInput, expectRefused, measureInput, seedPlacement } from '../../test/support/tig.ts';
import { collapseChanges } from '../sync/collapse.ts';
import type { RepoContext } from './context.ts';
import { addHourLog } from './hourLogs.ts';
import { measureTotals } from './hourTotals.ts';
import { createMeasure, revokeMeasure } from './measures.ts';
import { createPerson, listPersons } from './persons.ts';
import { purgeClosedCases, purgePreview, readRetentionYears, setRetentionYears } from './retention.ts';

const as = (ctx: RepoContext, role: 'cpip' | 'administrateur'): RepoContext => ({
  ...ctx,
  session: { accountId: '0190a0a0-0000-7000-8000-000000000001', login: role, name: `Agent ${role}`, role },
});

describe('purge of closed cases', () => {
  it('previews, then deletes with tombstones the persons whose measures all ended before the period, and what hangs on them', async () => {
    const ctx = await testContext();
    const { person, measure, placement } = await seedPlacement(ctx);
    await addHourLog(ctx, { measureId: measure.id, personId: person.id, placementId: placement.id, date: '2026-11-02', hours: 4, confirmedByTutor: true });
    await revokeMeasure(ctx, measure.id, '2026-11-20');
    const kept = await createPerson(ctx, { ...adultInput, caseNumber: '2026/00999', lastName: 'Gardé' });
    await createMeasure(ctx, measureInput(kept.id));

    expect(await readRetentionYears(ctx)).toBe(5);
    expect((await purgePreview(ctx)).counts.person).toBe(0);
    // Five years and more later, the revoked measure is past the period; the other one still runs.
    ctx.clock.set('2031-11-21T10:00:00.000Z');
    expect(await purgePreview(ctx)).toEqual({
      cutoff: '2026-11-21',
      counts: { person: 1, measure: 1, placement: 1, hourLog: 1, incident: 0, enrolment: 0, attendance: 0 },
    });

    await expectRefused(ctx, () => purgeClosedCases(as(ctx, 'cpip')), /ne permet pas la durée de conservation et la purge/);
    await expectRefused(ctx, () => setRetentionYears(as(ctx, 'administrateur'), 0), 'Durée de conservation : un nombre entier d’années, de 1 à 30.');
    const seq = (await ctx.db.changes.orderBy('seq').last())!.seq!;
    expect(await purgeClosedCases(as(ctx, 'administrateur'))).toMatchObject({ person: 1, measure: 1, placement: 1, hourLog: 1 });
    expect((await listPersons(ctx)).map((p) => p.lastName)).toEqual(['Gardé']);
    expect((await ctx.db.persons.get(person.id))?.deleted).toBe(true);
    expect(await measureTotals(ctx)).not.toHaveProperty(measure.id);
    // The tombstones are in the change log: they travel to the office and to headquarters.
    const after = collapseChanges((await ctx.db.changes.toArray()).filter((c) => c.seq! > seq));
    expect(
      after
        .filter((r) => r.deleted !== undefined)
        .map((r) => r.entity)
        .sort(),
    ).toEqual(['hourLog', 'measure', 'person', 'placement']);
    expect((await purgePreview(ctx)).counts.person).toBe(0);
  });

  it('follows the period the administrator sets', async () => {
    const ctx = await testContext();
    const { measure } = await seedPlacement(ctx);
    await revokeMeasure(ctx, measure.id, '2026-11-20');
    ctx.clock.set('2028-11-21T10:00:00.000Z');
    expect((await purgePreview(ctx)).counts.measure).toBe(0);
    await setRetentionYears(as(ctx, 'administrateur'), 2);
    expect((await purgePreview(ctx)).counts.measure).toBe(1);
  });
});
