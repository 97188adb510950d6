import { SyncError } from '../errors.ts';
import { counted } from '../format/agreement.ts';
import { decryptBundle, parsePayload, readBundle, type BundleHeader } from './bundle.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from './bytes.ts';
import type { EnrolledSite, HqStore, ImportedBundle } from './hqStore.ts';
import type { HqKeyring } from './keys.ts';
import { mergeRecords, WriteRefused } from './merge.ts';
import { hlcNode, parseHlc } from '../db/hlc.ts';
import { chainTrusts } from './officeTrust.ts';
import type { Inflate } from '../ports/deflate.ts';

/** Headquarters refuses a bundle whose clocks run further ahead of its own clock than this. */
export const MAX_CLOCK_LEAD_MS = 24 * 60 * 60 * 1000;

export type ImportOutcome =
  | { status: 'accepted'; header: BundleHeader; records: number; conflicts: number; enrolled: boolean }
  | { status: 'known'; header: BundleHeader }
  /** `gap`: the bundle starts after what headquarters holds; the site's acknowledgement must tell it so. */
  | { status: 'refused'; reason: string; header?: BundleHeader; gap?: true };

export interface ImportOptions {
  /** Headquarters' wall clock, in milliseconds since the epoch. */
  now: number;
  fileName: string;
  /** The payload's decompressor: Node passes its zlib (electron/node/deflate.ts); fflate otherwise. */
  inflate?: Inflate;
  /** SHA-256 of the file: Node passes its native one (electron/node/sha256.ts); @noble/hashes otherwise. */
  sha256?: (bytes: Uint8Array) => Uint8Array;
}

/** What an import needs of headquarters' keys: every decryption key, and its signing key, which identifies its own bundles. */
export type ImportKeys = Pick<HqKeyring, 'decryptionKeys' | 'signingPublic'>;

/**
 * Whether a site is headquarters itself: its pinned key is headquarters' signing key (`hq.pub`). Never a
 * header field: any site can write `siteKind: "atigip"` in its header, none can sign with that key.
 */
export function isHeadquarters(site: Pick<EnrolledSite, 'publicKey'>, signingPublic: Uint8Array): boolean {
  return site.publicKey === bytesToHex(signingPublic);
}

/**
 * Import one bundle into the headquarters store: check the signature (not again for a file whose SHA-256 it
 * knows) and the site's pinned key (trusted on first use), that only headquarters' own key speaks as
 * headquarters, recognise a bundle already imported, check the clocks, decrypt with whichever headquarters key the header names, validate every record against
 * the wire schemas, then merge everything in one transaction, where any write the site may not make (a record
 * it does not own) refuses the whole bundle. A refused bundle changes nothing.
 */
