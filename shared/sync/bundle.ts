import { v7 as uuidv7 } from 'uuid';
import * as z from 'zod';
import { fflateDeflate, fflateInflate, type Deflate, type Inflate } from '../ports/deflate.ts';
import { counted } from '../format/agreement.ts';
import { formatNumber } from '../format/fr.ts';
import { uuid } from '../schemas/common.ts';
import { entities, isEntityName, isSiteOnly, type EntityName } from '../schemas/entities.ts';
import { siteKinds, type SiteKind } from '../schemas/site.ts';
import { bytesToHex, fromUtf8, hexToBytes, joinLines, splitLines, utf8 } from './bytes.ts';
import type { CollapsedRecord } from './collapse.ts';
import { isHlc } from '../db/hlc.ts';
import type { HqPublic, SiteKeys } from './keys.ts';
import { openSealed, seal, splitSealed, verifySealed, type SealedFormat, type SealedParts } from './sealed.ts';
import { pseudonymizer } from './pseudonym.ts';
import { deviceCertificateSchema, type DeviceCertificate } from './officeTrust.ts';
import { toWireField, toWireId, wireEntities } from './travel.ts';

/*
 * A bundle file is a sealed file (sealed.ts, which gives the layout byte by byte; docs/sync-format.md tells the
 * same with the reasons): magic "PSRLBNDL", format version 1, the header (BundleHeader) in clear, the deflated
 * payload encrypted to headquarters' X25519 key with the key label "passerelle bundle v1", and the Ed25519
 * signature of the site key the header names.
 */

export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_EXTENSION = '.passerelle';
const FORMAT: SealedFormat = { magic: utf8('PSRLBNDL'), version: BUNDLE_FORMAT_VERSION, label: utf8('passerelle bundle v1') };
/**
 * The largest bundle file headquarters reads. A full-size site's first bundle (50,000 persons, 1.5 million hour
 * logs) stays well under it; anything larger is refused before it is read into memory.
 */
export const MAX_BUNDLE_FILE_BYTES = 1024 * 1024 * 1024;
/** The longest clear header: a real one is under a kilobyte; it is parsed before the signature is checked. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** The most records one bundle may announce: thrice a full-size site's first bundle. */
export const MAX_BUNDLE_RECORDS = 5_000_000;
/** The longest payload line (one record). A real record is under 2 KiB: every string the schemas accept is bounded. */
export const MAX_RECORD_BYTES = 64 * 1024;
/**
 * What a payload may weigh once decompressed, whatever its header says: a real one is about 800 bytes per record
 * and seven times its compressed size. The limit of a bundle is the least of this ceiling, 16 KiB per announced
 * record and 64 times its compressed size (never under 1 MiB), so a bomb stops at a bounded size.
 */
export const MAX_PAYLOAD_BYTES = 1536 * 1024 * 1024;
const BYTES_PER_RECORD = 16 * 1024;
const MAX_RATIO = 64;

const hlc = z.string().refine(isHlc, { error: 'Horloge invalide' });
/** A device id as clocks carry it (their node). */
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
/** The longest certificate chain a header carries: far more workstations than an office has. */
export const MAX_DEVICE_CHAIN = 64;
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), { error: 'Valeur hexadécimale invalide' });

export const bundleHeaderSchema = z
  .object({
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    bundleId: uuid,
    siteId: uuid,
    siteCode: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/),
    siteName: z.string().max(200),
    siteKind: z.enum(siteKinds),
    siteDepartement: z.string().max(3),
    sequence: z.number().int().min(1),
    sitePublicKey: hex(32),
    /** The site's X25519 public key, which headquarters publishes in the site directory (absent from older bundles). */
    siteEncryptionKey: hex(32).optional(),
    hqKeyId: hex(8),
    /**
     * The workstation that exported (its device id, the node of its clocks): headquarters holds and
     * acknowledges each workstation's changes apart. Absent from bundles written before offices and from
     * headquarters' own.
     */
    deviceId: deviceIdSchema.optional(),
    /**
     * The certificates from this workstation's key up to a key headquarters already pinned for the site (the
     * office's founding workstation's), so that a workstation joined later is trusted under its site.
     */
    deviceChain: z.array(deviceCertificateSchema).max(MAX_DEVICE_CHAIN).optional(),
    /** The acknowledged clock the bundle starts after (null: everything since this workstation began). */
    afterClock: hlc.nullable(),
    firstClock: hlc.nullable(),
    lastClock: hlc.nullable(),
    /** Change-log rows covered, withheld ones included. */
    changeCount: z.number().int().min(0),
    /** Records in the payload, per entity. */
    counts: z.record(z.string().max(64), z.number().int().min(0)),
    createdAt: z.iso.datetime(),
  })
  .strict();
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

