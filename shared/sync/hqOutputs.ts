import { ed25519 } from '@noble/curves/ed25519.js';
import { isEntityName, type EntityName } from '../schemas/entities.ts';
import { activityDomainLabels, activityDomains } from '../schemas/post.ts';
import { consolidatedLine } from './centralExport.ts';
import { heldClock, isHeadquarters } from './hqImport.ts';
import { inTheBin, type HqStore } from './hqStore.ts';
import type { ReferenceData } from '../schemas/referenceData.ts';
import { signDocument, type Acknowledgement } from './signed.ts';

/**
 * Who an acknowledgement is for: one workstation of a site (`deviceId`), or a site whose bundles name no
 * workstation (headquarters' own, or a site before offices).
 */
export interface AckStream {
  siteId: string;
  code: string;
  deviceId?: string | undefined;
}

/**
 * The streams headquarters acknowledges: each workstation of an active site that sent a change, or the site
 * itself when it has no workstation. A site with workstations gets no acknowledgement of its own: its clock,
 * the highest of any workstation, would cover changes another has not sent.
 */
export function ackStreams(store: HqStore): AckStream[] {
  const streams: AckStream[] = [];
  for (const site of store.sites()) {
    if (site.retiredAt) continue;
    const workstations = store.workstations(site.siteId);
    if (workstations.length === 0) {
      if (site.ackedClock !== undefined) streams.push({ siteId: site.siteId, code: site.code });
      continue;
    }
    for (const w of workstations) if (w.ackedClock !== undefined) streams.push({ siteId: site.siteId, code: site.code, deviceId: w.deviceId });
  }
  return streams;
}

/** How streams are told apart in maps: the site id, then the device id when there is one. */
export function streamKey(stream: Pick<AckStream, 'siteId' | 'deviceId'>): string {
  return stream.deviceId === undefined ? stream.siteId : `${stream.siteId}/${stream.deviceId}`;
}

/**
 * An acknowledgement, signed: what headquarters holds of the changes of one workstation of a site, or of a
 * site that names none (`heldClock`; null when it holds none, for a site it does not know or that never sent a
 * change), derived from the store alone so it can be written again at any time.
 */
export function signedAcknowledgement(store: HqStore, stream: AckStream, issuedAt: string, signingSecret: Uint8Array): Uint8Array {
  return signDocument(acknowledgementBody(store, stream, issuedAt), signingSecret);
}

export function acknowledgementBody(store: HqStore, stream: AckStream, issuedAt: string): Acknowledgement {
  return {
    kind: 'passerelle-ack',
    siteId: stream.siteId,
    siteCode: stream.code,
    ...(stream.deviceId !== undefined ? { deviceId: stream.deviceId } : {}),
    ackedClock: heldClock(store, stream) ?? null,
    bundleCount: store.bundles(stream.siteId).length,
    issuedAt,
  };
}

/** Entities whose national records headquarters publishes to the sites, among those registered. */
export const referenceEntities: EntityName[] = ['partner', 'agreement'].filter(isEntityName);

/**
 * The reference data file: activity domains, the directory of active sites (with the keys another site needs
 * to check a file one of them signed and to encrypt a file to it), and the live records of the
 * reference entities that headquarters itself owns: those of the site whose pinned key is headquarters' own
 * signing key (`signingPublic`), whatever any header says its kind is.
 */
export function referenceData(store: HqStore, signingPublic: Uint8Array, issuedAt: string, entities: readonly EntityName[] = referenceEntities): ReferenceData {
  const sites = store.sites().filter((s) => !s.retiredAt);
  const headquarters = new Set(sites.filter((s) => isHeadquarters(s, signingPublic)).map((s) => s.siteId));
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const entity of entities) {
    records[entity] = [];
    for (const record of store.consolidated(entity)) {
      if (record.deleted || inTheBin(record) || !headquarters.has(record.owner)) continue;
      records[entity].push(JSON.parse(consolidatedLine(record)) as Record<string, unknown>);
    }
  }
  return {
    kind: 'passerelle-reference',
    issuedAt,
    activityDomains: activityDomains.map((code) => ({ code, label: activityDomainLabels[code] })),
    sites: sites.map((s) => ({
      siteId: s.siteId,
      code: s.code,
      name: s.name,
      kind: s.kind,
      departement: s.departement,
      signingKey: s.publicKey,
      ...(s.encryptionKey ? { encryptionKey: s.encryptionKey } : {}),
    })),
    records,
  };
}

export function signedReferenceData(store: HqStore, issuedAt: string, signingSecret: Uint8Array, entities?: readonly EntityName[]): Uint8Array {
  return signDocument(referenceData(store, ed25519.getPublicKey(signingSecret), issuedAt, entities), signingSecret);
}
