import { v7 as uuidv7 } from 'uuid';
import type { RepoContext } from '../../shared/repos/context.ts';
import { startFieldClocks } from '../../shared/repos/fieldClocks.ts';
import { readIdentity, setUpSite } from '../../shared/repos/identity.ts';
import { appliedVector, applyOfficeBatch, collectOwnBatch, recordOwnBatch, type ApplyOutcome } from '../../shared/office/apply.ts';
import { checkSnapshotChunk, finishSnapshot, joinSite, loadSnapshotChunk, readSnapshotChunk, startSnapshot } from '../../shared/office/snapshot.ts';
import { entityNames } from '../../shared/schemas/entities.ts';
import { entityTable } from '../../shared/repos/writer.ts';
import { waitingReason, type OfficeBatch } from '../../shared/sync/officeBatch.ts';
import type { SiteSetupInput } from '../../shared/schemas/site.ts';
import { fixedClock, memoryDb, testSite } from './memoryDb.ts';

export type Station = RepoContext & { clock: ReturnType<typeof fixedClock>; deviceId: string; userName: string };

/**
 * An office of `count` workstations on in-memory databases, all on one site (`site`, SPIP-54 unless told), and a share held in memory (a
 * list of batches): the exchange without the files, to test the merge and the causal order on the real
 * repositories. Each workstation has its own clock (set `skewMs` to make a PC's clock wrong).
 */
export async function officeOf(count: number, startIso = '2026-11-25T10:00:00.000Z', site: SiteSetupInput = testSite) {
  const first: Station = { db: memoryDb('office-0'), clock: fixedClock(startIso), deviceId: '', userName: 'Agent 0' };
  await setUpSite(first, { ...site, userName: 'Agent 0' });
  await startFieldClocks(first.db);
  const founder = (await readIdentity(first.db))!;
  first.deviceId = founder.deviceId;
  const stations: Station[] = [first];
  for (let i = 1; i < count; i++) {
    const station: Station = { db: memoryDb(`office-${i}`), clock: fixedClock(startIso), deviceId: uuidv7(), userName: `Agent ${i}` };
    await joinSite(station, { ...founder, deviceId: station.deviceId, userName: station.userName });
    await finishSnapshot(station, {}, undefined);
    stations.push(station);
  }
  const share: OfficeBatch[] = [];

  /** Put the workstation's new changes in the share as one batch (none when it has nothing new). */
  async function publish(station: Station): Promise<OfficeBatch | undefined> {
    const { rows, lastClock, applied } = await collectOwnBatch(station, 100_000);
    if (!lastClock) return undefined;
    const sequence = (applied[station.deviceId] ?? 0) + 1;
    const { [station.deviceId]: _own, ...after } = applied;
    const batch: OfficeBatch = { deviceId: station.deviceId, sequence, after, rows: structuredClone(rows) };
    share.push(batch);
    await recordOwnBatch(station, sequence, lastClock);
    return batch;
  }

  /** Apply every batch of the share whose turn has come, until none is left; returns the outcomes. */
  async function receive(station: Station, from: readonly OfficeBatch[] = share): Promise<ApplyOutcome[]> {
    const outcomes: ApplyOutcome[] = [];
    for (;;) {
      const applied = await appliedVector(station.db);
      const next = from.find((b) => (applied[b.deviceId] ?? 0) < b.sequence && waitingReason(applied, b) === undefined);
      if (!next) return outcomes;
      outcomes.push(await applyOfficeBatch(station, structuredClone(next)));
    }
  }

  /**
   * A new workstation joins from a snapshot of `from` (read a few records at a time, as the share holds it in
   * parts), then applies what follows it.
   */
  async function join(from: Station, chunkSize = 3): Promise<Station> {
    const station: Station = {
      db: memoryDb(`office-${stations.length}`),
      clock: fixedClock(new Date(from.clock.now()).toISOString()),
      deviceId: uuidv7(),
      userName: `Agent ${stations.length}`,
    };
    await joinSite(station, { ...founder, deviceId: station.deviceId, userName: station.userName });
    const { applied } = await startSnapshot(from);
    let latest: string | undefined;
    for (const entity of entityNames) {
      let after: string | undefined;
      for (;;) {
        const chunk = await readSnapshotChunk(from, entity, after, chunkSize);
        if (chunk.records.length === 0) break;
        const checked = checkSnapshotChunk(structuredClone(chunk));
        if (typeof checked === 'string') throw new Error(checked);
        const last = await loadSnapshotChunk(station, checked);
        if (last !== undefined && (latest === undefined || last > latest)) latest = last;
        after = chunk.records[chunk.records.length - 1]!.id as string;
      }
    }
    await finishSnapshot(station, applied, latest);
    stations.push(station);
    return station;
  }

  return { stations, share, publish, receive, join, founder };
}

/**
 * What must be identical on every workstation once all changes went round: every live record in full, and for
 * a deleted one its tombstone (its other fields are of no use any more, and keep what each workstation had).
 */
export async function siteState(ctx: RepoContext): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const entity of entityNames) {
    const rows = (await entityTable(ctx.db, entity).toArray()) as Record<string, unknown>[];
    state[entity] = rows
      .map((r) => (r.deleted ? { id: r.id, deleted: true, updatedAt: r.updatedAt, updatedBy: r.updatedBy } : r))
      .sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
  }
  const clocks = await ctx.db.fieldClocks.toArray();
  state.fieldClocks = clocks.map((c) => (c.deleted ? { key: c.key, deleted: c.deleted } : c)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const totals = await ctx.db.hourTotals.toArray();
  state.hourTotals = totals.filter((t) => t.hours !== 0 || (t.days ?? 0) !== 0).sort((a, b) => (a.key < b.key ? -1 : 1));
  return state;
}
