import { deflateSync } from 'fflate';
import * as z from 'zod';
import { isoDate, optionalText, requiredText, uuid } from '../schemas/common.ts';
import { entities, isEntityName } from '../schemas/entities.ts';
import { fromUtf8, hexToBytes, inflateAtMost, utf8 } from './bytes.ts';
import { isHlc } from '../db/hlc.ts';
import { keyIdOf, type SiteEncryptionKey } from './keys.ts';
import { pseudonymKeySchema } from './pseudonym.ts';
import { openSealed, seal, splitSealed, verifySealed, type SealedFormat, type SealedParts } from './sealed.ts';
import type { ReferenceData } from '../schemas/referenceData.ts';
import { agree } from '../format/agreement.ts';

/*
 * A transferred file: a person's file sent by one site to another (kind `dossier`), or the receiving site's
 * answer (kind `reponse`). A sealed file (sealed.ts) with its own magic, "PSRLTRNS", version 1, and key label
 * "passerelle transfer v1": encrypted to the receiving site's X25519 key from the site directory, signed with
 * the sending site's Ed25519 key. In clear, only what carrying it needs: its kind, the transfer id, both sites'
 * ids and codes, when it was written and the id of the key it is encrypted to; and what headquarters needs to
 * move ownership, none of it naming anyone: a file's handover (the person's pseudonymous key, the offer's clock,
 * the ids of the records it hands over), an answer's decision. Headquarters can relay it (it checks the
 * signature against the sender's pinned key) but holds no key that opens it.
 */

export const TRANSFER_FORMAT_VERSION = 1;
export const TRANSFER_EXTENSION = '.passerelle-transfert';
const FORMAT: SealedFormat = { magic: utf8('PSRLTRNS'), version: TRANSFER_FORMAT_VERSION, label: utf8('passerelle transfer v1') };
/** The largest content a transferred file may expand to once decompressed: a person's file is far smaller. */
const MAX_CONTENT_BYTES = 64 * 1024 * 1024;

const siteCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/);
const hlc = z.string().refine(isHlc, { error: 'Horloge invalide' });

/** The entities a file hands over besides the person, which headquarters knows only by its pseudonymous key. */
export const handedOverEntities = ['measure', 'placement', 'hourLog', 'incident'] as const;
export type HandedOverEntity = (typeof handedOverEntities)[number];

const handoverSchema = z
  .object({
    /** The person's key at headquarters (the sending site's pseudonym of the person). */
    personKey: pseudonymKeySchema,
    /** The offer's clock: the sending site's writes to these records at or before it predate the move. */
    upTo: hlc,
    records: z.object({ measure: z.array(uuid).min(1), placement: z.array(uuid), hourLog: z.array(uuid), incident: z.array(uuid) }).strict(),
  })
  .strict();
export type Handover = z.infer<typeof handoverSchema>;

export const transferHeaderSchema = z
  .object({
    formatVersion: z.literal(TRANSFER_FORMAT_VERSION),
    kind: z.enum(['dossier', 'reponse']),
    transferId: uuid,
    from: z.object({ siteId: uuid, code: siteCode }).strict(),
    to: z.object({ siteId: uuid, code: siteCode }).strict(),
    createdAt: z.iso.datetime(),
    /** Id of the receiving site's encryption key the content is encrypted to. */
    recipientKeyId: z.string().regex(/^[0-9a-f]{16}$/),
    /** A file's: what headquarters moves to the receiving site once it is accepted. */
    handover: handoverSchema.optional(),
    /** An answer's: whether the receiving site accepted the file. */
    decision: z.enum(['accepte', 'refuse']).optional(),
  })
  .strict()
  .refine((h) => (h.kind === 'dossier') === (h.handover !== undefined) && (h.kind === 'reponse') === (h.decision !== undefined));
export type TransferHeader = z.infer<typeof transferHeaderSchema>;

const namedSite = z.object({ siteId: uuid, code: siteCode, name: z.string().min(1).max(200) }).strict();