/** One record in the payload: its clocks and, per travelling field, `[value, clock]` (value null: cleared). */
export interface WireRecord {
  entity: EntityName;
  id: string;
  created?: string;
  deleted?: string;
  fields: Record<string, [unknown, string]>;
}

/** The keys a payload record may have. */
const WIRE_KEYS = new Set(['entity', 'id', 'created', 'deleted', 'fields']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The shape of a payload record, `{ entity, id, created?, deleted?, fields: { name: [value, clock] } }` and no
 * other key, every clock a hybrid logical clock, checked by hand: a schema library's copy of every record and
 * field was a fifth of an import's cost. `validClocks` holds the clocks already found valid (a record's fields
 * mostly share one clock, and a bundle's records a few).
 */
function wireShape(
  raw: unknown,
  validClocks: Set<string>,
): { entity: string; id: string; created?: string; deleted?: string; fields: Record<string, [unknown, string]> } | undefined {
  if (!isPlainObject(raw)) return undefined;
  for (const key in raw) if (!WIRE_KEYS.has(key)) return undefined;
  const { entity, id, created, deleted, fields } = raw;
  let last: string | undefined;
  const clock = (value: unknown): value is string => {
    if (typeof value !== 'string') return false;
    // The fields of a record mostly share its creation clock: a comparison, cheaper than hashing it into the set.
    if (value === last) return true;
    if (!validClocks.has(value)) {
      if (!isHlc(value)) return false;
      validClocks.add(value);
    }
    last = value;
    return true;
  };
  if (typeof entity !== 'string' || typeof id !== 'string' || !isPlainObject(fields)) return undefined;
  if ((created !== undefined && !clock(created)) || (deleted !== undefined && !clock(deleted))) return undefined;
  for (const name in fields) {
    const cell = fields[name];
    if (!Array.isArray(cell) || cell.length !== 2 || !clock(cell[1])) return undefined;
  }
  return {
    entity,
    id,
    fields: fields as Record<string, [unknown, string]>,
    ...(created === undefined ? {} : { created: created as string }),
    ...(deleted === undefined ? {} : { deleted: deleted as string }),
  };
}

export interface BundleSite {
  siteId: string;
  code: string;
  name: string;
  kind: SiteKind;
  departement: string;
}

export interface BundleInput {
  site: BundleSite;
  sequence: number;
  afterClock: string | undefined;
  firstClock: string | undefined;
  lastClock: string | undefined;
  changeCount: number;
  records: readonly CollapsedRecord[];
  /** Persons received from another site, by id: the key headquarters knows each by (see `pseudonymizer`). */
  personKeys?: Readonly<Record<string, string>> | undefined;
  /** The exporting workstation (see the header's `deviceId`); absent for headquarters' own bundles. */
  deviceId?: string | undefined;
  /** Its certificate chain, when it belongs to an office (see the header's `deviceChain`). */
  deviceChain?: readonly DeviceCertificate[] | undefined;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface BuiltBundle {
  fileName: string;
  header: BundleHeader;
  bytes: Uint8Array;
}

/**
 * `SPIP-54-7c3d9a2b1e4f-12.passerelle`: the site's code, the workstation's tag and its export number, so that no
 * workstation's export ever overwrites another's in the share; `SPIP-54-12.passerelle` for a bundle without a
 * workstation (headquarters' own).
 */
export function bundleFileName(siteCode: string, sequence: number, deviceId?: string): string {
  return `${siteCode}-${deviceId === undefined ? '' : `${deviceTag(deviceId)}-`}${sequence}${BUNDLE_EXTENSION}`;
}

/**
 * How file names tell workstations apart: the last 12 letters or digits of the device id (48 random bits of
 * a UUID v7, whose first ones are its date), lower case.
 */
export function deviceTag(deviceId: string): string {
  return deviceId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-12)
    .toLowerCase();
}

/** Pseudonymise and keep only what travels: the payload records, in wire form. */
export function toWireRecords(records: readonly CollapsedRecord[], pseudonymSecret: Uint8Array, personKeys?: Readonly<Record<string, string>>): WireRecord[] {
  const out: WireRecord[] = [];
  const pseudonym = pseudonymizer(pseudonymSecret, personKeys);
  for (const record of records) {
    // A change logged for an entity a later version no longer registers has no policy: it stays.
    if (!isEntityName(record.entity) || isSiteOnly(record.entity)) continue;
    const fields: Record<string, [unknown, string]> = {};
    for (const [name, { value, clock }] of Object.entries(record.fields)) {
      const wire = toWireField(record.entity, name, value, clock.slice(0, 10), pseudonym);
      if (wire) fields[wire.name] = [wire.value === undefined ? null : wire.value, clock];
    }
    if (record.created === undefined && record.deleted === undefined && Object.keys(fields).length === 0) continue;
    const wire: WireRecord = { entity: record.entity, id: toWireId(record.entity, record.id, pseudonym), fields };
    if (record.created !== undefined) wire.created = record.created;
    if (record.deleted !== undefined) wire.deleted = record.deleted;
    out.push(wire);
  }
  return out;
}

/** Build the bytes of a bundle: pseudonymise, compress, encrypt to headquarters, sign with the site key. */
export function buildBundle(input: BundleInput, keys: SiteKeys, hq: HqPublic, deflate: Deflate = fflateDeflate): BuiltBundle {
  return sealBundle(input, toWireRecords(input.records, keys.pseudonymSecret, input.personKeys), keys, hq, deflate);
}

/**
 * Seal wire records (already pseudonymised) into a bundle. Separate from `buildBundle` so that tests can
 * seal what a faulty or hostile site would send and check that headquarters refuses it.
 */
export function sealBundle(
  input: Omit<BundleInput, 'records'>,
  wire: readonly WireRecord[],
  keys: SiteKeys,
  hq: HqPublic,
  deflate: Deflate = fflateDeflate,
): BuiltBundle {
  const counts: Record<string, number> = {};
  for (const r of wire) counts[r.entity] = (counts[r.entity] ?? 0) + 1;
  const header: BundleHeader = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    bundleId: uuidv7(),
    siteId: input.site.siteId,
    siteCode: input.site.code,
    siteName: input.site.name,
    siteKind: input.site.kind,
    siteDepartement: input.site.departement,
    sequence: input.sequence,
    sitePublicKey: bytesToHex(keys.signingPublic),
    ...(input.deviceId !== undefined ? { deviceId: input.deviceId } : {}),
    ...(input.deviceChain && input.deviceChain.length > 0 ? { deviceChain: [...input.deviceChain] } : {}),
    ...(keys.encryptionPublic ? { siteEncryptionKey: bytesToHex(keys.encryptionPublic) } : {}),
    hqKeyId: hq.keyId,
    afterClock: input.afterClock ?? null,
    firstClock: input.firstClock ?? null,
    lastClock: input.lastClock ?? null,
    changeCount: input.changeCount,
    counts,
    createdAt: new Date(input.createdAt).toISOString(),
  };
  const payload = deflate(joinLines(wire.map((r) => JSON.stringify(r))));
  const bytes = seal(FORMAT, utf8(JSON.stringify(header)), payload, hq.encryptionKey, keys.signingSecret);
  return { fileName: bundleFileName(input.site.code, input.sequence, input.deviceId), header, bytes };
}

