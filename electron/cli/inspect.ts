import { basename } from 'node:path';
import { decryptBundle, MAX_BUNDLE_FILE_BYTES, parsePayload, readBundle, type BundleHeader } from '../../shared/sync/bundle.ts';
import { hexToBytes, utf8 } from '../../shared/sync/bytes.ts';
import { SyncError } from '../../shared/errors.ts';
import { nodeInflate } from '../node/deflate.ts';
import { keyIdOf, type HqPublic } from '../../shared/sync/keys.ts';
import { referenceDataSchema } from '../../shared/schemas/referenceData.ts';
import { acknowledgementSchema, openDocument } from '../../shared/sync/signed.ts';
import { loadKeyring, openHqStore, readHqPublic, readHqPublicFile } from '../node/hq/hqDir.ts';
import { readRegularFile } from '../node/regularFile.ts';
import { parseCommandLine, runCommand, UsageError, type Command } from './command.ts';

const USAGE = `Usage : passerelle inspect FICHIER [--hq DOSSIER_SIEGE | --hq-pub FICHIER]

Affiche, en un objet JSON, l’en-tête d’un lot (site, numéro, identifiant, horloges) et l’état de sa signature ;
avec le dossier du siège, aussi la clé enregistrée pour le site et le nombre d’enregistrements par entité.
Un accusé de réception ou un fichier de données de référence est vérifié avec la clé du siège.`;

const DOCUMENT_MAGIC = utf8('PSRLSDOC');

function summary(header: BundleHeader) {
  return {
    siteCode: header.siteCode,
    siteId: header.siteId,
    siteName: header.siteName,
    sequence: header.sequence,
    bundleId: header.bundleId,
    formatVersion: header.formatVersion,
    createdAt: header.createdAt,
    afterClock: header.afterClock,
    firstClock: header.firstClock,
    lastClock: header.lastClock,
    changeCount: header.changeCount,
    counts: header.counts,
    hqKeyId: header.hqKeyId,
    siteKeyId: keyIdOf(hexToBytes(header.sitePublicKey)),
  };
}

async function inspectBundle(file: string, bytes: Uint8Array, hqDir: string | undefined): Promise<{ report: Record<string, unknown>; ok: boolean }> {
  const envelope = readBundle(bytes);
  const report: Record<string, unknown> = { file: basename(file), type: 'lot' };
  if (!envelope.ok) {
    report.header = envelope.header ? summary(envelope.header) : null;
    report.signature = { valid: false, reason: envelope.reason };
    return { report, ok: false };
  }
  report.header = summary(envelope.header);
  report.signature = { valid: true };
  if (!hqDir) return { report, ok: true };

  const keyring = await loadKeyring(hqDir);
  const store = openHqStore(hqDir, { readOnly: true });
  const hq: Record<string, unknown> = {};
  report.headquarters = hq;
  try {
    const site = store.site(envelope.header.siteId);
    hq.siteKey = !site
      ? 'site inconnu (clé enregistrée au premier import)'
      : site.publicKey === envelope.header.sitePublicKey
        ? 'conforme'
        : 'différente de la clé enregistrée';
    hq.alreadyImported = store.hasBundle(envelope.header.bundleId);
  } finally {
    store.close();
  }
  const decrypted = decryptBundle(envelope, keyring.decryptionKeys, nodeInflate);
  if (!decrypted.ok) {
    hq.readable = false;
    hq.reason = decrypted.reason;
    return { report, ok: false };
  }
  const parsed = parsePayload(envelope.header, decrypted.payload);
  if (!parsed.ok) {
    hq.readable = false;
    hq.reason = parsed.reason;
    return { report, ok: false };
  }
  const counts: Record<string, { records: number; deleted: number; fields: number }> = {};
  for (const r of parsed.records) {
    const c = (counts[r.entity] ??= { records: 0, deleted: 0, fields: 0 });
    c.records++;
    if (r.deleted !== undefined) c.deleted++;
    c.fields += Object.keys(r.fields).length;
  }
  hq.readable = true;
  hq.counts = counts;
  return { report, ok: hq.siteKey !== 'différente de la clé enregistrée' };
}

function inspectDocument(file: string, bytes: Uint8Array, hq: HqPublic): { report: Record<string, unknown>; ok: boolean } {
  const report: Record<string, unknown> = { file: basename(file), type: 'document signé' };
  let body: unknown;
  try {
    body = openDocument(bytes, hq.signingKey, 'Document');
  } catch (error) {
    report.signature = { valid: false, reason: error instanceof SyncError ? error.message : String(error) };
    return { report, ok: false };
  }
  report.signature = { valid: true };
  const ack = acknowledgementSchema.safeParse(body);
  const reference = referenceDataSchema.safeParse(body);
  if (ack.success) report.acknowledgement = ack.data;
  else if (reference.success) {
    report.reference = {
      issuedAt: reference.data.issuedAt,
      activityDomains: reference.data.activityDomains.length,
      sites: reference.data.sites.length,
      records: Object.fromEntries(Object.entries(reference.data.records).map(([k, v]) => [k, v.length])),
    };
  } else report.content = 'inconnu';
  return { report, ok: ack.success || reference.success };
}

export const inspectCommand: Command = {
  summary: 'affiche l’en-tête d’un lot et l’état de sa signature (JSON)',
  run(args) {
    return runCommand(USAGE, async () => {
      if (args[0] === '--help' || args[0] === '-h') {
        console.log(USAGE);
        return 0;
      }
      const { values, positionals } = parseCommandLine(args, { hq: { type: 'string' }, 'hq-pub': { type: 'string' } });
      if (positionals.length !== 1) throw new UsageError('un fichier à examiner est attendu');
      const file = positionals[0] as string;
      const hqDir = typeof values.hq === 'string' ? values.hq : undefined;
      const hqPub = typeof values['hq-pub'] === 'string' ? values['hq-pub'] : undefined;
      const bytes = await readRegularFile(file, MAX_BUNDLE_FILE_BYTES);
      let result: { report: Record<string, unknown>; ok: boolean };
      if (DOCUMENT_MAGIC.every((b, i) => bytes[i] === b)) {
        if (!hqDir && !hqPub) throw new UsageError('pour un document signé, indiquez la clé du siège (--hq ou --hq-pub)');
        const hq = hqDir ? await readHqPublic(hqDir) : await readHqPublicFile(hqPub as string);
        result = inspectDocument(file, bytes, hq);
      } else {
        result = await inspectBundle(file, bytes, hqDir);
      }
      console.log(JSON.stringify(result.report, null, 2));
      return result.ok ? 0 : 1;
    });
  },
};