/** One change-log row of the file's records, as the sending site's audit trail has it. */
const historyRow = z
  .object({
    entity: z.string().refine(isEntityName),
    recordId: z.string().min(1).max(100),
    op: z.enum(['create', 'update', 'delete']),
    clock: hlc,
    siteId: uuid,
    deviceId: z.string().min(1).max(100),
    by: z.string().max(200),
    fields: z.record(z.string(), z.unknown()),
  })
  .strict();

/** Where a placement of the file was done: the receiving site holds neither the post nor its host. */
const postLabel = z.object({ id: uuid, title: z.string().max(300), organisationName: z.string().max(300) }).strict();

export const dossierContentSchema = z
  .object({
    kind: z.literal('dossier'),
    transferId: uuid,
    from: namedSite.extend({ departement: z.string().max(3) }),
    to: namedSite,
    /** The day the follow-up passes to the receiving site. */
    on: isoDate,
    /** Clock of the sending site's offer: every write of the sending site to these records is at or before it. */
    offerClock: hlc,
    /** The person's key at headquarters: the receiving site keeps it, so headquarters sees the same person. */
    pseudonymKey: pseudonymKeySchema,
    person: entities.person.schema,
    measures: z.array(entities.measure.schema).min(1),
    placements: z.array(entities.placement.schema),
    hourLogs: z.array(entities.hourLog.schema),
    incidents: z.array(entities.incident.schema),
    posts: z.array(postLabel),
    history: z.array(historyRow),
    /** Who wrote the file. */
    by: z.string().max(200),
  })
  .strict();
export type DossierContent = z.infer<typeof dossierContentSchema>;

export const answerContentSchema = z
  .object({
    kind: z.literal('reponse'),
    transferId: uuid,
    from: namedSite,
    to: namedSite,
    decision: z.enum(['accepte', 'refuse']),
    answeredOn: isoDate,
    /** Why the file was refused. */
    reason: optionalText('Motif du refus', 1000),
    by: z.string().max(200),
  })
  .strict()
  .refine((a) => a.decision === 'accepte' || a.reason !== undefined, { error: 'Un refus donne son motif', path: ['reason'] });
export type AnswerContent = z.infer<typeof answerContentSchema>;

export type TransferContent = DossierContent | AnswerContent;

/** What a refusal to send or receive says. */
export const refusalReasonSchema = requiredText('Motif du refus', 1000);

export function transferFileName(kind: TransferHeader['kind'], transferId: string, fromCode: string, toCode: string): string {
  return `${kind}-${fromCode}-vers-${toCode}-${transferId}${TRANSFER_EXTENSION}`;
}

/** What a file hands over, as its clear header tells headquarters. */
export function handoverOf(content: DossierContent): Handover {
  return {
    personKey: content.pseudonymKey,
    upTo: content.offerClock,
    records: {
      measure: content.measures.map((r) => r.id),
      placement: content.placements.map((r) => r.id),
      hourLog: content.hourLogs.map((r) => r.id),
      incident: content.incidents.map((r) => r.id),
    },
  };
}

function sameHandover(a: Handover, b: Handover): boolean {
  const same = (x: readonly string[], y: readonly string[]) => [...x].sort().join() === [...y].sort().join();
  return a.personKey === b.personKey && a.upTo === b.upTo && handedOverEntities.every((e) => same(a.records[e], b.records[e]));
}

export interface SealedTransfer {
  fileName: string;
  header: TransferHeader;
  bytes: Uint8Array;
}

/** Seal a file or an answer: compressed, encrypted to the receiving site's key, signed by the sending site. */
export function sealTransfer(content: TransferContent, options: { signingSecret: Uint8Array; recipientKey: Uint8Array; createdAt: number }): SealedTransfer {
  const header: TransferHeader = {
    formatVersion: TRANSFER_FORMAT_VERSION,
    kind: content.kind,
    transferId: content.transferId,
    from: { siteId: content.from.siteId, code: content.from.code },
    to: { siteId: content.to.siteId, code: content.to.code },
    createdAt: new Date(options.createdAt).toISOString(),
    recipientKeyId: keyIdOf(options.recipientKey),
    ...(content.kind === 'dossier' ? { handover: handoverOf(content) } : { decision: content.decision }),
  };
  const payload = deflateSync(utf8(JSON.stringify(content)), { level: 6 });
  return {
    fileName: transferFileName(content.kind, content.transferId, content.from.code, content.to.code),
    header,
    bytes: seal(FORMAT, utf8(JSON.stringify(header)), payload, options.recipientKey, options.signingSecret),
  };
}

