import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from '@noble/hashes/utils.js';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBundle, readBundle, sealBundle, type BundleHeader, type WireRecord } from '../../../shared/sync/bundle.ts';
import { joinLines, u32, utf8 } from '../../../shared/sync/bytes.ts';
import type { HqKeyring, HqPublic } from '../../../shared/sync/keys.ts';
import { seal, type SealedFormat } from '../../../shared/sync/sealed.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { craftedSite, hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { hqPaths, initHqDir, loadKeyring } from './hqDir.ts';
import { importBundleFiles, listBundleFiles, type FileImportResult } from './import.ts';

/*
 * The hostile corpus: every kind of bad file the hardening issue (13) names, made fresh at each run (nothing
 * binary is committed), dropped in one folder and imported in one run into a headquarters that already holds
 * a site's records and its own national partners. Each file is refused on its own line with its French reason;
 * the store is, table by table and row by row, what it was before; a valid bundle after them all is imported.
 */

const now = () => Date.parse('2026-11-25T12:00:00Z');
const at = (time: string, node: string) => `2026-11-25T${time}.000Z-0000-${node}`;
/** The sealed layout of a bundle (shared/sync/bundle.ts), to forge headers and payloads a site's code never writes. */
const FORMAT: SealedFormat = { magic: utf8('PSRLBNDL'), version: 1, label: utf8('passerelle bundle v1') };

const ownedId = '019b8d63-4710-707d-bcd3-b51ec7802157';
const partnerId = '019b8d63-4710-707d-bcd3-b51ec78021a0';
const strangerId = '019b8d63-4710-707d-bcd3-b51ec78021ff';

let root: string;
let dir: string;
let pub: HqPublic;
let keyring: HqKeyring;
/** The Moselle's first bundle, already imported: its replay. */
let mosellesFirst: Uint8Array;
const moselle = craftedSite({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' });

function organisation(node: string, time = '10:00:00', name = 'Mairie', id = ownedId, extra: Record<string, unknown> = {}): WireRecord {
  const clock = at(time, node);
  const fields = { name, kind: 'association', communeName: 'Nancy', departement: '54', ...extra };
  return { entity: 'organisation', id, created: clock, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v, clock]])) };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'passerelle-corpus-'));
  dir = join(root, 'hq');
  pub = await initHqDir(dir, new Date('2026-11-25T09:00:00Z'));
  keyring = await loadKeyring(dir);
  // Before the corpus: a site's record and headquarters' own national partner.
  const headquarters = craftedSite(
    { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP' },
    { signingSecret: keyring.signingSecret, signingPublic: keyring.signingPublic, pseudonymSecret: randomBytes(32) },
  );
  mosellesFirst = moselle.seal([organisation(moselle.node, '10:00:00', 'Mairie de Metz')], pub, { sequence: 1 }).bytes;
  const setup = join(root, 'setup');
  await mkdir(setup);
  await writeFile(join(setup, '1.passerelle'), mosellesFirst);
  await writeFile(join(setup, '2.passerelle'), headquarters.seal([organisation(headquarters.node, '09:30:00', 'La Poste', partnerId)], pub).bytes);
  const results = await importBundleFiles(dir, await listBundleFiles(setup), { now });
  expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at]! ^= 0x01;
  return copy;
}

