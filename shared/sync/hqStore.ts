import type { EntityName } from '../schemas/entities.ts';
import type { SiteKind } from '../schemas/site.ts';

/** Where a value came from: the site whose bundle carried it and the device whose clock stamped it. */
export interface Origin {
  siteId: string;
  deviceId: string;
}

/** The current value of one field at headquarters (value as canonical JSON). */
export interface StoredField extends Origin {
  value: string;
  clock: string;
}

/** Which record: its entity and id. */
export interface RecordKey {
  entity: EntityName;
  id: string;
}

export interface StoredRecord extends RecordKey {
  /**
   * The record's author: the site whose bundle created it. It never changes, so hours stay attributed to
   * where they were done, whoever holds the record later.
   */
  siteId: string;
  /**
   * The site that may write the record now: its author at first. Only `moveOwnership` changes it, on an
   * explicit act (a re-enrolment, a transfer between services).
   */
  owner: string;
  firstClock: string;
  /** The tombstone, once any bundle deleted the record. */
  deleted?: Origin & { clock: string };
}

export interface EnrolledSite {
  siteId: string;
  code: string;
  name: string;
  kind: SiteKind;
  departement: string;
  /** Ed25519 public key (hex) pinned at the first accepted bundle. */
  publicKey: string;
  /** X25519 public key (hex) the site's latest bundle announced: other sites encrypt transferred files to it. */
  encryptionKey?: string;
  enrolledAt: string;
  /** Highest clock received from the site: what its acknowledgement says. */
  ackedClock?: string;
  lastBundleAt?: string;
  /** Set when another site id took this code over (a reinstalled post re-enrolled). */
  retiredAt?: string;
}

/**
 * One workstation of an enrolled site, known from the bundles it signed: its own key (pinned under the site) and
 * what headquarters holds of its changes, which its own acknowledgement says. A site exported before offices has
 * one, its only PC.
 */
export interface SiteWorkstation {
  siteId: string;
  deviceId: string;
  /** What the office calls it (its certificate's name), once a bundle carried its certificate. */
  name?: string;
  /** Ed25519 public key (hex): the site's pinned key for its first workstation, its own for the others. */
  publicKey: string;
  enrolledAt: string;
  /** Highest clock received from this workstation. */
  ackedClock?: string;
  lastBundleAt?: string;
}

/** A pinned key replaced by a re-enrolment. */
export interface KeyChange {
  siteId: string;
  oldKey: string;
  newKey: string;
  changedAt: string;
  note: string;
}

export interface ImportedBundle {
  bundleId: string;
  siteId: string;
  siteCode: string;
  sequence: number;
  firstClock: string | null;
  lastClock: string | null;
  createdAt: string;
  importedAt: string;
  fileName: string;
  counts: Record<string, number>;
  /** SHA-256 (hex) of the file's bytes, by which the same file is known again; absent before store version 4. */
  sha256?: string;
}

/** A value that lost (to a later write or to a deletion) against one from another site or device. */
export interface Conflict {
  entity: EntityName;
  recordId: string;
  field: string;
  kind: 'value' | 'deletion';
  kept: Origin & { value: string | null; clock: string };
  lost: Origin & { value: string; clock: string };
  bundleId: string;
  recordedAt: string;
}

/**
 * The act that moves records from one site to another, kept with the move: who gave, who received, when, and
 * the signed documents it rests on (the re-enrolled installation's bundle; a transfer's offer and acceptance).
 */
export interface OwnershipAct {
  kind: 'reenrolment' | 'transfer';
  fromSiteId: string;
  toSiteId: string;
  /** ISO time of the move at headquarters. */
  at: string;
  /** The signed documents the act rests on, by id and SHA-256 (`bundle <id> sha256 <hex>`, one per line). */
  evidence: string;
  /** Who decided and why, as a person wrote it (re-enrolment) or as the act says it (transfer). */
  note: string;
  /**
   * A transfer's offer clock: the giving site wrote the records it hands over at or before it, and a bundle of
   * that site arriving after the move may still carry those writes (bundles are cumulative). Absent for a
   * re-enrolment, whose giving installation is retired.
   */
  upTo?: string;
}