export type TransferRefusal = { ok: false; reason: string; header?: TransferHeader };

/** The clear part of a transferred file: enough to route it, nothing verified but its form. */
export function readTransferHeader(bytes: Uint8Array): { ok: true; header: TransferHeader; parts: SealedParts } | TransferRefusal {
  const parts = splitSealed(FORMAT, bytes);
  if ('problem' in parts) {
    if (parts.problem === 'magic') return { ok: false, reason: 'Ce fichier n’est pas un dossier transféré Passerelle.' };
    if (parts.problem === 'version')
      return {
        ok: false,
        reason: `Dossier transféré d’une version de format inconnue (${parts.version}) : cette version de Passerelle lit la version ${TRANSFER_FORMAT_VERSION}. Mettez Passerelle à jour.`,
      };
    return { ok: false, reason: 'Dossier transféré tronqué : il est plus court que ce que son en-tête annonce (copie interrompue ?).' };
  }
  let header: TransferHeader;
  try {
    const parsed = transferHeaderSchema.safeParse(JSON.parse(fromUtf8(parts.header)));
    if (!parsed.success) return { ok: false, reason: 'En-tête du dossier transféré illisible : le fichier est abîmé ou n’a pas été produit par Passerelle.' };
    header = parsed.data;
  } catch {
    return { ok: false, reason: 'En-tête du dossier transféré illisible : le fichier est abîmé ou n’a pas été produit par Passerelle.' };
  }
  return { ok: true, header, parts };
}

/** Whether a sealed file was signed by `signingKey` (hex), the sending site's key as headquarters or the directory knows it. */
export function signedBy(parts: SealedParts, signingKey: string): boolean {
  return /^[0-9a-f]{64}$/.test(signingKey) && verifySealed(parts, hexToBytes(signingKey));
}

export type DirectorySite = ReferenceData['sites'][number];

/** Why the records of a file do not hang together, or undefined when they do. */
function incoherence(content: DossierContent): string | undefined {
  const personId = content.person.id;
  const measures = new Set(content.measures.map((m) => m.id));
  const placements = new Set(content.placements.map((p) => p.id));
  const records = [content.person, ...content.measures, ...content.placements, ...content.hourLogs, ...content.incidents];
  if (records.some((r) => r.deleted)) return 'il contient un enregistrement supprimé';
  if (new Set(records.map((r) => r.id)).size !== records.length) return 'un enregistrement y figure deux fois';
  if (content.measures.some((m) => m.personId !== personId)) return 'une mesure concerne une autre personne';
  for (const r of [...content.placements, ...content.hourLogs, ...content.incidents]) {
    if (r.personId !== personId || !measures.has(r.measureId)) return 'un enregistrement concerne une autre personne ou une mesure absente du dossier';
  }
  for (const r of [...content.hourLogs, ...content.incidents]) {
    if (r.placementId !== undefined && !placements.has(r.placementId)) return 'des heures ou un incident renvoient à une mise en situation absente du dossier';
  }
  const ids = new Set(records.map((r) => r.id));
  if (content.history.some((h) => !ids.has(h.recordId))) return 'son historique concerne des enregistrements absents du dossier';
  if (records.some((r) => r.updatedAt > content.offerClock) || content.history.some((h) => h.clock > content.offerClock))
    return 'il contient une modification postérieure à son envoi';
  return undefined;
}

