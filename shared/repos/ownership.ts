import { entities, type EntityName } from '../schemas/entities.ts';
import type { SiteIdentity } from '../schemas/site.ts';
import { RepoError } from '../errors.ts';
import type { Writer } from './writer.ts';

/** Headquarters (ATIGIP) authors the national reference data that sites receive. */
export function isHeadquarters(identity: SiteIdentity): boolean {
  return identity.kind === 'atigip';
}

/** Whether this site may change the record: its own, or any at headquarters. */
export function isLocallyOwned(identity: SiteIdentity, record: { siteId: string }): boolean {
  return isHeadquarters(identity) || record.siteId === identity.siteId;
}

/**
 * Records that came from elsewhere (reference data sent by headquarters, another site's records) are read
 * only on a site: only their author may change them, so the next sync does not undo the change.
 */
export function assertLocallyOwned(w: Writer, record: { siteId: string }, entity: EntityName): void {
  if (isLocallyOwned(w.identity, record)) return;
  throw new RepoError(`${entities[entity].label} : donnée de référence reçue du siège ou d’un autre site, en lecture seule ici.`);
}
