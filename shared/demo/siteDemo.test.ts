import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { loadSiteDemo } from './siteDemo.ts';

describe('first-run demonstration data', () => {
  it('loads the TIG follow-up and the workshops together, all in the change log', async () => {
    const ctx = await testContext();
    const steps: number[] = [];
    await loadSiteDemo(ctx, { seed: 2026, onProgress: (p) => steps.push(p.done / p.total) });
    expect(await ctx.db.persons.count()).toBeGreaterThan(100);
    expect(await ctx.db.sessions.count()).toBeGreaterThan(0);
    expect(await ctx.db.enrolments.count()).toBeGreaterThan(0);
    expect(steps.at(-1)).toBe(1);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const logged = new Set((await ctx.db.changes.toArray()).map((c) => c.recordId));
    for (const person of await ctx.db.persons.toArray()) expect(logged.has(person.id)).toBe(true);
  });

  it('leaves the database empty when any part fails, so the user can try again', async () => {
    const ctx = await testContext();
    // A failure during the workshops part, after the whole TIG part was written in the transaction.
    const failing = loadSiteDemo(ctx, {
      seed: 2026,
      onProgress: (p) => {
        if (p.done > 3) throw new Error('coupure');
      },
    });
    await expect(failing).rejects.toThrow('coupure');
    expect(await ctx.db.persons.count()).toBe(0);
    expect(await ctx.db.organisations.count()).toBe(0);
    expect(await ctx.db.changes.count()).toBe(0);
  });
});
