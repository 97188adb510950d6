import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealBundle, type WireRecord } from '../../../shared/sync/bundle.ts';
import { u32 } from '../../../shared/sync/bytes.ts';
import type { HqPublic } from '../../../shared/sync/keys.ts';
import { craftedSite, hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { hqPaths, initHqDir, openHqStore } from './hqDir.ts';
import { importBundleFiles, listBundleFiles } from './import.ts';

/*
 * A folder of hostile and broken files, imported in one run before a valid bundle: each is refused on its own
 * line with a French reason, headquarters' store holds nothing of them, and the valid bundle after them is
 * accepted.
 */

let root: string;
let dir: string;
let pub: HqPublic;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'passerelle-corpus-'));
  dir = join(root, 'hq');
  pub = await initHqDir(dir, new Date('2026-11-25T12:00:00Z'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const now = () => Date.parse('2026-11-25T12:00:00Z');
const id = '019b8d63-4710-707d-bcd3-b51ec780218c';

function organisation(clock: string, fields: Record<string, [unknown, string]> = {}): WireRecord {
  return {
    entity: 'organisation',
    id,
    created: clock,
    fields: { name: ['Mairie', clock], kind: ['association', clock], communeName: ['Nancy', clock], departement: ['54', clock], ...fields },
  };
}

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at]! ^= 0x01;
  return copy;
}

/** Every hostile file, by name (the names sort in this order); each made fresh from a valid bundle or by hand. */
async function corpus(): Promise<Map<string, Uint8Array>> {
  const site = await siteFixture({ code: 'SPIP-57' });
  await writeTransaction(site.ctx, (w) => w.insert('organisation', { name: 'Mairie de Metz', kind: 'association', communeName: 'Metz', departement: '57' }));
  const good = (await site.export(pub)).bytes;
  const other = await hqFixture();
  const crafted = craftedSite({ code: 'SPIP-88' });
  const clock = `2026-11-25T10:00:00.000Z-0000-${crafted.node}`;
  const ahead = `2026-11-28T10:00:00.000Z-0000-${crafted.node}`;
  const base = { site: crafted, sequence: 1, afterClock: undefined, firstClock: clock, lastClock: clock, changeCount: 1, createdAt: now() };
  const headerLength = new Uint8Array(good);
  headerLength.set(u32(0xfffffff0), 10);
  const longHeader = new Uint8Array(good.length + 70 * 1024);
  longHeader.set(good.subarray(0, 10));
  longHeader.set(u32(66 * 1024), 10);
  const version = new Uint8Array(good);
  version[9] = 2;
  return new Map<string, Uint8Array>([
    ['01-vide.passerelle', new Uint8Array()],
    ['02-texte.passerelle', new TextEncoder().encode('Bonjour, ceci n’est pas un lot.')],
    ['03-octets-au-hasard.passerelle', crypto.getRandomValues(new Uint8Array(4096))],
    ['04-tronque.passerelle', good.subarray(0, Math.floor(good.length / 2))],
    ['05-octet-change-contenu.passerelle', flipped(good, good.length - 100)],
    ['06-octet-change-en-tete.passerelle', flipped(good, 40)],
    ['07-signature-changee.passerelle', flipped(good, good.length - 1)],
    ['08-version-inconnue.passerelle', version],
    ['09-longueur-en-tete-enorme.passerelle', headerLength],
    ['10-en-tete-trop-long.passerelle', longHeader],
    ['11-autre-siege.passerelle', (await site.export(other.pub)).bytes],
    ['12-bombe.passerelle', sealBundle(base, [organisation(clock)], crafted.keys, pub, () => deflateSync(new Uint8Array(16 * 1024 * 1024))).bytes],
    [
      '13-horloge-geante.passerelle',
      crafted.seal([organisation(clock, { name: ['Mairie', `${clock}${'x'.repeat(1024 * 1024)}`] })], pub, { sequence: 2 }).bytes,
    ],
    ['14-entite-inconnue.passerelle', crafted.seal([{ ...organisation(clock), entity: 'secret' as never }], pub, { sequence: 3 }).bytes],
    ['15-champ-retenu.passerelle', crafted.seal([organisation(clock, { notes: ['Appeler M. Martin', clock] })], pub, { sequence: 4 }).bytes],
    ['16-valeur-trop-longue.passerelle', crafted.seal([organisation(clock, { name: ['x'.repeat(100 * 1024), clock] })], pub, { sequence: 5 }).bytes],
    ['17-en-double.passerelle', crafted.seal([organisation(clock), organisation(clock)], pub, { sequence: 6 }).bytes],
    ['18-horloge-en-avance.passerelle', crafted.seal([organisation(ahead)], pub, { sequence: 7 }).bytes],
    ['19-lot-avec-trou.passerelle', crafted.seal([organisation(clock)], pub, { sequence: 8, afterClock: clock.replace('10:00', '09:00') }).bytes],
    ['20-se-dit-siege.passerelle', craftedSite({ kind: 'atigip', code: 'ATIGIP-X' }).seal([organisation(clock)], pub).bytes],
  ]);
}

