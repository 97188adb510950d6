import communes from '@etalab/decoupage-administratif/data/communes.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { loadDemoData, type DemoProgress } from './demoData.ts';
import type { RepoContext } from '../repos/context.ts';
import { dashboard } from '../repos/dashboard.ts';
import { measureTotals, rebuildHourTotals } from '../repos/hourTotals.ts';
import { listOrganisations } from '../repos/organisations.ts';
import { entities, entityNames } from '../schemas/entities.ts';
import { measureKinds } from '../schemas/measureKinds.ts';
import { measureStatuses } from '../schemas/measure.ts';
import { organisationKinds } from '../schemas/organisation.ts';
import { activityDomains } from '../schemas/post.ts';
import { orderedOf, progressOf } from '../rules/ordered.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The whole content without ids and stamps: each id replaced by its record's rank in the change log. */
async function content(ctx: RepoContext) {
  const creates = await ctx.db.changes
    .orderBy('seq')
    .filter((c) => c.op === 'create')
    .toArray();
  const rank = new Map(creates.map((c, i) => [c.recordId, `#${i}`]));
  const swap = (value: unknown): unknown =>
    typeof value === 'string' && UUID.test(value) ? (rank.get(value) ?? 'unknown') : Array.isArray(value) ? value.map(swap) : value;
  const out: Record<string, unknown[]> = {};
  for (const entity of entityNames) {
    const rows = await ctx.db.table(entities[entity].table).toArray();
    out[entity] = rows
      .map((row: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(row)
            .filter(([k]) => !['siteId', 'updatedAt', 'updatedBy'].includes(k))
            .map(([k, v]) => [k, swap(v)]),
        ),
      )
      .sort((a, b) => Number(String(a.id).slice(1)) - Number(String(b.id).slice(1)));
  }
  return out;
}

describe('demo data', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  const progress: DemoProgress[] = [];
  beforeAll(async () => {
    ctx = await testContext();
    await loadDemoData(ctx, { seed: 2026, onProgress: (p) => progress.push(p) });
  }, 60_000);

  it('is the same for the same seed, and different for another', async () => {
    const again = await testContext();
    await loadDemoData(again, { seed: 2026 });
    const first = await content(ctx);
    expect(await content(again)).toEqual(first);
    const other = await testContext();
    await loadDemoData(other, { seed: 7 });
    expect((await content(other)).person).not.toEqual(first.person);
  }, 60_000);

  it('has the sizes asked for, every kind, status and domain, and reports its progress', async () => {
    expect(await ctx.db.organisations.count()).toBe(40);
    expect(await ctx.db.posts.count()).toBe(80);
    expect(await ctx.db.persons.count()).toBe(150);
    expect(await ctx.db.measures.count()).toBe(180);
    expect(await ctx.db.hourLogs.count()).toBeGreaterThan(2000);
    const measures = await ctx.db.measures.toArray();
    expect(new Set(measures.map((m) => m.status))).toEqual(new Set(measureStatuses));
    expect(new Set(measures.map((m) => m.kind))).toEqual(new Set(measureKinds));
    expect(new Set((await ctx.db.posts.toArray()).map((p) => p.domain))).toEqual(new Set(activityDomains));
    const organisations = await ctx.db.organisations.toArray();
    expect(new Set(organisations.map((o) => o.kind))).toEqual(new Set(organisationKinds));
    expect(new Set(organisations.map((o) => o.departement))).toEqual(new Set(['54', '55', '57', '88']));
    expect(progress.at(-1)).toEqual({ step: 'Terminé', done: 3, total: 3 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('gives the dashboard something in every list', async () => {
    const d = await dashboard(ctx);
    expect(d.deadlinesSoon.length).toBeGreaterThan(0);
    expect(d.habilitationsExpiring.length).toBeGreaterThanOrEqual(3);
    expect(d.idlePlacements.length).toBeGreaterThan(0);
    expect(d.unreportedIncidents.length).toBeGreaterThan(0);
    expect(d.hoursByMonth.filter((m) => m.hours > 0).length).toBeGreaterThanOrEqual(10);
    const statuses = (await listOrganisations(ctx)).map((o) => o.habilitation.status);
    expect(statuses.filter((s) => s === 'retiree')).toHaveLength(1);
    expect(statuses).toContain('non_requise');
  });

  it('holds every rule, and every record is in the change log', async () => {
    const totals = await measureTotals(ctx);
    const units = new Set<string>();
    for (const m of await ctx.db.measures.toArray()) {
      const progress = progressOf(orderedOf(m), totals.get(m.id) ?? { hours: 0, days: 0 });
      units.add(progress.unit);
      expect(progress.done).toBeLessThanOrEqual(progress.ordered);
      expect(progress.done === progress.ordered).toBe(m.status === 'terminee');
    }
    // Stages ordered in days are among them.
    expect([...units].sort()).toEqual(['days', 'hours']);
    const perDay = new Map<string, number>();
    for (const l of await ctx.db.hourLogs.toArray()) {
      expect(l.date <= '2026-11-25').toBe(true);
      perDay.set(`${l.personId} ${l.date}`, (perDay.get(`${l.personId} ${l.date}`) ?? 0) + l.hours);
    }
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(12);
    await rebuildHourTotals(ctx);
    expect(await measureTotals(ctx)).toEqual(totals);
    for (const entity of entityNames) {
      const ids = (await ctx.db.table(entities[entity].table).toArray()).map((r: { id: string }) => r.id);
      const logged = await ctx.db.changes
        .where('[entity+recordId]')
        .anyOf(ids.map((id) => [entity, id]))
        .filter((c) => c.op === 'create')
        .count();
      expect(logged, entity).toBe(ids.length);
    }
  });

  it('uses real communes', async () => {
    const official = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
    for (const o of await ctx.db.organisations.toArray()) {
      const commune = official.get(o.communeCode!);
      expect(commune?.nom).toBe(o.communeName);
      expect(commune?.codesPostaux).toContain(o.postalCode);
    }
  });

  it('loads only into an empty database', async () => {
    await expect(loadDemoData(ctx, { seed: 1 })).rejects.toThrow(/ne se chargent que dans une base vide/);
  });
});