/**
 * Open a file or an answer sent to this site, checking in order: its form, that it is addressed to this site,
 * that its sender is in the site directory headquarters signed, the sender's signature against the directory's
 * key (a forged or altered file fails here), that it is encrypted to this site's current key, then its content.
 * Every refusal says why in French; nothing is written anywhere.
 */
export function openTransfer(
  bytes: Uint8Array,
  options: { siteId: string; directory: readonly DirectorySite[]; encryptionKey: SiteEncryptionKey },
): { ok: true; header: TransferHeader; content: TransferContent } | TransferRefusal {
  const read = readTransferHeader(bytes);
  if (!read.ok) return read;
  const { header, parts } = read;
  const what = header.kind === 'dossier' ? 'Ce dossier' : 'Cette réponse';
  const gender = header.kind === 'dossier' ? 'm' : 'f';
  const it = header.kind === 'dossier' ? 'il' : 'elle';
  if (header.to.siteId !== options.siteId)
    return {
      ok: false,
      reason: `${what} est ${agree('destiné', gender)} au site ${header.to.code}, pas à ce site : ${it} n’a pas été ${agree('ouvert', gender)}.`,
      header,
    };
  const sender = options.directory.find((s) => s.siteId === header.from.siteId);
  if (!sender?.signingKey)
    return {
      ok: false,
      reason: `${what} vient du site ${header.from.code}, absent de l’annuaire des sites publié par le siège : ${it} est ${agree('refusé', gender)}. Si ce site vient d’être ouvert, attendez les prochaines données de référence du siège.`,
      header,
    };
  if (!signedBy(parts, sender.signingKey))
    return {
      ok: false,
      reason: `Signature invalide : ${what.toLowerCase()} n’a pas été ${agree('signé', gender)} par le site ${sender.code} de l’annuaire, ou ${it} a été ${agree('modifié', gender)} en chemin. ${header.kind === 'dossier' ? 'Il' : 'Elle'} est ${agree('refusé', gender)}.`,
      header,
    };
  if (header.recipientKeyId !== options.encryptionKey.keyId)
    return {
      ok: false,
      reason: `${what} est ${agree('chiffré', gender)} pour une autre clé de ce site (${header.recipientKeyId}) : la clé a changé depuis, ou elle n’a pas été restaurée sur ce poste. Demandez au site ${header.from.code} de ${header.kind === 'dossier' ? 'le' : 'la'} renvoyer.`,
      header,
    };
  const payload = openSealed(FORMAT, parts, options.encryptionKey.secret);
  const json = payload && inflateAtMost(payload, MAX_CONTENT_BYTES);
  if (!json)
    return {
      ok: false,
      reason: `${what} ne peut pas être ${agree('déchiffré', gender)} avec la clé de ce site : ${it} a été ${agree('mal produit', gender)} ou ${agree('abîmé', gender)}.`,
      header,
    };
  let content: TransferContent;
  try {
    const raw: unknown = JSON.parse(fromUtf8(json));
    const parsed = (header.kind === 'dossier' ? dossierContentSchema : answerContentSchema).safeParse(raw);
    if (!parsed.success)
      return {
        ok: false,
        reason: `Contenu illisible : ${what.toLowerCase()} a-t-${it} été ${agree('produit', gender)} par une autre version de Passerelle ?`,
        header,
      };
    content = parsed.data;
  } catch {
    return { ok: false, reason: `Contenu illisible : ${what.toLowerCase()} a été ${agree('mal produit', gender)}.`, header };
  }
  const headerHolds =
    content.kind === 'dossier' ? header.handover !== undefined && sameHandover(header.handover, handoverOf(content)) : header.decision === content.decision;
  if (!headerHolds || content.transferId !== header.transferId || content.from.siteId !== header.from.siteId || content.to.siteId !== header.to.siteId)
    return { ok: false, reason: `${what} ne correspond pas à son en-tête : ${it} est ${agree('refusé', gender)}.`, header };
  if (content.kind === 'dossier') {
    const problem = incoherence(content);
    if (problem) return { ok: false, reason: `Dossier incohérent : ${problem}. Il est refusé.`, header };
  }
  return { ok: true, header, content };
}