export function importBundle(store: HqStore, keys: ImportKeys, bytes: Uint8Array, options: ImportOptions): ImportOutcome {
  // The same file again (a folder imported twice) is known by its hash, cheaper than its signature; every check
  // of its header still runs, so a site re-enrolled or retired since is answered as for any of its files.
  const digest = bytesToHex((options.sha256 ?? sha256)(bytes));
  const envelope = readBundle(bytes, { signatureChecked: store.hasBundleHash(digest) });
  if (!envelope.ok) return refused(envelope.reason, envelope.header);
  const { header } = envelope;

  const fromHeadquarters = isHeadquarters({ publicKey: header.sitePublicKey }, keys.signingPublic);
  if ((header.siteKind === 'atigip') !== fromHeadquarters) {
    return refused(
      fromHeadquarters
        ? 'Lot signé par la clé du siège pour un site qui n’est pas le siège : il est refusé.'
        : `Ce lot se présente comme venant du siège (type ATIGIP) sans être signé par la clé du siège : seul le siège écrit sous ce type. Il est refusé.`,
      header,
    );
  }

  const pinned = store.site(header.siteId);
  const trust = workstationTrust(store, header, pinned);
  if (trust === 'other-key') {
    return refused(
      `Clé de signature différente de celle enregistrée pour le site ${pinned?.code ?? header.siteCode}${header.deviceId !== undefined ? ' et ce poste' : ''} : le lot est refusé. Si ce poste a été réinstallé, réinscrivez le site (passerelle hq reenrol) après avoir vérifié son origine.`,
      header,
    );
  }
  if (pinned?.retiredAt) {
    return refused(`Ce site a été remplacé par un poste réinscrit sous le code ${pinned.code} : ses lots ne sont plus acceptés.`, header);
  }
  if (!pinned) {
    const holder = store.siteByCode(header.siteCode);
    if (holder) {
      return refused(
        `Le code de site ${header.siteCode} appartient déjà à un autre site inscrit : le lot est refusé. Un nouveau poste de ce site doit le rejoindre (« Rejoindre un site existant ») au lieu de se déclarer nouveau site. Si ce poste a été réinstallé, réinscrivez le site (passerelle hq reenrol) après avoir vérifié son origine.`,
        header,
      );
    }
  }
  if (store.hasBundle(header.bundleId)) return { status: 'known', header };

  const held = heldClock(store, header);
  if (header.afterClock !== null && (held === undefined || header.afterClock > held)) {
    return { status: 'refused', reason: gapReason(header.afterClock, held), header, gap: true };
  }

  if (header.lastClock !== null && parseHlc(header.lastClock).wall > options.now + MAX_CLOCK_LEAD_MS) {
    return refused(
      `Horloges en avance de plus de 24 heures sur celle du siège (dernière modification datée du ${header.lastClock.slice(0, 10)} à ${header.lastClock.slice(11, 16)} UTC) : vérifiez la date et l’heure du poste du site, puis exportez un nouveau lot.`,
      header,
    );
  }

  const decrypted = decryptBundle(envelope, keys.decryptionKeys, options.inflate);
  if (!decrypted.ok) return refused(decrypted.reason, header);
  const parsed = parsePayload(header, decrypted.payload);
  if (!parsed.ok) return refused(parsed.reason, header);

  const at = new Date(options.now).toISOString();
  let enrolled = false;
  let conflicts = 0;
  let applied: boolean;
  try {
    applied = store.transaction(() => {
      // Another import (a second worker) may have taken the same bundle meanwhile.
      if (store.hasBundle(header.bundleId)) return false;
      const site = store.site(header.siteId);
      enrolled = !site;
      if (site && header.deviceId !== undefined) adoptOnlyWorkstation(store, site);
      const ackedClock = higher(site?.ackedClock, header.lastClock);
      // A site renamed between two bundles keeps the name of its latest one, whatever the order of arrival.
      const previousLatest = latestBundle(store.bundles(header.siteId));
      const describes = !site || !previousLatest || laterThan(header, previousLatest);
      store.saveSite({
        siteId: header.siteId,
        code: describes ? header.siteCode : site.code,
        name: describes ? header.siteName : site.name,
        kind: describes ? header.siteKind : site.kind,
        departement: describes ? header.siteDepartement : site.departement,
        // The site's pinned key stays its first workstation's; a colleague's key is pinned as a workstation.
        publicKey: site?.publicKey ?? header.sitePublicKey,
        ...encryptionKeyOf(describes ? [header.siteEncryptionKey, site?.encryptionKey] : [site.encryptionKey, header.siteEncryptionKey]),
        enrolledAt: site?.enrolledAt ?? at,
        ...(ackedClock !== undefined ? { ackedClock } : {}),
        lastBundleAt: at,
      });
      if (header.deviceId !== undefined) saveWorkstations(store, header, header.deviceId, at);
      conflicts = mergeRecords({ store, siteId: header.siteId, bundleId: header.bundleId, at }, parsed.records);
      store.saveBundle({
        bundleId: header.bundleId,
        siteId: header.siteId,
        siteCode: header.siteCode,
        sequence: header.sequence,
        firstClock: header.firstClock,
        lastClock: header.lastClock,
        createdAt: header.createdAt,
        importedAt: at,
        fileName: options.fileName,
        counts: header.counts,
        sha256: digest,
      });
      return true;
    });
  } catch (error) {
    if (error instanceof WriteRefused) return refused(error.message, header);
    throw error;
  }
  if (!applied) return { status: 'known', header };
  return { status: 'accepted', header, records: parsed.records.length, conflicts, enrolled };
}

/**
 * The clock up to which headquarters holds every change of a bundle's stream: one workstation of the site when
 * the bundle names it (each workstation's bundles carry its own changes only, so one's clock says nothing of
 * another's), the site as a whole for a bundle naming none (headquarters' own, or written before offices). A
 * site's only PC before it named itself is known by the node of the site's clock, until its first bundle
 * naming it. The one place that says which clock a bundle continues.
 */