export interface Refusal {
  ok: false;
  reason: string;
  /** The header, when it could be read (for the quarantine report and `inspect`). */
  header?: BundleHeader;
}

export interface BundleEnvelope {
  ok: true;
  header: BundleHeader;
  parts: SealedParts;
}

/**
 * Read the clear part of a bundle and check its signature against the key its header names. `signatureChecked`:
 * these very bytes were verified before (headquarters knows their SHA-256), so the signature is not checked again.
 */
export function readBundle(bytes: Uint8Array, options: { signatureChecked?: boolean } = {}): BundleEnvelope | Refusal {
  const parts = splitSealed(FORMAT, bytes);
  if ('problem' in parts) {
    if (parts.problem === 'magic') return { ok: false, reason: 'Ce fichier n’est pas un lot Passerelle.' };
    if (parts.problem === 'version') {
      return {
        ok: false,
        reason: `Version de format inconnue (${parts.version}) : cette version de Passerelle lit les lots de version ${BUNDLE_FORMAT_VERSION}. Mettez Passerelle à jour, ou le fichier est abîmé.`,
      };
    }
    return { ok: false, reason: 'Fichier tronqué : il est plus court que ce que son en-tête annonce (copie interrompue ?).' };
  }
  if (parts.header.length > MAX_HEADER_BYTES) {
    return { ok: false, reason: 'En-tête illisible : il est bien plus long que celui d’un lot Passerelle (fichier abîmé ou forgé).' };
  }
  let header: BundleHeader;
  try {
    const parsed = bundleHeaderSchema.safeParse(JSON.parse(fromUtf8(parts.header)));
    if (!parsed.success) return { ok: false, reason: 'En-tête illisible : le fichier est abîmé ou n’a pas été produit par Passerelle.' };
    header = parsed.data;
  } catch {
    return { ok: false, reason: 'En-tête illisible : le fichier est abîmé ou n’a pas été produit par Passerelle.' };
  }
  if (!options.signatureChecked && !verifySealed(parts, hexToBytes(header.sitePublicKey))) {
    return { ok: false, reason: 'Signature invalide : le fichier a été modifié ou abîmé depuis son export, ou il est incomplet.', header };
  }
  const announced = announcedRecords(header);
  if (announced > MAX_BUNDLE_RECORDS) {
    return {
      ok: false,
      reason: `Lot trop volumineux : il annonce ${counted(announced, 'enregistrement')}, plus que les ${formatNumber(MAX_BUNDLE_RECORDS)} qu’un lot peut contenir. Il est refusé sans être ouvert.`,
      header,
    };
  }
  return { ok: true, header, parts };
}

