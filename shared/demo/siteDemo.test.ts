import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import type { RepoContext } from '../repos/context.ts';
import { loadSiteDemo } from './siteDemo.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** JSON with sorted keys: the same content gives the same text whatever order its fields were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Everything the demo writes, without what differs from one run to the next (ids, clocks): every table's rows
 * and the change log in its order, each id replaced by its record's rank among the log's creations. Two loads
 * with the same content and the same change rows, in the same order, have the same fingerprint.
 */
async function fingerprint(ctx: RepoContext): Promise<string> {
  const changes = await ctx.db.changes.orderBy('seq').toArray();
  const rank = new Map(changes.filter((c) => c.op === 'create').map((c, i) => [c.recordId, `#${i}`]));
  const swap = (text: string) => text.replace(UUID, (id) => rank.get(id) ?? 'unknown');
  const parts: string[] = [swap(canonical(changes.map(({ entity, recordId, op, fields, by }) => ({ entity, recordId, op, fields, by }))))];
  for (const table of ctx.db.tables) {
    if (table.name === 'changes' || table.name === 'meta') continue;
    // A table the demo leaves empty (one a later database version adds) holds no demo content.
    if ((await table.count()) === 0) continue;
    const rows = (await table.toArray()).map((row: Record<string, unknown>) => {
      const { updatedAt: _clock, ...rest } = row;
      return swap(canonical(rest));
    });
    parts.push(`${table.name}:${rows.sort().join('\n')}`);
  }
  return bytesToHex(sha256(utf8ToBytes(parts.join('\n\n'))));
}

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
    // The records and change rows of the demo as written one by one through the repositories (the bulk writes
    // were checked against the record-by-record load's fingerprint): a faster load must write exactly these. A
    // change of content (another name, another draw) changes it on purpose, in its own commit.
    expect(await fingerprint(ctx)).toBe('8346e6ce02ed8fd1f5b30bdd34afd0a6f6dc4ee366b91a44813c63eb57b31dc2');
  }, 60_000);

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
  }, 60_000);
});
