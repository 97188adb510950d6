import { type Bridge } from './contract.ts';
import { type RepoContext } from '../repos/context.ts';
import { appliedVector, applyOfficeBatch, collectOwnBatch, recordOfficeSync, recordOwnBatch } from '../office/apply.ts';
import { startFieldClocks } from '../repos/fieldClocks.ts';
import { checkSnapshotChunk, finishSnapshot, loadSnapshotChunk, readSnapshotChunk, startSnapshot } from '../office/snapshot.ts';
import { entityNames } from '../schemas/entities.ts';
import { SyncError } from '../errors.ts';
import { checkOfficeBatch } from '../sync/officeBatch.ts';

/*
 * One exchange with the office share, run by the page (it holds the database) through the bridge (the Node side
 * holds the keys and the files): apply what colleagues wrote, then send this workstation's new changes, then
 * write a snapshot of the site when one is due. At start, every few minutes, and on "Synchroniser maintenant".
 */

/** Rows per request and per batch file: a few hundred kilobytes, applied in one transaction each. */
export const OFFICE_ROWS = 2_000;
/** Records per snapshot part. */
export const SNAPSHOT_PART_RECORDS = 20_000;
const SNAPSHOT_CHUNK = 2_000;

export type OfficeBridge = Pick<Bridge, 'officeFetch' | 'officePublish' | 'officeSnapshotWrite' | 'officeSnapshotRead'>;

export interface OfficeProgress {
  step: string;
  done: number;
  total: number;
}

export interface OfficeReport {
  /** Colleagues' batches applied, and their rows. */
  batches: number;
  rows: number;
  conflicts: number;
  checks: number;
  /** This workstation's rows sent. */
  sent: number;
  /** French lines: files refused, batches waiting. */
  problems: string[];
  /** Batches still in the share for this workstation (waiting for others). */
  remaining: number;
  /** Batches this workstation needs are gone from the share (it was restored from an old backup). */
  gap: boolean;
  snapshot: boolean;
}

export async function officeCycle(ctx: RepoContext, bridge: OfficeBridge, onProgress?: (p: OfficeProgress) => void): Promise<OfficeReport> {
  const report: OfficeReport = { batches: 0, rows: 0, conflicts: 0, checks: 0, sent: 0, problems: [], remaining: 0, gap: false, snapshot: false };
  let names: Record<string, string>;
  let snapshotDue: boolean;
  const refused = new Set<string>();
  await startFieldClocks(ctx.db);
  for (;;) {
    const fetched = await bridge.officeFetch({ applied: await appliedVector(ctx.db), maxRows: OFFICE_ROWS });
    names = fetched.names;
    report.problems.push(...fetched.problems);
    report.gap ||= fetched.gap;
    report.remaining = fetched.remaining;
    snapshotDue = fetched.snapshotDue;
    let moved = false;
    for (const raw of fetched.batches) {
      const key = `${raw.deviceId}:${raw.sequence}`;
      if (refused.has(key)) continue;
      const who = names[raw.deviceId] ?? raw.deviceId;
      const checked = checkOfficeBatch(raw);
      const outcome = checked.ok ? await applyOfficeBatch(ctx, checked.batch) : { status: 'refused' as const, reason: checked.reason };
      if (outcome.status === 'applied') {
        moved = true;
        report.batches++;
        report.rows += outcome.rows;
        report.conflicts += outcome.conflicts;
        report.checks += outcome.checks;
        onProgress?.({ step: `Changements de « ${who} »`, done: report.rows, total: report.rows + fetched.remaining * OFFICE_ROWS });
      } else if (outcome.status === 'refused') {
        refused.add(key);
        report.problems.push(`Bureau : lot n° ${raw.sequence} du poste « ${who} » non appliqué : ${outcome.reason}`);
      } else if (outcome.status === 'known') moved = true;
    }
    if (!moved) break;
  }

  for (;;) {
    const own = await collectOwnBatch(ctx, OFFICE_ROWS);
    const published = await bridge.officePublish({ rows: own.rows, applied: own.applied });
    if (published.sequence !== null && own.lastClock !== undefined) await recordOwnBatch(ctx, published.sequence, own.lastClock);
    report.sent += own.rows.length;
    if (own.rows.length < OFFICE_ROWS) break;
  }

  if (snapshotDue && !report.gap && report.remaining === 0) {
    await writeSnapshot(ctx, bridge, onProgress);
    report.snapshot = true;
  }
  await recordOfficeSync(ctx, names);
  return report;
}

/** The whole site into the share, part by part (each part a few thousand records), its manifest last. */
export async function writeSnapshot(ctx: RepoContext, bridge: OfficeBridge, onProgress?: (p: OfficeProgress) => void): Promise<void> {
  const start = await startSnapshot(ctx);
  const total = Object.values(start.counts).reduce((a, b) => a + b, 0);
  const { sequence } = await bridge.officeSnapshotWrite({ step: 'begin' });
  let part = 0;
  let done = 0;
  let latest: string | undefined;
  let pending: { entity: string; records: Record<string, unknown>[]; clocks: unknown[] }[] = [];
  let pendingRecords = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    part++;
    await bridge.officeSnapshotWrite({ step: 'part', sequence, part, chunks: pending });
    pending = [];
    pendingRecords = 0;
    onProgress?.({ step: 'Instantané du site', done, total });
  };
  for (const entity of entityNames) {
    let after: string | undefined;
    for (;;) {
      const chunk = await readSnapshotChunk(ctx, entity, after, SNAPSHOT_CHUNK);
      if (chunk.records.length === 0) break;
      for (const r of chunk.records) if (latest === undefined || (r.updatedAt as string) > latest) latest = r.updatedAt as string;
      pending.push(chunk);
      pendingRecords += chunk.records.length;
      done += chunk.records.length;
      after = chunk.records[chunk.records.length - 1]!.id as string;
      if (pendingRecords >= SNAPSHOT_PART_RECORDS) await flush();
    }
  }
  await flush();
  await bridge.officeSnapshotWrite({
    step: 'end',
    sequence,
    manifest: { applied: start.applied, parts: part, counts: start.counts, ...(latest ? { latest } : {}) },
  });
}

/**
 * A new workstation loads the site from the share before its first use: the newest snapshot, part by part,
 * then every batch that follows it. Returns what the catching up applied.
 */
export async function loadSiteFromShare(ctx: RepoContext, bridge: OfficeBridge, onProgress?: (p: OfficeProgress) => void): Promise<OfficeReport> {
  const first = await bridge.officeSnapshotRead({ step: 'manifest' });
  const { deviceId, sequence, manifest } = first;
  const total = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  let done = 0;
  let latest: string | undefined;
  onProgress?.({ step: 'Chargement du site', done, total });
  for (let part = 1; part <= manifest.parts; part++) {
    const read = await bridge.officeSnapshotRead({ step: 'part', deviceId, sequence, part });
    for (const raw of read.chunks) {
      const chunk = checkSnapshotChunk(raw);
      if (typeof chunk === 'string') throw new SyncError(chunk);
      const last = await loadSnapshotChunk(ctx, chunk);
      if (last !== undefined && (latest === undefined || last > latest)) latest = last;
      done += chunk.records.length;
    }
    onProgress?.({ step: 'Chargement du site', done, total });
  }
  await finishSnapshot(ctx, manifest.applied, latest);
  return officeCycle(ctx, bridge, onProgress);
}