export function heldClock(store: HqStore, stream: { siteId: string; deviceId?: string | undefined }): string | undefined {
  const site = store.site(stream.siteId);
  if (stream.deviceId === undefined) return site?.ackedClock;
  const workstation = store.workstation(stream.siteId, stream.deviceId);
  if (workstation) return workstation.ackedClock;
  if (site?.ackedClock === undefined || store.workstations(stream.siteId).length > 0) return undefined;
  return hlcNode(site.ackedClock) === stream.deviceId ? site.ackedClock : undefined;
}

/**
 * A site's only PC from before offices, whose bundles named no workstation, becomes its first workstation when a
 * bundle naming one arrives: with the site's pinned key and what headquarters held of the site (its clock is
 * that PC's own), so that neither its next bundle nor a colleague's is read against the other's clock.
 */
function adoptOnlyWorkstation(store: HqStore, site: EnrolledSite): void {
  if (site.ackedClock === undefined || store.workstations(site.siteId).length > 0) return;
  store.saveWorkstation({
    siteId: site.siteId,
    deviceId: hlcNode(site.ackedClock),
    publicKey: site.publicKey,
    enrolledAt: site.enrolledAt,
    ackedClock: site.ackedClock,
    ...(site.lastBundleAt !== undefined ? { lastBundleAt: site.lastBundleAt } : {}),
  });
}

function higher(held: string | undefined, clock: string | null): string | undefined {
  return held !== undefined && (clock === null || held >= clock) ? held : (clock ?? undefined);
}

/**
 * Whether the bundle's key may sign for its site and workstation: the key pinned for that workstation; for a
 * workstation headquarters does not know yet, the site's pinned key (its first PC), or a certificate chain
 * (`deviceChain`) from the bundle's key up to a key pinned for the site; for a site it does not know, any key
 * (trusted on first use). A bundle naming no workstation is signed by the site's pinned key.
 */
function workstationTrust(store: HqStore, header: BundleHeader, pinned: EnrolledSite | undefined): 'pinned' | 'chained' | 'first-use' | 'other-key' {
  if (!pinned) return 'first-use';
  const key = header.sitePublicKey;
  if (header.deviceId === undefined) return pinned.publicKey === key ? 'pinned' : 'other-key';
  const known = store.workstation(header.siteId, header.deviceId);
  if (known) return known.publicKey === key ? 'pinned' : 'other-key';
  if (pinned.publicKey === key) return 'pinned';
  const chain = header.deviceChain ?? [];
  if (chain[0]?.deviceId !== header.deviceId) return 'other-key';
  const trusted = new Set([pinned.publicKey, ...store.workstations(header.siteId).map((w) => w.publicKey)]);
  return chainTrusts(header.siteId, key, chain, trusted) ? 'chained' : 'other-key';
}

/**
 * Pin the bundle's workstation under its site, with what headquarters now holds of it, and the other
 * workstations its certificate chain vouches for (the office's founding PC, when a later one is the first
 * to reach headquarters), so that their own bundles are recognised.
 */
function saveWorkstations(store: HqStore, header: BundleHeader, deviceId: string, at: string): void {
  const known = store.workstations(header.siteId);
  const chain = header.deviceChain ?? [];
  for (const certificate of chain.slice(1)) {
    if (known.some((w) => w.deviceId === certificate.deviceId)) continue;
    store.saveWorkstation({ siteId: header.siteId, deviceId: certificate.deviceId, name: certificate.name, publicKey: certificate.publicKey, enrolledAt: at });
  }
  const current = store.workstation(header.siteId, deviceId);
  const name = chain[0]?.name ?? current?.name;
  const ackedClock = higher(current?.ackedClock, header.lastClock);
  store.saveWorkstation({
    siteId: header.siteId,
    deviceId,
    ...(name !== undefined ? { name } : {}),
    publicKey: header.sitePublicKey,
    enrolledAt: current?.enrolledAt ?? at,
    ...(ackedClock !== undefined ? { ackedClock } : {}),
    lastBundleAt: at,
  });
}

/** A clock as a person reads it: `25/11/2026 à 10:00 UTC`. */
function clockLabel(clock: string): string {
  return `${clock.slice(8, 10)}/${clock.slice(5, 7)}/${clock.slice(0, 4)} à ${clock.slice(11, 16)} UTC`;
}

function gapReason(afterClock: string, held: string | undefined): string {
  const holds = held === undefined ? 'le siège ne détient encore aucune modification de ce site' : `le siège n’en détient que jusqu’au ${clockLabel(held)}`;
  return `Lot incomplet : il reprend après les modifications du site jusqu’au ${clockLabel(afterClock)}, mais ${holds} (sauvegarde du siège restaurée, ou lot précédent jamais importé ?). Il est refusé sans rien changer ; l’accusé de réception du siège dit ce qu’il détient, et le prochain export du site renverra ce qui manque.`;
}

