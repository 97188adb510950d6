import type { Deflate } from '../ports/deflate.ts';
import type { FileStore } from '../ports/fileStore.ts';
import type { KeyStore } from '../ports/keyStore.ts';
import type { RepoContext } from '../repos/context.ts';
import { getIdentity } from '../repos/identity.ts';
import { recordAcknowledgementReceipt, takeBundleSequence, unacknowledgedChanges } from '../repos/syncState.ts';
import { buildBundle, type BundleHeader, type BundleInput, type BundleSite } from './bundle.ts';
import { collapseChanges, type CollapsedRecord } from './collapse.ts';
import { SyncError } from '../errors.ts';
import { ensureSiteKeys, type HqPublic } from './keys.ts';
import { carriedPersonKeys } from './transfers.ts';
import type { ReferenceData } from '../schemas/referenceData.ts';
import { readAcknowledgement, readReferenceData, type Acknowledgement } from './signed.ts';

/**
 * What the next bundle must carry: every change headquarters has not acknowledged, collapsed per record
 * and field. Plain data, so the desktop app can collect it where the database lives (the renderer) and
 * hand it to the process that holds the keys.
 */
export interface PendingExport {
  site: BundleSite;
  afterClock?: string | undefined;
  firstClock?: string | undefined;
  lastClock?: string | undefined;
  changeCount: number;
  records: CollapsedRecord[];
  /** Persons received by transfer and their key at headquarters (absent when there are none). */
  personKeys?: Record<string, string>;
}

export async function collectPending(ctx: RepoContext): Promise<PendingExport> {
  const identity = await getIdentity(ctx);
  if (!identity) throw new SyncError('Le site n’est pas encore configuré : terminez la première mise en route avant d’exporter.');
  const { afterClock, changes } = await unacknowledgedChanges(ctx);
  const carried = await carriedPersonKeys(ctx);
  return {
    ...(carried.size > 0 ? { personKeys: Object.fromEntries(carried) } : {}),
    site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
    afterClock,
    firstClock: changes[0]?.clock,
    lastClock: changes[changes.length - 1]?.clock,
    changeCount: changes.length,
    records: collapseChanges(changes),
  };
}

/**
 * The bundle `pending` becomes once numbered and dated: one recipe for the site's export, the desktop app's
 * (the renderer collects, the Node side seals) and headquarters' own records.
 */
export function bundleInputFromPending(pending: PendingExport, sequence: number, createdAt: number): BundleInput {
  const { site, afterClock, firstClock, lastClock, changeCount, records, personKeys } = pending;
  return { site, sequence, afterClock, firstClock, lastClock, changeCount, records, ...(personKeys ? { personKeys } : {}), createdAt };
}

export interface ExportResult {
  fileName: string;
  header: BundleHeader;
}

/**
 * Export every unacknowledged change as one bundle file in `files` (the sync folder or a USB key). The
 * file is written atomically by the FileStore; a bundle that never arrives is healed by the next one, which
 * carries the same changes again until headquarters acknowledges them.
 */
export async function exportBundle(ctx: RepoContext, options: { keys: KeyStore; files: FileStore; hq: HqPublic; deflate?: Deflate }): Promise<ExportResult> {
  const pending = await collectPending(ctx);
  const siteKeys = await ensureSiteKeys(options.keys);
  const sequence = await takeBundleSequence(ctx);
  const built = buildBundle(bundleInputFromPending(pending, sequence, ctx.clock.now()), siteKeys, options.hq, options.deflate);
  await options.files.write(built.fileName, built.bytes);
  return { fileName: built.fileName, header: built.header };
}

/**
 * Apply an acknowledgement file after checking headquarters' signature and that it is this site's: the
 * changes it covers are no longer pending and no longer exported (and those it no longer covers are again).
 */
export async function applyAcknowledgement(
  ctx: RepoContext,
  bytes: Uint8Array,
  hq: HqPublic,
): Promise<{ acknowledgement: Acknowledgement; previous: string | undefined; current: string | undefined; applied: boolean }> {
  const acknowledgement = readAcknowledgement(bytes, hq.signingKey);
  return { acknowledgement, ...(await recordAcknowledgement(ctx, acknowledgement)) };
}

/**
 * Apply an acknowledgement whose signature was already checked (the desktop app checks it where the keys
 * are, then hands the body to the renderer, where the database is), after checking that it is this site's.
 */
export async function recordAcknowledgement(
  ctx: RepoContext,
  acknowledgement: Acknowledgement,
): Promise<{ previous: string | undefined; current: string | undefined; applied: boolean }> {
  const identity = await getIdentity(ctx);
  if (!identity) throw new SyncError('Le site n’est pas encore configuré.');
  if (acknowledgement.siteId !== identity.siteId) {
    throw new SyncError(`Accusé de réception destiné à un autre site (${acknowledgement.siteCode}) : il n’a pas été appliqué.`);
  }
  return recordAcknowledgementReceipt(ctx, acknowledgement);
}

/** Read a reference data file after checking headquarters' signature. A site only reads it, never edits it. */
export function verifyReferenceData(bytes: Uint8Array, hq: HqPublic): ReferenceData {
  return readReferenceData(bytes, hq.signingKey);
}
