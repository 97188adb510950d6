import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { memoryHqStore } from '../../test/support/memoryHqStore.ts';
import { officeOf, siteState } from '../../test/support/office.ts';
import { hqFixture, siteFixture } from '../../test/support/sync.ts';
import { fromUtf8 } from '../sync/bytes.ts';
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

describe('retention at headquarters', () => {
  it('carries the purge’s tombstones in the next export: headquarters deletes the same records', async () => {
    const site = await siteFixture();
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const person = await createPerson(site.ctx, adultInput);
    const measure = await createMeasure(site.ctx, measureInput(person.id));
    await revokeMeasure(site.ctx, measure.id, '2026-11-20');
    expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    const exported = () => fromUtf8(gunzipSync(hq.centralExport()));
    expect(exported()).toContain(measure.id);

    site.ctx.clock.set('2032-01-01T10:00:00.000Z');
    hq.setNow('2032-01-01T12:00:00.000Z');
    expect(await purge(site.ctx)).toEqual({ person: 1, measure: 1 });
    expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    // The person reaches headquarters only pseudonymised; the measure by its id, now a tombstone.
    expect([...hq.store.consolidated('measure')].find((r) => r.id === measure.id)?.deleted).toBeDefined();
    // The national export passes the deletion on.
    expect(
      exported()
        .split('\n')
        .filter((line) => line.includes(measure.id)),
    ).toEqual([expect.stringMatching(/"deleted":true}$/)]);
  });
});

describe('retention in an office', () => {
  it('purges on a colleague’s workstation too, once the share has carried the tombstones', async () => {
    const { stations, publish, receive } = await officeOf(2);
    const [a, b] = stations as [(typeof stations)[0] & object, (typeof stations)[0] & object];
    const host = await seedHost(a);
    const person = await createPerson(a, adultInput);
    const measure = await createMeasure(a, measureInput(person.id));
    const placement = await createPlacement(a, { measureId: measure.id, postId: host.post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
    await addHourLog(a, { measureId: measure.id, personId: person.id, placementId: placement.id, date: '2026-11-02', hours: 3, confirmedByTutor: true });
    await revokeMeasure(a, measure.id, '2026-11-20');
    await publish(a);
    await receive(b);
    expect((await monthTotals(b, ['2026-11']))[0]!.hours).toBe(3);

    for (const station of [a, b]) station.clock.set('2032-01-01T10:00:00.000Z');
    expect(await purge(a)).toEqual({ person: 1, measure: 1, placement: 1, hourLog: 1 });
    await publish(a);
    await receive(b);
    expect(await b.db.persons.get(person.id)).toMatchObject({ deleted: true });
    expect((await monthTotals(b, ['2026-11']))[0]!.hours).toBe(0);
    expect(await siteState(b)).toEqual(await siteState(a));
  });
});