/** The first encryption key known, newest source first: a bundle older than transfers announces none. */
function encryptionKeyOf(candidates: readonly (string | undefined)[]): { encryptionKey?: string } {
  const key = candidates.find((k) => k !== undefined);
  return key === undefined ? {} : { encryptionKey: key };
}

type BundleStamp = Pick<ImportedBundle, 'lastClock' | 'createdAt' | 'bundleId'>;

/** Which of two bundles of a site is the later: by last clock, then creation time, then id (never a tie). */
function laterThan(a: BundleStamp, b: BundleStamp): boolean {
  const keyA = [a.lastClock ?? '', a.createdAt, a.bundleId];
  const keyB = [b.lastClock ?? '', b.createdAt, b.bundleId];
  for (let i = 0; i < keyA.length; i++) if (keyA[i] !== keyB[i]) return (keyA[i] as string) > (keyB[i] as string);
  return false;
}

/**
 * A site's latest bundle, whatever the order they were imported in: its header says what the site is called
 * now (name, kind, département), and the central export's directory names it as the last bundle received.
 */
export function latestBundle<B extends BundleStamp>(bundles: readonly B[]): B | undefined {
  let latest: B | undefined;
  for (const bundle of bundles) if (!latest || laterThan(bundle, latest)) latest = bundle;
  return latest;
}

function refused(reason: string, header: BundleHeader | undefined): ImportOutcome {
  return header ? { status: 'refused', reason, header } : { status: 'refused', reason };
}

/**
 * Headquarters' own site was pinned, before version 2 of the store, with the installation's site key. It now
 * signs its bundles with headquarters' signing key: re-pin it, on headquarters' own word (it holds both keys),
 * and say so in the key history. Does nothing for any other pin.
 */
export function adoptHeadquartersKey(store: HqStore, siteId: string, formerKey: Uint8Array, signingPublic: Uint8Array, at: string): void {
  const site = store.site(siteId);
  if (!site || site.publicKey !== bytesToHex(formerKey)) return;
  store.transaction(() => {
    store.recordKeyChange({
      siteId,
      oldKey: site.publicKey,
      newKey: bytesToHex(signingPublic),
      changedAt: at,
      note: 'Le siège signe ses lots avec sa clé de signature',
    });
    store.saveSite({ ...site, publicKey: bytesToHex(signingPublic) });
  });
}

/** How an ownership act names the signed bundle it rests on: its id and the SHA-256 of its bytes. */
export function bundleEvidence(header: Pick<BundleHeader, 'bundleId'>, bytes: Uint8Array): string {
  return `bundle ${header.bundleId} sha256 ${bytesToHex(sha256(bytes))}`;
}

/** The installation a re-enrolment would retire, as a person must see it before confirming. */
export interface ReplacedSite {
  siteId: string;
  code: string;
  name: string;
  enrolledAt: string;
  lastBundleAt: string | null;
  /** Live records it owns: all pass to the new installation. */
  records: number;
  bundles: number;
  workstations: number;
}

/**
 * What headquarters makes of a bundle's site and key, before any re-enrolment: a site it does not know, one it
 * knows with this key (or a workstation its chain ties to the site), with another key, a code held by another
 * site id (then `replaces` says what a re-enrolment would retire), or a retired installation.
 */
export function enrolmentOf(
  store: HqStore,
  header: BundleHeader,
): { enrolment: 'new' | 'same-key' | 'other-key' | 'code-held' | 'retired'; pinnedKey: string | null; replaces?: ReplacedSite } {
  const pinned = store.site(header.siteId);
  if (pinned) {
    const workstation = header.deviceId === undefined ? undefined : store.workstation(pinned.siteId, header.deviceId);
    const pinnedKey = workstation?.publicKey ?? pinned.publicKey;
    if (pinned.retiredAt) return { enrolment: 'retired', pinnedKey };
    return { enrolment: workstationTrust(store, header, pinned) === 'other-key' ? 'other-key' : 'same-key', pinnedKey };
  }
  const holder = store.siteByCode(header.siteCode);
  if (!holder) return { enrolment: 'new', pinnedKey: null };
  return {
    enrolment: 'code-held',
    pinnedKey: holder.publicKey,
    replaces: {
      siteId: holder.siteId,
      code: holder.code,
      name: holder.name,
      enrolledAt: holder.enrolledAt,
      lastBundleAt: holder.lastBundleAt ?? null,
      records: store.ownedCount(holder.siteId),
      bundles: store.bundles(holder.siteId).length,
      workstations: store.workstations(holder.siteId).length,
    },
  };
}