/** Which records an act moves: those listed, or every record the giving site owns. */
export type OwnershipScope = readonly RecordKey[] | 'all';

/**
 * A record to write, with the fields that change: each replaces the held field of its name, the others stay.
 * One write per record, so a store may keep a record and its fields as one row.
 */
export interface RecordWrite {
  record: StoredRecord;
  fields: Readonly<Record<string, StoredField>>;
}

/** A consolidated record as the central export writes it. */
export interface ConsolidatedRecord {
  entity: EntityName;
  id: string;
  /** The author (see StoredRecord). */
  siteId: string;
  owner: string;
  deleted?: { clock: string };
  fields: Record<string, { value: unknown; clock: string }>;
}

/**
 * In a site's recycle bin (its `binned` field set, shared/repos/bin.ts): the central export, the reference data
 * and the annual review leave it out, as the site's own lists do, until it is restored (the field cleared).
 */
export function inTheBin(record: Pick<ConsolidatedRecord, 'fields'>): boolean {
  const binned = record.fields.binned?.value;
  return binned !== null && binned !== undefined;
}

/**
 * Headquarters' consolidated state. Synchronous on purpose: the SQLite implementation (node:sqlite) is, and
 * a whole import runs in one `transaction` call, which rolls everything back if it throws.
 */
export interface HqStore {
  transaction<T>(fn: () => T): T;

  site(siteId: string): EnrolledSite | undefined;
  /** The active (not retired) site holding this code. */
  siteByCode(code: string): EnrolledSite | undefined;
  sites(): EnrolledSite[];
  saveSite(site: EnrolledSite): void;
  /** A workstation of a site, by its device id. */
  workstation(siteId: string, deviceId: string): SiteWorkstation | undefined;
  /** The workstations of a site (of every site without one), by site then device id. */
  workstations(siteId?: string): SiteWorkstation[];
  saveWorkstation(workstation: SiteWorkstation): void;
  /** Record a key replacement (re-enrolment) in the site's key history. */
  recordKeyChange(change: KeyChange): void;
  /** The key history, oldest first. */
  keyChanges(): KeyChange[];

  hasBundle(bundleId: string): boolean;
  /** Whether a bundle whose file had exactly these bytes (their SHA-256, hex) was imported. */
  hasBundleHash(sha256: string): boolean;
  saveBundle(bundle: ImportedBundle): void;
  bundles(siteId?: string): ImportedBundle[];

  record(entity: EntityName, id: string): StoredRecord | undefined;
  /** Insert or replace records and merge in their changed fields, many at once (the import writes a bundle's in batches). */
  saveRecords(writes: readonly RecordWrite[]): void;
  fields(entity: EntityName, id: string): Map<string, StoredField>;
  /** Drop every field of a record (its tombstone arrived). */
  dropFields(entity: EntityName, id: string): void;

  /**
   * Give records to another site, on an explicit act recorded with them: only records `act.fromSiteId` owns
   * move. Returns how many moved. The only way a record's owner changes.
   */
  moveOwnership(act: OwnershipAct, scope: OwnershipScope): number;
  /** Every ownership act, oldest first, with the number of records it moved. */
  ownershipActs(): (OwnershipAct & { records: number })[];
  /**
   * The latest `upTo` of the acts by which `siteId` gave this record away: that former owner's writes at or
   * before it predate the move. Undefined when the site never gave it away by such an act.
   */
  formerOwnerLimit(entity: EntityName, id: string, siteId: string): string | undefined;

  /** How many live records (no tombstone) a site owns: what a re-enrolment replacing it would move. */
  ownedCount(siteId: string): number;

  /** Keep a conflict; the same lost value (same field, clock and origin) is kept once. */
  addConflict(conflict: Conflict): void;
  conflicts(): Conflict[];

  /** Every record, tombstones included, sorted by entity then id. */
  consolidated(entity?: EntityName): Iterable<ConsolidatedRecord>;
}
