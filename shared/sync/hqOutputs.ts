import { ed25519 } from '@noble/curves/ed25519.js';
import { isEntityName, type EntityName } from '../schemas/entities.ts';
import { activityDomainLabels, activityDomains } from '../schemas/post.ts';
import { consolidatedLine } from './centralExport.ts';
import { heldClock, isHeadquarters } from './hqImport.ts';
import type { EnrolledSite, HqStore } from './hqStore.ts';
import type { ReferenceData } from '../schemas/referenceData.ts';
import { signDocument, type Acknowledgement } from './signed.ts';

/**
 * A site's acknowledgement, signed: what headquarters holds of its changes (`heldClock`; null when it holds
 * none, for a site it does not know or that never sent a change), derived from the store alone so it can be
 * written again at any time.
 */
export function signedAcknowledgement(store: HqStore, site: Pick<EnrolledSite, 'siteId' | 'code'>, issuedAt: string, signingSecret: Uint8Array): Uint8Array {
  const body: Acknowledgement = {
    kind: 'passerelle-ack',
    siteId: site.siteId,
    siteCode: site.code,
    ackedClock: heldClock(store, site) ?? null,
    bundleCount: store.bundles(site.siteId).length,
    issuedAt,
  };
  return signDocument(body, signingSecret);
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
      if (record.deleted || !headquarters.has(record.owner)) continue;
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
