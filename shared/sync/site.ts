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
import type { DeviceCertificate } from './officeTrust.ts';
import { hlcNode } from '../db/hlc.ts';

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
  /** This workstation: its bundles carry only its own changes, and headquarters acknowledges them apart. */
  deviceId?: string | undefined;
}

export async function collectPending(ctx: RepoContext): Promise<PendingExport> {
  const identity = await getIdentity(ctx);
  if (!identity) throw new SyncError('Le site n’est pas encore configuré : terminez la première mise en route avant d’exporter.');
  const { afterClock, changes } = await unacknowledgedChanges(ctx);
  const carried = await carriedPersonKeys(ctx);
  return {
    ...(carried.size > 0 ? { personKeys: Object.fromEntries(carried) } : {}),
    site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
    deviceId: identity.deviceId,
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
export function bundleInputFromPending(pending: PendingExport, sequence: number, createdAt: number, deviceChain?: readonly DeviceCertificate[]): BundleInput {
  const { site, deviceId, afterClock, firstClock, lastClock, changeCount, records, personKeys } = pending;
  return {
    site,
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...(deviceChain && deviceChain.length > 0 ? { deviceChain } : {}),
    sequence,
    afterClock,
    firstClock,
    lastClock,
    changeCount,
    records,
    ...(personKeys ? { personKeys } : {}),
    createdAt,
  };
}

export interface ExportResult {
  fileName: string;
  header: BundleHeader;
}

/**
 * Export every unacknowledged change as one bundle file in `files` (the sync folder or a USB key). The
 * file is written atomically by the FileStore; a bundle that never arrives is healed by the next one, which
 * carries the same changes again until headquarters acknowledges them. `namingNoWorkstation` writes it as a
 * site's only PC did before offices (`SPIP-54-12.passerelle`, no `deviceId`): the demo's simulated sites.
 */
export async function exportBundle(
  ctx: RepoContext,
  options: { keys: KeyStore; files: FileStore; hq: HqPublic; deflate?: Deflate; namingNoWorkstation?: boolean },
): Promise<ExportResult> {
  const collected = await collectPending(ctx);
  const { deviceId: _device, ...anonymous } = collected;
  const pending = options.namingNoWorkstation ? anonymous : collected;
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
  const refusal = acknowledgementRefusal(acknowledgement, identity);
  if (refusal) throw new SyncError(refusal);
  return recordAcknowledgementReceipt(ctx, acknowledgement);
}

/**
 * Why this workstation must not apply an acknowledgement, in French, or undefined when it may. It must be for its
 * site, and say what headquarters holds of **this workstation's** changes: one naming another workstation would
 * mark as received changes this one never sent. An acknowledgement naming no workstation (headquarters before
 * offices, or a bundle that named none) is for the only workstation whose bundles that headquarters accepted:
 * it is applied when the clock it acknowledges is this workstation's own (or null: nothing held).
 */
export function acknowledgementRefusal(
  acknowledgement: Pick<Acknowledgement, 'siteId' | 'siteCode' | 'deviceId' | 'ackedClock'>,
  identity: { siteId: string; deviceId: string },
): string | undefined {
  if (acknowledgement.siteId !== identity.siteId) {
    return `Accusé de réception destiné à un autre site (${acknowledgement.siteCode}) : il n’a pas été appliqué.`;
  }
  const about = acknowledgement.deviceId ?? (acknowledgement.ackedClock === null ? identity.deviceId : hlcNode(acknowledgement.ackedClock));
  if (about !== identity.deviceId) {
    return `Accusé de réception destiné à un autre poste du site ${acknowledgement.siteCode} : il n’a pas été appliqué (chaque poste reçoit le sien).`;
  }
  return undefined;
}

/** Read a reference data file after checking headquarters' signature. A site only reads it, never edits it. */
export function verifyReferenceData(bytes: Uint8Array, hq: HqPublic): ReferenceData {
  return readReferenceData(bytes, hq.signingKey);
}