function announcedRecords(header: BundleHeader): number {
  return Object.values(header.counts).reduce((sum, n) => sum + n, 0);
}

/** The most bytes the payload of a bundle may decompress to (see `MAX_PAYLOAD_BYTES`). */
export function payloadLimit(header: BundleHeader, compressedBytes: number): number {
  const byRatio = Math.max(1024 * 1024, compressedBytes * MAX_RATIO);
  return Math.min(MAX_PAYLOAD_BYTES, byRatio, MAX_RECORD_BYTES + announcedRecords(header) * BYTES_PER_RECORD);
}

/**
 * Decrypt and decompress the payload with whichever headquarters key the header names, stopping past the size the
 * header makes plausible (`payloadLimit`).
 */
export function decryptBundle(
  envelope: BundleEnvelope,
  decryptionKeys: ReadonlyMap<string, Uint8Array>,
  inflate: Inflate = fflateInflate,
): { ok: true; payload: Uint8Array } | Refusal {
  const { header } = envelope;
  const secret = decryptionKeys.get(header.hqKeyId);
  if (!secret) {
    return {
      ok: false,
      reason: `Ce lot est chiffré pour une autre clé du siège (${header.hqKeyId}) : il est destiné à un autre siège, ou la clé a été perdue.`,
      header,
    };
  }
  const compressed = openSealed(FORMAT, envelope.parts, secret);
  if (!compressed) return { ok: false, reason: 'Déchiffrement impossible : le contenu ne correspond pas à la clé du siège ou a été modifié.', header };
  const limit = payloadLimit(header, compressed.length);
  let payload: Uint8Array | undefined;
  try {
    payload = inflate(compressed, limit);
  } catch {
    return { ok: false, reason: 'Contenu illisible après déchiffrement : le lot a été mal produit.', header };
  }
  if (payload === undefined) {
    return {
      ok: false,
      reason: `Contenu trop volumineux une fois décompressé (plus de ${limit < 1024 * 1024 ? `${formatNumber(Math.ceil(limit / 1024))} Kio` : `${formatNumber(Math.ceil(limit / (1024 * 1024)))} Mio`} pour ${counted(announcedRecords(header), 'enregistrement annoncé', 'enregistrements annoncés')}) : lot forgé ou abîmé, refusé sans être décompressé en entier.`,
      header,
    };
  }
  return { ok: true, payload };
}

function inRange(clock: string, header: BundleHeader): boolean {
  return header.firstClock !== null && header.lastClock !== null && clock >= header.firstClock && clock <= header.lastClock;
}

/** A record as French messages name it: its entity's label and its id. */
export function recordLabel(entity: EntityName, id: string): string {
  return `${entities[entity].label} ${id}`;
}

/**
 * Check one payload record against the wire schema of its entity; the French reason when it does not fit.
 * Each field is checked on its own (an update carries only the fields it changed); a record created in this
 * bundle must also carry every required field, unless it was deleted in the same range. `validClocks`: clocks
 * already found valid, shared by the records of one payload.
 */
