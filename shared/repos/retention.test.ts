import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { adultInput, expectRefused, measureInput, seedHost } from '../../test/support/tig.ts';
import { refusalOf } from '../rules/permissions.ts';
import type { Role } from '../schemas/account.ts';
import { entities, entityNames } from '../schemas/entities.ts';
import { historyOf } from './changes.ts';
import type { RepoContext } from './context.ts';
import { addHourLog } from './hourLogs.ts';
import { monthTotals } from './hourTotals.ts';
import { createIncident } from './incidents.ts';
import { createMeasure, revokeMeasure } from './measures.ts';
import { createPerson } from './persons.ts';
import { createPlacement } from './placements.ts';
import { purge, purgePreview, readRetentionYears, setRetentionYears } from './retention.ts';

const as = (ctx: RepoContext, role: Role): RepoContext => ({
  ...ctx,
  session: { accountId: '0190a0a0-0000-7000-8000-000000000001', login: role, name: `Agent ${role}`, role },
});

/**
 * Four persons seen from 1 January 2032 with the default five years: Lefèvre's only measure ended on
 * 20 November 2026 (goes, with its placement, hours and incident); Martin keeps an open measure but an old one
 * ended on 10 November 2026 (the old measure goes, Martin stays); Durand's measure ended on 1 May 2030 (stays);
 * Petit has no measure (stays).
 */
async function site() {
  const ctx = await testContext();
  const host = await seedHost(ctx);
  const lefevre = await createPerson(ctx, adultInput);
  const gone = await createMeasure(ctx, measureInput(lefevre.id));
  const placement = await createPlacement(ctx, { measureId: gone.id, postId: host.post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
  const log = await addHourLog(ctx, {
    measureId: gone.id,
    personId: lefevre.id,
    placementId: placement.id,
    date: '2026-11-02',
    hours: 3,
    confirmedByTutor: true,
  });
  const incident = await createIncident(ctx, { measureId: gone.id, date: '2026-11-03', kind: 'absence_injustifiee', description: 'Absent sans prévenir' });
  await revokeMeasure(ctx, gone.id, '2026-11-20');

  const martin = await createPerson(ctx, { ...adultInput, lastName: 'Martin', firstName: 'Paul', caseNumber: '2026/00200' });
  const old = await createMeasure(ctx, measureInput(martin.id));
  await revokeMeasure(ctx, old.id, '2026-11-10');
  const open = await createMeasure(ctx, measureInput(martin.id, { jurisdiction: 'Tribunal correctionnel de Metz' }));

  const petit = await createPerson(ctx, { ...adultInput, lastName: 'Petit', firstName: 'Léa', caseNumber: '2026/00300' });

  ctx.clock.set('2030-06-01T10:00:00.000Z');
  const durand = await createPerson(ctx, { ...adultInput, lastName: 'Durand', firstName: 'Marc', caseNumber: '2030/00100' });
  const recent = await createMeasure(
    ctx,
    measureInput(durand.id, { decisionDate: '2030-01-10', offenceDate: '2029-10-01', periodStart: '2030-02-01', periodMonths: 12 }),
  );
  await revokeMeasure(ctx, recent.id, '2030-05-01');

  ctx.clock.set('2032-01-01T10:00:00.000Z');
  return { ctx, lefevre, gone, placement, log, incident, martin, old, open, petit, durand, recent };
}

/** Every record of every entity, by `entity:id`. */
async function records(ctx: RepoContext): Promise<Map<string, unknown>> {
  const all = new Map<string, unknown>();
  for (const entity of entityNames) for (const r of await ctx.db.table(entities[entity].table).toArray()) all.set(`${entity}:${(r as { id: string }).id}`, r);
  return all;
}

describe('retention: purging closed follow-ups', () => {
  it('previews the persons left without a measure and the measures past the period, with what depends on them', async () => {
    const { ctx, lefevre, gone, old } = await site();
    const preview = await purgePreview(ctx);
    expect(preview).toMatchObject({ years: 5, on: '2032-01-01', counts: { person: 1, measure: 2, placement: 1, hourLog: 1, incident: 1 } });
    expect(preview.persons).toEqual([{ id: lefevre.id, label: 'LEFÈVRE Julien' }]);
    expect(preview.measures.map((m) => [m.id, m.endedOn])).toEqual([
      [gone.id, '2026-11-20'],
      [old.id, '2026-11-10'],
    ]);
    expect(preview.measures[0]!.label).toBe('TIG (peine) – LEFÈVRE Julien, révoquée le 20/11/2026');
  });

  it('deletes exactly what the preview listed, as tombstones in the change log, and touches nothing else', async () => {
    const { ctx, lefevre, gone, placement, log, incident, old } = await site();
    const preview = await purgePreview(ctx);
    const before = await records(ctx);
    const changesBefore = await ctx.db.changes.count();
    expect((await monthTotals(ctx, ['2026-11']))[0]!.hours).toBe(3);

    expect(await purge(as(ctx, 'administrateur'))).toEqual(preview.counts);

    const purged = [
      ['person', lefevre.id],
      ['measure', gone.id],
      ['measure', old.id],
      ['placement', placement.id],
      ['hourLog', log.id],
      ['incident', incident.id],
    ] as const;
    for (const [entity, id] of purged) {
      expect((await ctx.db.table(entities[entity].table).get(id)) as unknown).toMatchObject({ id, deleted: true, updatedBy: 'Agent administrateur' });
      expect((await historyOf(ctx, entity, id)).at(-1)).toMatchObject({ op: 'delete', by: 'Agent administrateur', fields: {} });
    }
    expect(await ctx.db.changes.count()).toBe(changesBefore + purged.length);
    const after = await records(ctx);
    const keys = new Set(purged.map(([entity, id]) => `${entity}:${id}`));
    for (const [key, record] of before) if (!keys.has(key)) expect(after.get(key), key).toEqual(record);
    expect((await monthTotals(ctx, ['2026-11']))[0]!.hours).toBe(0);

    // Nothing left to purge: the preview is empty and a second purge writes nothing.
    expect(await purgePreview(ctx)).toMatchObject({ counts: {}, persons: [], measures: [] });
    expect(await purge(ctx)).toEqual({});
    expect(await ctx.db.changes.count()).toBe(changesBefore + purged.length);
  });

  it('keeps everything under a longer period, and refuses a period that is not a whole number of years', async () => {
    const { ctx } = await site();
    expect(await readRetentionYears(ctx)).toBe(5);
    await setRetentionYears(as(ctx, 'administrateur'), 6);
    expect(await readRetentionYears(ctx)).toBe(6);
    expect(await purgePreview(ctx)).toMatchObject({ years: 6, counts: {}, persons: [], measures: [] });
    await expectRefused(ctx, () => setRetentionYears(ctx, 0), 'Durée de conservation : nombre entier d’années entre 1 et 30');
    await expectRefused(ctx, () => setRetentionYears(ctx, 2.5), 'Durée de conservation : nombre entier d’années entre 1 et 30');
  });

  it('refuses the setting and the purge to a role without retention.manage, and changes nothing', async () => {
    const { ctx } = await site();
    for (const role of ['cpip', 'referentTig', 'cadre'] as const) {
      await expectRefused(ctx, () => purge(as(ctx, role)), refusalOf(role, 'retention.manage'));
      await expectRefused(ctx, () => setRetentionYears(as(ctx, role), 1), refusalOf(role, 'retention.manage'));
    }
  });
});