/** Every table of headquarters' store, row by row: what "nothing changed" is checked against. */
function storeDump(): string {
  const db = new DatabaseSync(hqPaths(dir).database, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return JSON.stringify(
      tables.map(({ name }) => [
        name,
        db
          .prepare(`SELECT * FROM "${name}"`)
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

/** A file of the corpus: its bytes, or how to make it in the folder; and the start of the reason expected. */
type Case = { bytes: Uint8Array; reason: string } | { make: (path: string) => Promise<void>; reason: string };

/** The hostile files, by name (the names sort in this order). */
async function corpus(): Promise<Map<string, Case>> {
  const site = await siteFixture({ code: 'SPIP-67' });
  await writeTransaction(site.ctx, (w) =>
    w.insert('organisation', { name: 'Mairie de Strasbourg', kind: 'association', communeName: 'Strasbourg', departement: '67' }),
  );
  const good = (await site.export(pub)).bytes;
  const other = await hqFixture();
  const hostile = craftedSite({ code: 'SPIP-88', name: 'SPIP des Vosges', departement: '88' });
  const node = hostile.node;
  const clock = at('10:00:00', node);
  const base = sealBundle(
    { site: hostile, sequence: 1, afterClock: undefined, firstClock: clock, lastClock: at('10:05:00', node), changeCount: 1, createdAt: now() },
    [organisation(node)],
    hostile.keys,
    pub,
  ).header;

  /** A bundle of the hostile site with its header changed and its payload lines given, validly signed and sealed. */
  const forged = (
    patch: Partial<Record<keyof BundleHeader | string, unknown>>,
    lines: string[] = [JSON.stringify(organisation(node))],
    options: { drop?: string; payload?: Uint8Array; signWith?: Uint8Array; recipient?: Uint8Array } = {},
  ) => {
    const header: Record<string, unknown> = { ...base, ...patch };
    if (options.drop) delete header[options.drop];
    return seal(
      FORMAT,
      utf8(JSON.stringify(header)),
      options.payload ?? deflateSync(joinLines(lines)),
      options.recipient ?? pub.encryptionKey,
      options.signWith ?? hostile.keys.signingSecret,
    );
  };
  const withHeaderText = (text: string | Uint8Array) =>
    seal(
      FORMAT,
      typeof text === 'string' ? utf8(text) : text,
      deflateSync(joinLines([JSON.stringify(organisation(node))])),
      pub.encryptionKey,
      hostile.keys.signingSecret,
    );
  /** A payload of one record line, the header announcing it. */
  const record = (value: unknown, counts: Record<string, number> = { organisation: 1 }) => forged({ counts }, [JSON.stringify(value)]);
  const sealed = (records: WireRecord[], header: Parameters<typeof hostile.seal>[2] = {}) => hostile.seal(records, pub, { sequence: 1, ...header }).bytes;
  const org = organisation(node);
  const ahead = `2026-11-28T10:00:00.000Z-0000-${node}`;
  const update = (fields: Record<string, [unknown, string]>, id = ownedId): WireRecord => ({ entity: 'organisation', id, fields });

  const headerLength = good.slice();
  headerLength.set(u32(0xfffffff0), 10);
  const zeroHeader = good.slice();
  zeroHeader.set(u32(0), 10);
  const longHeader = new Uint8Array(good.length + 70 * 1024);
  longHeader.set(good.subarray(0, 10));
  longHeader.set(u32(66 * 1024), 10);
  const version = (v: number) => {
    const copy = good.slice();
    copy[8] = v >> 8;
    copy[9] = v & 0xff;
    return copy;
  };
  const magic = (text: string) => {
    const copy = good.slice();
    copy.set(utf8(text), 0);
    return copy;
  };
  const headerEnd = 14 + new DataView(good.buffer, good.byteOffset).getUint32(10);
  const bomb = (bytes: number) => forged({}, [], { payload: deflateSync(new Uint8Array(bytes)) });

  const refused = (bytes: Uint8Array, reason: string): Case => ({ bytes, reason });
  const NOT_A_BUNDLE = 'Ce fichier n’est pas un lot Passerelle.';
  const TRUNCATED = 'Fichier tronqué';
  const UNREADABLE_HEADER = 'En-tête illisible';
  const BAD_SIGNATURE = 'Signature invalide';
  const UNREADABLE_CONTENT = 'Contenu illisible après déchiffrement';
  const MALFORMED = 'Enregistrement mal formé dans le contenu du lot.';
  const INVALID = 'Enregistrement invalide';
  const UNREADABLE_FILE = 'Fichier illisible';
  const OWNED = 'Le lot modifie l’enregistrement';

  return new Map<string, Case>([
    // Not a bundle at all.
    ['a01-vide.passerelle', refused(new Uint8Array(), NOT_A_BUNDLE)],
    ['a02-texte.passerelle', refused(utf8('Bonjour, ceci n’est pas un lot.'), NOT_A_BUNDLE)],
    ['a03-octets-au-hasard.passerelle', refused(randomBytes(4096), NOT_A_BUNDLE)],
    ['a04-zeros.passerelle', refused(new Uint8Array(1024), NOT_A_BUNDLE)],
    ['a05-sauvegarde.passerelle', refused(magic('PSRLSAUV'), NOT_A_BUNDLE)],
    ['a06-fichier-de-bureau.passerelle', refused(magic('PSRLBURO'), NOT_A_BUNDLE)],
    ['a07-magie-changee.passerelle', refused(flipped(good, 3), NOT_A_BUNDLE)],
    ['a08-zip.passerelle', refused(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...randomBytes(200)]), NOT_A_BUNDLE)],
    // Cut short.
    ['b01-tronque-1-octet.passerelle', refused(good.subarray(0, 1), NOT_A_BUNDLE)],
    ['b02-tronque-prefixe.passerelle', refused(good.subarray(0, 14), TRUNCATED)],
    ['b03-tronque-en-tete.passerelle', refused(good.subarray(0, headerEnd - 10), TRUNCATED)],
    ['b04-tronque-apres-en-tete.passerelle', refused(good.subarray(0, headerEnd + 10), TRUNCATED)],
    ['b05-tronque-moitie.passerelle', refused(good.subarray(0, Math.floor(good.length / 2)), TRUNCATED)],
    ['b06-tronque-signature.passerelle', refused(good.subarray(0, good.length - 1), BAD_SIGNATURE)],
    ['b07-octets-en-plus.passerelle', refused(Uint8Array.from([...good, 0x0a]), BAD_SIGNATURE)],
    ['b08-deux-lots-colles.passerelle', refused(Uint8Array.from([...good, ...good]), BAD_SIGNATURE)],
    // Framing and version.
    ['c01-version-0.passerelle', refused(version(0), 'Version de format inconnue')],
    ['c02-version-2.passerelle', refused(version(2), 'Version de format inconnue')],
    ['c03-version-65535.passerelle', refused(version(65535), 'Version de format inconnue')],
    ['c04-longueur-en-tete-enorme.passerelle', refused(headerLength, TRUNCATED)],
    ['c05-longueur-en-tete-nulle.passerelle', refused(zeroHeader, UNREADABLE_HEADER)],
    ['c06-en-tete-trop-long.passerelle', refused(longHeader, UNREADABLE_HEADER)],
    // One byte changed, wherever it is.
    ['d01-octet-change-version.passerelle', refused(flipped(good, 9), 'Version de format inconnue')],
    ['d02-octet-change-longueur.passerelle', refused(flipped(good, 13), UNREADABLE_HEADER)],
    ['d03-octet-change-en-tete.passerelle', refused(flipped(good, 40), UNREADABLE_HEADER)],
    ['d04-octet-change-fin-en-tete.passerelle', refused(flipped(good, headerEnd - 3), UNREADABLE_HEADER)],
    ['d05-octet-change-cle-ephemere.passerelle', refused(flipped(good, headerEnd + 5), BAD_SIGNATURE)],
    ['d06-octet-change-nonce.passerelle', refused(flipped(good, headerEnd + 40), BAD_SIGNATURE)],
    ['d07-octet-change-contenu.passerelle', refused(flipped(good, good.length - 100), BAD_SIGNATURE)],
    ['d08-octet-change-etiquette.passerelle', refused(flipped(good, good.length - 70), BAD_SIGNATURE)],
    ['d09-octet-change-signature-debut.passerelle', refused(flipped(good, good.length - 64), BAD_SIGNATURE)],
    ['d10-octet-change-signature-fin.passerelle', refused(flipped(good, good.length - 1), BAD_SIGNATURE)],
    // Headers that are not a bundle's, validly signed.
    ['e01-en-tete-pas-json.passerelle', refused(withHeaderText('pas du JSON'), UNREADABLE_HEADER)],
    ['e02-en-tete-tableau.passerelle', refused(withHeaderText('[]'), UNREADABLE_HEADER)],
    ['e03-en-tete-null.passerelle', refused(withHeaderText('null'), UNREADABLE_HEADER)],
    ['e04-en-tete-vide.passerelle', refused(withHeaderText(''), UNREADABLE_HEADER)],
    ['e05-en-tete-pas-utf8.passerelle', refused(withHeaderText(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])), UNREADABLE_HEADER)],
    ['e06-en-tete-champ-en-plus.passerelle', refused(forged({ admin: true }), UNREADABLE_HEADER)],
    ['e07-en-tete-champ-manquant.passerelle', refused(forged({}, undefined, { drop: 'siteKind' }), UNREADABLE_HEADER)],
    ['e08-en-tete-proto.passerelle', refused(withHeaderText(JSON.stringify(base).replace('{', '{"__proto__":{"siteKind":"atigip"},')), UNREADABLE_HEADER)],
    ['e09-version-dans-en-tete.passerelle', refused(forged({ formatVersion: 2 }), UNREADABLE_HEADER)],
    ['e10-identifiant-lot-invalide.passerelle', refused(forged({ bundleId: 'pas-un-uuid' }), UNREADABLE_HEADER)],
    ['e11-identifiant-site-invalide.passerelle', refused(forged({ siteId: '../../etc/passwd' }), UNREADABLE_HEADER)],
    ['e12-code-site-minuscules.passerelle', refused(forged({ siteCode: 'spip-88' }), UNREADABLE_HEADER)],
    ['e13-code-site-saut-de-ligne.passerelle', refused(forged({ siteCode: 'SPIP-88\nFAUX' }), UNREADABLE_HEADER)],
    ['e14-code-site-echappement.passerelle', refused(forged({ siteCode: 'SPIP\u001b[31m' }), UNREADABLE_HEADER)],
    ['e15-code-site-trop-long.passerelle', refused(forged({ siteCode: `SPIP-${'8'.repeat(30)}` }), UNREADABLE_HEADER)],
    ['e16-nom-site-trop-long.passerelle', refused(forged({ siteName: 'S'.repeat(201) }), UNREADABLE_HEADER)],
    ['e17-type-site-inconnu.passerelle', refused(forged({ siteKind: 'ministere' }), UNREADABLE_HEADER)],
    ['e18-departement-trop-long.passerelle', refused(forged({ siteDepartement: '5454' }), UNREADABLE_HEADER)],
    ['e19-numero-zero.passerelle', refused(forged({ sequence: 0 }), UNREADABLE_HEADER)],
    ['e20-numero-negatif.passerelle', refused(forged({ sequence: -1 }), UNREADABLE_HEADER)],
    ['e21-numero-decimal.passerelle', refused(forged({ sequence: 1.5 }), UNREADABLE_HEADER)],
    ['e22-numero-texte.passerelle', refused(forged({ sequence: '1' }), UNREADABLE_HEADER)],
    ['e23-numero-demesure.passerelle', refused(forged({ sequence: 2 ** 60 }), UNREADABLE_HEADER)],
    ['e24-cle-site-pas-hex.passerelle', refused(forged({ sitePublicKey: 'zz'.repeat(32) }), UNREADABLE_HEADER)],
    ['e25-identifiant-cle-siege-court.passerelle', refused(forged({ hqKeyId: 'abc' }), UNREADABLE_HEADER)],
    ['e26-horloge-de-reprise-invalide.passerelle', refused(forged({ afterClock: 'hier' }), UNREADABLE_HEADER)],
    ['e27-horloge-poste-long.passerelle', refused(forged({ firstClock: `2026-11-25T10:00:00.000Z-0000-${'x'.repeat(100)}` }), UNREADABLE_HEADER)],
    [
      'e28-horloge-geante.passerelle',
      refused(sealed([organisation(node, '10:00:00', 'Mairie', ownedId)], { firstClock: `${clock}${'x'.repeat(1024 * 1024)}` }), UNREADABLE_HEADER),
    ],
    ['e29-nombre-de-changements-negatif.passerelle', refused(forged({ changeCount: -1 }), UNREADABLE_HEADER)],
    ['e30-date-invalide.passerelle', refused(forged({ createdAt: '2026-13-45T25:00:00Z' }), UNREADABLE_HEADER)],
    ['e31-entite-nom-trop-long.passerelle', refused(forged({ counts: { ['x'.repeat(65)]: 1 } }), UNREADABLE_HEADER)],
    ['e32-cinq-millions-annonces.passerelle', refused(forged({ counts: { organisation: 5_000_001 } }), 'Lot trop volumineux')],
    // Keys: who signed, who it is for.
    ['f01-signe-par-une-autre-cle.passerelle', refused(forged({}, undefined, { signWith: craftedSite().keys.signingSecret }), BAD_SIGNATURE)],
    ['f02-autre-siege.passerelle', refused((await site.export(other.pub)).bytes, 'Ce lot est chiffré pour une autre clé du siège')],
    ['f03-cle-du-siege-inconnue.passerelle', refused(forged({ hqKeyId: 'deadbeefdeadbeef' }), 'Ce lot est chiffré pour une autre clé du siège')],
    ['f04-chiffre-pour-un-autre.passerelle', refused(forged({}, undefined, { recipient: other.pub.encryptionKey }), 'Déchiffrement impossible')],
    [
      'f05-se-dit-siege.passerelle',
      refused(craftedSite({ kind: 'atigip', code: 'ATIGIP-X' }).seal([org], pub).bytes, 'Ce lot se présente comme venant du siège'),
    ],
    [
      'f06-cle-du-site-changee.passerelle',
      refused(craftedSite({ siteId: moselle.siteId, code: 'SPIP-57' }).seal([org], pub).bytes, 'Clé de signature différente'),
    ],
    ['f07-code-d-un-autre-site.passerelle', refused(craftedSite({ code: 'SPIP-57' }).seal([org], pub).bytes, 'Le code de site SPIP-57 appartient déjà')],
    // Payloads that are not records.
    ['g01-pas-deflate.passerelle', refused(forged({}, [], { payload: randomBytes(512) }), UNREADABLE_CONTENT)],
    ['g02-bombe.passerelle', refused(bomb(16 * 1024 * 1024), 'Contenu trop volumineux une fois décompressé')],
    ['g03-bombe-pour-peu-d-enregistrements.passerelle', refused(bomb(2 * 1024 * 1024), 'Contenu trop volumineux une fois décompressé')],
    ['g04-ligne-trop-longue.passerelle', refused(record({ ...org, pad: 'x'.repeat(70 * 1024) }), 'Enregistrement trop long')],
    ['g05-ligne-pas-json.passerelle', refused(forged({}, ['{"entity":']), UNREADABLE_CONTENT)],
    ['g06-ligne-pas-utf8.passerelle', refused(forged({}, [], { payload: deflateSync(Uint8Array.from([0x7b, 0xc3, 0x28, 0x7d])) }), UNREADABLE_CONTENT)],
    ['g07-ligne-vide.passerelle', refused(forged({ counts: { organisation: 1 } }, [JSON.stringify(org), '', '']), UNREADABLE_CONTENT)],
    ['g08-ligne-null.passerelle', refused(record(null), MALFORMED)],
    ['g09-ligne-tableau.passerelle', refused(record([org]), MALFORMED)],
    ['g10-ligne-nombre.passerelle', refused(record(42), MALFORMED)],
    ['g11-sans-champs.passerelle', refused(record({ entity: 'organisation', id: ownedId, created: clock }), MALFORMED)],
    ['g12-cle-en-plus.passerelle', refused(record({ ...org, owner: 'ATIGIP' }), MALFORMED)],
    ['g13-champs-pas-objet.passerelle', refused(record({ ...org, fields: [1, 2] }), MALFORMED)],
    ['g14-valeur-sans-horloge.passerelle', refused(record({ ...org, fields: { ...org.fields, name: ['Mairie'] } }), MALFORMED)],
    ['g15-horloge-pas-horloge.passerelle', refused(record({ ...org, fields: { ...org.fields, name: ['Mairie', 'demain'] } }), MALFORMED)],
    [
      'g16-horloge-poste-long-dans-un-champ.passerelle',
      refused(record({ ...org, fields: { ...org.fields, name: ['Mairie', `${at('10:01:00', node)}${'x'.repeat(100)}`] } }), MALFORMED),
    ],
    ['g17-nombres-ne-correspondent-pas.passerelle', refused(record(org, { organisation: 2 }), 'Le nombre d’enregistrements du contenu ne correspond pas')],
    [
      'g18-entite-annoncee-absente.passerelle',
      refused(record(org, { organisation: 1, person: 1 }), 'Le nombre d’enregistrements du contenu ne correspond pas'),
    ],
    // Records the schemas refuse.
    ['h01-entite-inconnue.passerelle', refused(sealed([{ ...org, entity: 'secret' as never }]), 'Type d’enregistrement inconnu')],
    ['h02-identifiant-invalide.passerelle', refused(sealed([{ ...org, id: '1 OR 1=1' }]), INVALID)],
    ['h03-champ-retenu.passerelle', refused(sealed([organisation(node, '10:00:00', 'Mairie', ownedId, { notes: 'Appeler M. Martin' })]), INVALID)],
    ['h04-champ-inconnu.passerelle', refused(sealed([organisation(node, '10:00:00', 'Mairie', ownedId, { motDePasse: 'secret' })]), INVALID)],
    [
      'h05-champ-proto.passerelle',
      refused(record({ ...org, fields: JSON.parse(`{"__proto__":["x","${clock}"],"name":["Mairie","${clock}"]}`) as never }), INVALID),
    ],
    ['h06-valeur-mauvais-type.passerelle', refused(sealed([organisation(node, '10:00:00', 42 as never)]), INVALID)],
    ['h07-valeur-trop-longue.passerelle', refused(sealed([organisation(node, '10:00:00', 'x'.repeat(10 * 1024))]), INVALID)],
    ['h08-valeur-enorme.passerelle', refused(sealed([organisation(node, '10:00:00', 'x'.repeat(100 * 1024))]), 'Contenu trop volumineux une fois décompressé')],
    ['h09-champ-obligatoire-manquant.passerelle', refused(sealed([{ ...org, fields: { name: org.fields.name! } }]), INVALID)],
    ['h10-champ-obligatoire-efface.passerelle', refused(sealed([org, update({ name: [null, at('10:01:00', node)] }, strangerId)], { sequence: 1 }), INVALID)],
    ['h11-horloge-hors-intervalle.passerelle', refused(sealed([org], { firstClock: at('10:30:00', node) }), INVALID)],
    ['h12-creation-hors-intervalle.passerelle', refused(sealed([{ ...org, created: at('09:00:00', node) }], { firstClock: at('10:00:00', node) }), INVALID)],
    ['h13-en-double.passerelle', refused(sealed([org, org]), 'Enregistrement en double dans le lot')],
    [
      'h14-horloge-en-avance.passerelle',
      refused(
        sealed([{ ...org, created: ahead, fields: Object.fromEntries(Object.entries(org.fields).map(([k, [v]]) => [k, [v, ahead]])) }]),
        'Horloges en avance de plus de 24 heures',
      ),
    ],
    ['h15-nom-saut-de-ligne.passerelle', refused(sealed([organisation(node, '10:00:00', 'Mairie\nde Nancy')]), INVALID)],
    ['h16-nom-caractere-de-controle.passerelle', refused(sealed([organisation(node, '10:00:00', 'Mairie\u0007')]), INVALID)],
    ['h17-nom-marque-de-direction.passerelle', refused(sealed([organisation(node, '10:00:00', 'Mairie \u202egpj.exe')]), INVALID)],
    // Writes the sending site may not make.
    ['i01-renomme-l-enregistrement-d-un-autre-site.passerelle', refused(sealed([update({ name: ['Mairie volée', clock] })]), OWNED)],
    ['i02-supprime-l-enregistrement-d-un-autre-site.passerelle', refused(sealed([{ entity: 'organisation', id: ownedId, deleted: clock, fields: {} }]), OWNED)],
    ['i03-recree-l-enregistrement-d-un-autre-site.passerelle', refused(sealed([org]), OWNED)],
    ['i04-renomme-un-partenaire-national.passerelle', refused(sealed([update({ name: ['La Poste (fausse)', clock] }, partnerId)]), OWNED)],
    ['i05-supprime-un-partenaire-national.passerelle', refused(sealed([{ entity: 'organisation', id: partnerId, deleted: clock, fields: {} }]), OWNED)],
    ['i06-modifie-sans-creation.passerelle', refused(sealed([update({ name: ['Inconnue', clock] }, strangerId)]), OWNED)],
    [
      'i07-cle-du-siege-pour-un-site.passerelle',
      refused(
        craftedSite({ code: 'SPIP-75' }, { ...hostile.keys, signingSecret: keyring.signingSecret, signingPublic: keyring.signingPublic }).seal([org], pub)
          .bytes,
        'Lot signé par la clé du siège pour un site qui n’est pas le siège',
      ),
    ],
    // Bundles that do not continue what headquarters holds.
    [
      'j01-trou-apres-le-dernier-lot.passerelle',
      refused(
        moselle.seal([organisation(moselle.node, '11:00:00', 'Mairie', strangerId)], pub, { sequence: 3, afterClock: at('10:30:00', moselle.node) }).bytes,
        'Lot incomplet',
      ),
    ],
    ['j02-site-inconnu-sans-debut.passerelle', refused(sealed([org], { afterClock: at('09:00:00', node) }), 'Lot incomplet')],
    // Files that are not files.
    ['k01-tube.passerelle', { make: async (path) => void execFileSync('mkfifo', [path]), reason: UNREADABLE_FILE }],
    ['k02-lien-vers-la-cle.passerelle', { make: (path) => symlink(join(dir, 'keys', 'hq.signingKey.key'), path), reason: UNREADABLE_FILE }],
    ['k03-lien-vers-dev-zero.passerelle', { make: (path) => symlink('/dev/zero', path), reason: UNREADABLE_FILE }],
    ['k04-dossier.passerelle', { make: (path) => mkdir(path), reason: UNREADABLE_FILE }],
    ['k05-lien-vers-un-dossier.passerelle', { make: (path) => symlink(dir, path), reason: UNREADABLE_FILE }],
    ['k06-lien-casse.passerelle', { make: (path) => symlink(join(root, 'nulle-part'), path), reason: UNREADABLE_FILE }],
    [
      'k07-lien-vers-un-lot-valide.passerelle',
      {
        make: async (path) => {
          await writeFile(join(root, 'valide-hors-du-dossier.passerelle'), good);
          await symlink(join(root, 'valide-hors-du-dossier.passerelle'), path);
        },
        reason: UNREADABLE_FILE,
      },
    ],
    [
      'k08-prise-reseau.passerelle',
      {
        make: (path) =>
          new Promise<void>((resolve, reject) => {
            const server = createServer();
            server.once('error', reject);
            // Listening creates the socket file; closing the server without unlinking it is not possible, so it stays open until the run ends.
            server.listen(path, () => {
              sockets.push(server);
              resolve();
            });
          }),
        reason: UNREADABLE_FILE,
      },
    ],
    [
      'k09-plus-d-un-gigaoctet.passerelle',
      {
        make: async (path) => {
          await writeFile(path, good);
          await truncate(path, 1024 * 1024 * 1024 + 1);
        },
        reason: UNREADABLE_FILE,
      },
    ],
    ['k10-lien-physique-vers-la-cle.passerelle', { make: (path) => link(join(dir, 'keys', 'hq.signingKey.key'), path), reason: NOT_A_BUNDLE }],
    // Names that would not fit a quarantine copy, or would forge lines of the output.
    [`l01-${'n'.repeat(200)}.passerelle`, refused(flipped(good, good.length - 1), BAD_SIGNATURE)],
    ['l02-nom-avec\nligne forgée.passerelle', refused(utf8('texte'), NOT_A_BUNDLE)],
    ['l03-nom-avec-\u001b[31m-et-\u0007.passerelle', refused(utf8('texte'), NOT_A_BUNDLE)],
  ]);
}

const sockets: { close(): void }[] = [];
afterAll(() => {
  for (const socket of sockets) socket.close();
});

describe('the hostile corpus', () => {
  it('refuses every file on its own line with its French reason, changes nothing in the store, and imports the valid bundle after them', async () => {
    const folder = join(root, 'depot');
    await mkdir(folder);
    const files = await corpus();
    // The count SECURITY.md gives.
    expect(files.size).toBe(128);
    for (const [name, kind] of files) {
      if ('bytes' in kind) await writeFile(join(folder, name), kind.bytes);
      else await kind.make(join(folder, name));
    }
    await writeFile(join(folder, 'y01-rejoue-un-lot-deja-importe.passerelle'), mosellesFirst);
    const before = storeDump();

    const results = await importBundleFiles(dir, await listBundleFiles(folder), { now });

    const hostile = results.filter((r) => files.has(r.file));
    expect(hostile).toHaveLength(files.size);
    const wrong = hostile.filter((r) => r.status !== 'refused' || !r.reason?.startsWith(files.get(r.file)!.reason));
    expect(wrong.map((r) => `${r.file}: ${r.status} ${r.reason ?? ''}`)).toEqual([]);
    for (const r of hostile) {
      // A French sentence, never a raw error of Node, SQLite or a library.
      expect(r.reason, r.file).toMatch(/[éèàêçô’]/);
      expect(r.reason, r.file).not.toMatch(/\b(Error|ENOENT|EISDIR|ELOOP|ENXIO|undefined|null|NaN)\b|\[object /);
    }
    // A replay is recognised, and changes nothing either.
    expect(results.find((r) => r.file.startsWith('y01'))).toMatchObject({ status: 'known' });
    expect(storeDump()).toBe(before);

    // Every refused file that could be read is in quarantine with its report, readable by this account only;
    // nothing that is not a regular file was copied, and the reports print names escaped.
    const quarantine = hqPaths(dir).quarantine;
    const copies = await readdir(quarantine);
    const readable = [...files.entries()].filter(([name, kind]) => 'bytes' in kind || name.startsWith('k10'));
    expect(copies.filter((n) => n.endsWith('.rapport.txt'))).toHaveLength(readable.length);
    const unread = [...files.keys()].filter((name) => !readable.some(([r]) => r === name));
    expect(unread).toHaveLength(9);
    expect(copies.filter((copy) => unread.some((name) => copy.includes(name.replace('.passerelle', ''))))).toEqual([]);
    expect((await stat(quarantine)).mode & 0o777).toBe(0o700);
    for (const copy of copies) expect((await stat(join(quarantine, copy))).mode & 0o777, copy).toBe(0o600);
    for (const report of copies.filter((n) => n.endsWith('.rapport.txt'))) {
      const text = await readFile(join(quarantine, report), 'utf8');
      expect(
        [...text].filter((c) => (c < ' ' && c !== '\n') || c === '\u007f'),
        report,
      ).toEqual([]);
      expect(text, report).not.toContain('\nligne forgée');
    }

    // The batch goes on: a valid bundle after the whole corpus is imported.
    const valid = await siteFixture({ code: 'SPIP-54' });
    await writeTransaction(valid.ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'association', communeName: 'Nancy', departement: '54' }),
    );
    await writeFile(join(folder, 'z99-valide.passerelle'), (await valid.export(pub)).bytes);
    const again: FileImportResult[] = await importBundleFiles(dir, await listBundleFiles(folder), { now });
    expect(again.filter((r) => files.has(r.file)).every((r) => r.status === 'refused')).toBe(true);
    expect(again.at(-1)).toMatchObject({ file: 'z99-valide.passerelle', status: 'accepted', records: 1 });
  });

  it('forges its bundles in the real format: a forged bundle left as it is opens and decrypts', async () => {
    const hostile = craftedSite();
    const header = sealBundle(
      { site: hostile, sequence: 1, afterClock: undefined, firstClock: undefined, lastClock: undefined, changeCount: 0, createdAt: now() },
      [],
      hostile.keys,
      pub,
    ).header;
    const bytes = seal(FORMAT, utf8(JSON.stringify(header)), deflateSync(new Uint8Array()), pub.encryptionKey, hostile.keys.signingSecret);
    const envelope = readBundle(bytes);
    expect(envelope.ok).toBe(true);
    if (envelope.ok) expect(decryptBundle(envelope, keyring.decryptionKeys)).toMatchObject({ ok: true });
  });
});