export function checkWireRecord(raw: unknown, header: BundleHeader, validClocks = new Set<string>()): WireRecord | string {
  const shaped = wireShape(raw, validClocks);
  if (!shaped) return 'Enregistrement mal formé dans le contenu du lot.';
  const { entity, id, created, deleted, fields } = shaped;
  if (!isEntityName(entity)) return `Type d’enregistrement inconnu : « ${entity} » (lot produit par une version plus récente de Passerelle ?).`;
  if (isSiteOnly(entity)) return `Enregistrement invalide (${entities[entity].label}) : ce type d’enregistrement ne quitte jamais le site.`;
  const wire = wireEntities[entity];
  if (!wire.idSchema.safeParse(id).success) return `Enregistrement invalide (${entities[entity].label}) : identifiant « ${id} » invalide.`;
  const label = recordLabel(entity, id);
  for (const clock of [created, deleted]) {
    if (clock !== undefined && !inRange(clock, header))
      return `Enregistrement invalide (${label}) : horloge ${clock} hors de l’intervalle annoncé par l’en-tête.`;
  }
  for (const [name, [value, clock]] of Object.entries(fields)) {
    const field = wire.fields.get(name);
    if (!field) return `Enregistrement invalide (${label}) : le champ « ${name} » ne doit pas quitter le site.`;
    if (!inRange(clock, header)) return `Enregistrement invalide (${label}) : horloge ${clock} hors de l’intervalle annoncé par l’en-tête.`;
    if (value === null) {
      if (!field.optional) return `Enregistrement invalide (${label}) : le champ obligatoire « ${name} » est effacé.`;
      continue;
    }
    const parsed = field.schema.safeParse(value);
    if (!parsed.success) return `Enregistrement invalide (${label}) : ${name} : ${parsed.error.issues[0]?.message ?? 'valeur invalide'}.`;
  }
  if (created !== undefined && deleted === undefined) {
    for (const field of wire.fields.values()) {
      if (!field.optional && (fields[field.name] === undefined || fields[field.name]?.[0] === null)) {
        return `Enregistrement invalide (${label}) : le champ obligatoire « ${field.name} » manque.`;
      }
    }
    for (const group of wire.oneOf) {
      if (!group.some((name) => fields[name] !== undefined && fields[name]?.[0] !== null)) {
        return `Enregistrement invalide (${label}) : l’un des champs ${group.map((name) => `« ${name} »`).join(' ou ')} est attendu.`;
      }
    }
  }
  const record: WireRecord = { entity, id, fields: fields as Record<string, [unknown, string]> };
  if (created !== undefined) record.created = created;
  if (deleted !== undefined) record.deleted = deleted;
  return record;
}

/** Parse and check every record of a decrypted payload; the first problem refuses the whole bundle. */
export function parsePayload(header: BundleHeader, payload: Uint8Array): { ok: true; records: WireRecord[] } | Refusal {
  const records: WireRecord[] = [];
  const seen = new Set<string>();
  const validClocks = new Set<string>();
  const counts: Record<string, number> = {};
  try {
    let number = 0;
    for (const line of splitLines(payload, MAX_RECORD_BYTES)) {
      number++;
      if (line === undefined) {
        return {
          ok: false,
          reason: `Enregistrement trop long à la ligne ${number} du contenu (plus de ${MAX_RECORD_BYTES / 1024} Kio) : lot forgé ou abîmé.`,
          header,
        };
      }
      const checked = checkWireRecord(JSON.parse(line), header, validClocks);
      if (typeof checked === 'string') return { ok: false, reason: checked, header };
      const key = `${checked.entity}\u0000${checked.id}`;
      if (seen.has(key)) return { ok: false, reason: `Enregistrement en double dans le lot (${recordLabel(checked.entity, checked.id)}).`, header };
      seen.add(key);
      counts[checked.entity] = (counts[checked.entity] ?? 0) + 1;
      records.push(checked);
    }
  } catch {
    return { ok: false, reason: 'Contenu illisible après déchiffrement : le lot a été mal produit.', header };
  }
  const announced = Object.entries(header.counts).filter(([, n]) => n > 0);
  const actual = Object.entries(counts);
  if (announced.length !== actual.length || announced.some(([e, n]) => counts[e] !== n)) {
    return { ok: false, reason: 'Le nombre d’enregistrements du contenu ne correspond pas à celui de l’en-tête.', header };
  }
  return { ok: true, records };
}