/** The replaced installation in a sentence, for the refusal that asks to confirm it. */
export function replacedText(r: ReplacedSite): string {
  const last = r.lastBundleAt === null ? 'aucun lot reçu' : `dernier lot reçu le ${r.lastBundleAt.slice(0, 10)}`;
  return `${r.code} (${r.name}, identifiant ${r.siteId}, inscrit le ${r.enrolledAt.slice(0, 10)}, ${last}, ${counted(r.bundles, 'lot')}, ${counted(r.records, 'enregistrement')}, ${counted(Math.max(1, r.workstations), 'poste')})`;
}

/**
 * Re-enrol a site from one of its bundles, after a person checked where it comes from (a reinstalled or
 * replaced post): its key replaces the pinned one, or, for a new site id that reuses a known code, the old
 * site is retired and the code passes to the new one, with every record the old site owned (the author of
 * each stays the old site). The change is recorded in the key history and the ownership acts.
 */
export function reenrolSite(
  store: HqStore,
  bytes: Uint8Array,
  options: { now: number; note: string; replaces?: string | undefined },
): { siteCode: string; previousKey?: string; newKey: string; recordsMoved?: number } {
  const envelope = readBundle(bytes);
  if (!envelope.ok) throw new SyncError(envelope.reason);
  const { header } = envelope;
  const at = new Date(options.now).toISOString();
  return store.transaction(() => {
    const site = store.site(header.siteId);
    if (site) {
      const workstation = header.deviceId === undefined ? undefined : store.workstation(site.siteId, header.deviceId);
      // A workstation's own key is replaced for it alone; the site's pinned key only when it was that one's.
      const previousKey = workstation?.publicKey ?? site.publicKey;
      if (previousKey === header.sitePublicKey && !site.retiredAt) throw new SyncError(`Le site ${site.code} est déjà inscrit avec cette clé : rien à faire.`);
      store.recordKeyChange({ siteId: site.siteId, oldKey: previousKey, newKey: header.sitePublicKey, changedAt: at, note: options.note });
      if (workstation) store.saveWorkstation({ ...workstation, publicKey: header.sitePublicKey });
      const { retiredAt: _retired, ...active } = site;
      store.saveSite({
        ...active,
        code: header.siteCode,
        publicKey: !workstation || workstation.publicKey === site.publicKey ? header.sitePublicKey : site.publicKey,
        ...encryptionKeyOf([header.siteEncryptionKey]),
      });
      return { siteCode: header.siteCode, previousKey, newKey: header.sitePublicKey };
    }
    const holder = store.siteByCode(header.siteCode);
    if (!holder) throw new SyncError(`Aucun site ${header.siteCode} n’est inscrit : importez simplement ce lot, sa clé sera enregistrée.`);
    // A live installation is never retired unless the person saw which one, and named it back.
    if (options.replaces !== holder.siteId) {
      const seen = enrolmentOf(store, header).replaces;
      throw new SyncError(
        `Cette réinscription retirerait le site inscrit ${seen ? replacedText(seen) : holder.code} : vérifiez que c’est bien l’ancienne installation de ce site (et non un autre poste du même bureau, qui doit rejoindre le site), puis confirmez ce remplacement.`,
      );
    }
    store.saveSite({ ...holder, retiredAt: at });
    store.recordKeyChange({
      siteId: header.siteId,
      oldKey: holder.publicKey,
      newKey: header.sitePublicKey,
      changedAt: at,
      note: `${options.note} (remplace le site ${holder.siteId})`,
    });
    store.saveSite({
      siteId: header.siteId,
      code: header.siteCode,
      name: header.siteName,
      kind: header.siteKind,
      departement: header.siteDepartement,
      publicKey: header.sitePublicKey,
      ...encryptionKeyOf([header.siteEncryptionKey]),
      enrolledAt: at,
    });
    const moved = store.moveOwnership(
      { kind: 'reenrolment', fromSiteId: holder.siteId, toSiteId: header.siteId, at, evidence: bundleEvidence(header, bytes), note: options.note },
      'all',
    );
    return { siteCode: header.siteCode, previousKey: holder.publicKey, newKey: header.sitePublicKey, recordsMoved: moved };
  });
}