describe('a folder of hostile files', () => {
  it('refuses each with a French reason on its own line, keeps nothing of them, and imports the valid bundle after them', async () => {
    const folder = join(root, 'depot');
    await mkdir(folder);
    const files = await corpus();
    for (const [name, bytes] of files) await writeFile(join(folder, name), bytes);
    execFileSync('mkfifo', [join(folder, '21-tube.passerelle')]);
    await symlink(join(dir, 'keys', 'hq.signingKey.key'), join(folder, '22-lien-vers-la-cle.passerelle'));
    await symlink('/dev/zero', join(folder, '23-lien-vers-dev-zero.passerelle'));
    await mkdir(join(folder, '24-dossier.passerelle'));
    const valid = await siteFixture({ code: 'SPIP-54' });
    await writeTransaction(valid.ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'association', communeName: 'Nancy', departement: '54' }),
    );
    await writeFile(join(folder, '99-valide.passerelle'), (await valid.export(pub)).bytes);

    const results = await importBundleFiles(dir, await listBundleFiles(folder), { now });

    const hostile = results.slice(0, -1);
    expect(hostile.map((r) => [r.file, r.reason?.split(' : ')[0]?.replace(/ \(.*$/, '')])).toEqual([
      ['01-vide.passerelle', 'Ce fichier n’est pas un lot Passerelle.'],
      ['02-texte.passerelle', 'Ce fichier n’est pas un lot Passerelle.'],
      ['03-octets-au-hasard.passerelle', 'Ce fichier n’est pas un lot Passerelle.'],
      ['04-tronque.passerelle', 'Fichier tronqué'],
      ['05-octet-change-contenu.passerelle', 'Signature invalide'],
      ['06-octet-change-en-tete.passerelle', 'En-tête illisible'],
      ['07-signature-changee.passerelle', 'Signature invalide'],
      ['08-version-inconnue.passerelle', 'Version de format inconnue'],
      ['09-longueur-en-tete-enorme.passerelle', 'Fichier tronqué'],
      ['10-en-tete-trop-long.passerelle', 'En-tête illisible'],
      ['11-autre-siege.passerelle', 'Ce lot est chiffré pour une autre clé du siège'],
      ['12-bombe.passerelle', 'Contenu trop volumineux une fois décompressé'],
      ['13-horloge-geante.passerelle', 'En-tête illisible'],
      ['14-entite-inconnue.passerelle', 'Type d’enregistrement inconnu'],
      ['15-champ-retenu.passerelle', 'Enregistrement invalide'],
      ['16-valeur-trop-longue.passerelle', 'Contenu trop volumineux une fois décompressé'],
      ['17-en-double.passerelle', 'Enregistrement en double dans le lot'],
      ['18-horloge-en-avance.passerelle', 'Horloges en avance de plus de 24 heures sur celle du siège'],
      ['19-lot-avec-trou.passerelle', 'Lot incomplet'],
      ['20-se-dit-siege.passerelle', 'Ce lot se présente comme venant du siège'],
      ['21-tube.passerelle', 'Fichier illisible'],
      ['22-lien-vers-la-cle.passerelle', 'Fichier illisible'],
      ['23-lien-vers-dev-zero.passerelle', 'Fichier illisible'],
      ['24-dossier.passerelle', 'Fichier illisible'],
    ]);
    for (const r of hostile) {
      expect(r.status, r.file).toBe('refused');
      // A French sentence, never a raw error of Node, SQLite or a library.
      expect(r.reason, r.file).toMatch(/[éèàêç’]/);
      expect(r.reason, r.file).not.toMatch(/\b(Error|ENOENT|EISDIR|ELOOP|undefined|null|NaN)\b|\[object /);
    }
    expect(results.at(-1)).toMatchObject({ file: '99-valide.passerelle', status: 'accepted', records: 1 });
    const store = openHqStore(dir, { readOnly: true });
    try {
      expect(store.sites().map((s) => s.code)).toEqual(['SPIP-54']);
      expect([...store.consolidated('organisation')].map((r) => r.fields.name?.value)).toEqual(['Mairie de Nancy']);
    } finally {
      store.close();
    }
    // Every refused file that could be read is in quarantine with its report; nothing unread was copied.
    const quarantined = await readdir(hqPaths(dir).quarantine);
    expect(quarantined.filter((n) => n.endsWith('.rapport.txt'))).toHaveLength(files.size);
    expect(quarantined.some((n) => /tube|lien|dossier/.test(n))).toBe(false);
  });
});
