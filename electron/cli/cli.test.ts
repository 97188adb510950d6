import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { centralEntityNames } from '../../shared/schemas/entities.ts';
import { testServices } from '../../test/support/services.ts';
import { craftedSite } from '../../test/support/sync.ts';
import { fileKeyStore } from '../node/fileKeyStore.ts';
import { appDataPaths, readHqPublicFile } from '../node/hq/hqDir.ts';
import { fileKeyVault, type KeyVault } from '../node/sync/keyVault.ts';
import { main } from './main.ts';

let dir: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-cli-'));
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    out.push(args.join(' '));
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    err.push(args.join(' '));
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  out.length = 0;
  err.length = 0;
  const code = await main(argv);
  return { code, out: [...out], err: [...err] };
}

const p = (...parts: string[]) => join(dir, ...parts);

function ndjson(bytes: Buffer): Record<string, unknown>[] {
  return gunzipSync(bytes)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** One simulated present for every run of a test, so the same seed gives the same records. */
const until = new Date().toISOString();

async function demo(seed: number, target: string) {
  return run(
    'demo-bundles',
    '--hq-pub',
    p('hq', 'hq.pub'),
    '--out',
    target,
    '--sites',
    '2',
    '--records',
    '4',
    '--generations',
    '3',
    '--seed',
    String(seed),
    '--until',
    until,
  );
}

describe('passerelle hq init', () => {
  it('creates keys, a shareable hq.pub and an empty database, and refuses a folder that holds keys', async () => {
    expect((await run('hq', 'init', p('hq'))).code).toBe(0);
    expect(out.join('\n')).toContain('hq.pub');
    const pub = JSON.parse(await readFile(p('hq', 'hq.pub'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(pub).sort()).toEqual(['createdAt', 'encryptionKey', 'format', 'keyId', 'signingKey', 'version']);
    const keyFiles = await readdir(p('hq', 'keys'));
    expect(keyFiles).toHaveLength(2);
    for (const f of keyFiles) expect((await stat(p('hq', 'keys', f))).mode & 0o777).toBe(0o600);
    expect((await stat(p('hq', 'hq.sqlite'))).isFile()).toBe(true);
    const again = await run('hq', 'init', p('hq'));
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toMatch(/contient déjà des clés du siège/);
    expect(JSON.parse(await readFile(p('hq', 'hq.pub'), 'utf8'))).toEqual(pub);
  });
});

describe('demo bundles through headquarters', () => {
  it('imports, recognises, refuses, exports byte-identically, inspects, acknowledges and publishes', async () => {
    await run('hq', 'init', p('hq'));
    await run('hq', 'init', p('hq2'));
    await writeFile(p('hq2', 'hq.pub'), await readFile(p('hq', 'hq.pub')));
    expect((await demo(7, p('a'))).code).toBe(0);
    expect((await demo(7, p('b'))).code).toBe(0);
    const names = (await readdir(p('a'))).sort();
    expect(names).toEqual([
      'DEMO-001-1.passerelle',
      'DEMO-001-2.passerelle',
      'DEMO-001-3.passerelle',
      'DEMO-002-1.passerelle',
      'DEMO-002-2.passerelle',
      'DEMO-002-3.passerelle',
    ]);
    expect((await readdir(p('b'))).sort()).toEqual(names);
    expect((await readFile(p('a', names[0]!))).equals(await readFile(p('b', names[0]!)))).toBe(false);

    const imported = await run('hq', 'import', p('hq'), p('a'));
    expect(imported.code).toBe(0);
    expect(imported.out).toHaveLength(6);
    expect(imported.out[0]).toMatch(/^DEMO-001-1\.passerelle : accepté \(DEMO-001 n° 1, \d+ enregistrements\)$/);
    expect((await readdir(p('hq', 'acks'))).sort()).toEqual(['DEMO-001.passerelle-ack', 'DEMO-002.passerelle-ack']);
    const again = await run('hq', 'import', p('hq'), p('a', 'DEMO-002-3.passerelle'));
    expect(again).toMatchObject({ code: 0, out: ['DEMO-002-3.passerelle : déjà connu'] });

    // The same seed gives the same records: another headquarters (same keys, bundles of the second run) consolidates the same file.
    await rm(p('hq2', 'keys'), { recursive: true });
    const { cp } = await import('node:fs/promises');
    await cp(p('hq', 'keys'), p('hq2', 'keys'), { recursive: true });
    expect((await run('hq', 'import', p('hq2'), p('b'))).code).toBe(0);
    expect((await run('hq', 'export', p('hq'), '--out', p('central.ndjson.gz'))).code).toBe(0);
    expect((await run('hq', 'export', p('hq2'), '--out', p('central2.ndjson.gz'))).code).toBe(0);
    const central = await readFile(p('central.ndjson.gz'));
    expect(central.equals(await readFile(p('central2.ndjson.gz')))).toBe(true);
    const lines = ndjson(central);
    expect(new Set(lines.map((l) => l.entity))).toEqual(new Set(['site', ...centralEntityNames]));
    expect(lines.slice(0, 2).map((l) => [l.entity, l.code, l.kind, typeof l.keyId, (l.lastBundle as { sequence: number }).sequence])).toEqual([
      ['site', 'DEMO-001', 'spip', 'string', 3],
      ['site', 'DEMO-002', 'etablissement', 'string', 3],
    ]);
    expect(lines[1]!.disp).toMatch(/^DISP |outre-mer/);
    expect(lines.some((l) => l.deleted === true)).toBe(true);

    // Another seed: the same sites with other keys, refused by the pinned keys; the refused files change nothing.
    expect((await demo(8, p('c'))).code).toBe(0);
    const refused = await run('hq', 'import', p('hq'), p('c', 'DEMO-001-1.passerelle'), p('a', 'DEMO-001-1.passerelle'));
    expect(refused.code).toBe(1);
    expect(refused.out[0]).toMatch(/^DEMO-001-1\.passerelle : refusé : Clé de signature différente/);
    expect(refused.out[1]).toBe('DEMO-001-1.passerelle : déjà connu');
    await run('hq', 'export', p('hq'), '--out', p('after-refusal.ndjson.gz'));
    expect((await readFile(p('after-refusal.ndjson.gz'))).equals(central)).toBe(true);
    expect((await readdir(p('hq', 'quarantine'))).some((f) => f.endsWith('DEMO-001-1.passerelle.rapport.txt'))).toBe(true);

    const inspected = await run('inspect', p('a', 'DEMO-002-2.passerelle'), '--hq', p('hq'));
    expect(inspected.code).toBe(0);
    const report = JSON.parse(inspected.out.join('\n')) as {
      header: Record<string, unknown>;
      signature: { valid: boolean };
      headquarters: { siteKey: string; alreadyImported: boolean; counts: Record<string, { records: number }> };
    };
    expect(report.header).toMatchObject({ siteCode: 'DEMO-002', sequence: 2 });
    expect(report.header.bundleId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.header.firstClock).toBeTypeOf('string');
    expect(report.signature.valid).toBe(true);
    expect(report.headquarters).toMatchObject({ siteKey: 'conforme', alreadyImported: true });
    expect(Object.keys(report.headquarters.counts).sort()).toEqual([...centralEntityNames].sort());
    const alone = JSON.parse((await run('inspect', p('c', 'DEMO-001-1.passerelle'))).out.join('\n')) as Record<string, unknown>;
    expect(alone).toMatchObject({ signature: { valid: true } });
    expect(alone.headquarters).toBeUndefined();

    expect((await run('hq', 'acks', p('hq'), '--out', p('acks'))).code).toBe(0);
    expect((await readdir(p('acks'))).sort()).toEqual(['DEMO-001.passerelle-ack', 'DEMO-002.passerelle-ack']);
    const ack = JSON.parse((await run('inspect', p('acks', 'DEMO-001.passerelle-ack'), '--hq-pub', p('hq', 'hq.pub'))).out.join('\n')) as Record<
      string,
      unknown
    >;
    expect(ack).toMatchObject({ signature: { valid: true }, acknowledgement: { siteCode: 'DEMO-001', bundleCount: 3 } });
    expect((await run('hq', 'reference', p('hq'), '--out', p('referentiel.passerelle-ref'))).code).toBe(0);
    const reference = JSON.parse((await run('inspect', p('referentiel.passerelle-ref'), '--hq', p('hq'))).out.join('\n')) as Record<string, unknown>;
    expect(reference).toMatchObject({ signature: { valid: true }, reference: { activityDomains: 12, sites: 2 } });

    // Key rotation: the new key is current, bundles encrypted to the old one still import.
    const before = JSON.parse(await readFile(p('hq', 'hq.pub'), 'utf8')) as { keyId: string };
    expect((await run('hq', 'rotate-key', p('hq'))).code).toBe(0);
    const after = JSON.parse(await readFile(p('hq', 'hq.pub'), 'utf8')) as { keyId: string };
    expect(after.keyId).not.toBe(before.keyId);
    expect(await run('hq', 'import', p('hq'), p('b', 'DEMO-001-3.passerelle'))).toMatchObject({ code: 0, out: [expect.stringMatching(/accepté/)] });

    // Re-enrolment: the new key of DEMO-001 is accepted after the explicit command.
    const reenrol = await run('hq', 'reenrol', p('hq'), p('c', 'DEMO-001-1.passerelle'), '--note', 'Poste réinstallé');
    expect(reenrol.code).toBe(0);
    expect(reenrol.out[0]).toMatch(/^Site DEMO-001 réinscrit/);
    expect((await run('hq', 'import', p('hq'), p('c', 'DEMO-001-1.passerelle'))).code).toBe(0);
    const sites = await run('hq', 'sites', p('hq'));
    expect(sites.out).toHaveLength(2);
    expect(sites.out[0]).toMatch(/^DEMO-001 : .* 5 lots ; dernier lot n° \d+ reçu \d{4}-\d{2}-\d{2}T.* ; clé [0-9a-f]{16}$/);
    expect((await run('hq', 'conflicts', p('hq'))).code).toBe(0);

    expect((await run('hq', 'export', p('hq'), '--out', p('csv'), '--format', 'csv')).code).toBe(0);
    const csv = await readFile(p('csv', 'organisations.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFid;siteId;updatedAt;name;kind;')).toBe(true);
    const liveOrganisations = ndjson(await readFile(p('central.ndjson.gz'))).filter((l) => l.entity === 'organisation' && !l.deleted);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + liveOrganisations.length + 4);
    const hourLogs = (await readFile(p('csv', 'hourLogs.csv'), 'utf8')).trimEnd().split('\r\n');
    const deletedLogs = lines.filter((l) => l.entity === 'hourLog' && l.deleted).map((l) => l.id as string);
    expect(deletedLogs.length).toBeGreaterThan(0);
    for (const id of deletedLogs) expect(hourLogs.some((row) => row.startsWith(id))).toBe(false);
    expect((await readdir(p('csv'))).sort()).toContain('sites.csv');
    const sitesCsv = (await readFile(p('csv', 'sites.csv'), 'utf8')).trimEnd().split('\r\n');
    expect(sitesCsv[0]).toBe('\uFEFFsiteId;code;nom;type;departement;disp;cle;derniereHorloge;dernierLot;dernierLotCree;remplace');
    expect(sitesCsv).toHaveLength(3);
  }, 60_000);
});

describe('demo bundles of a long simulation', () => {
  it('are all accepted by a fresh headquarters: their clocks end now, whatever the number of weekly exports', async () => {
    expect((await run('hq', 'init', p('hq'))).code).toBe(0);
    const written = await run(
      'demo-bundles',
      '--hq-pub',
      p('hq', 'hq.pub'),
      '--out',
      p('lots'),
      '--sites',
      '2',
      '--records',
      '2',
      '--generations',
      '50',
      '--seed',
      '9',
    );
    expect(written.code).toBe(0);
    expect(written.out.at(-1)).toMatch(/^100 lots écrits/);
    const imported = await run('hq', 'import', p('hq'), p('lots'));
    expect(imported.out.filter((line) => !/ : accepté /.test(line))).toEqual([]);
    expect(imported.out).toHaveLength(100);
    expect(imported.code).toBe(0);
    expect(await readdir(p('hq', 'quarantine'))).toEqual([]);
  }, 60_000);
});

describe('names from outside', () => {
  it('are printed escaped: a file name cannot forge a line of the output or of the quarantine report, nor send terminal codes', async () => {
    expect((await run('hq', 'init', p('hq'))).code).toBe(0);
    const forged = 'lot\nSPIP-54-9.passerelle : accepté\u001b[2J\u0007.passerelle';
    await writeFile(p(forged), 'pas un lot');
    const result = await run('hq', 'import', p('hq'), p(forged));
    expect(result.code).toBe(1);
    expect(result.out).toEqual(['lot\\u{a}SPIP-54-9.passerelle : accepté\\u{1b}[2J\\u{7}.passerelle : refusé : Ce fichier n’est pas un lot Passerelle.']);
    const [report] = (await readdir(p('hq', 'quarantine'))).filter((n) => n.endsWith('.rapport.txt'));
    const lines = (await readFile(p('hq', 'quarantine', report!), 'utf8')).trimEnd().split('\n');
    expect(lines).toContain('Fichier : lot\\u{a}SPIP-54-9.passerelle : accepté\\u{1b}[2J\\u{7}.passerelle');
    expect(lines).toHaveLength(4);
  });

  it('are printed escaped: a site’s name cannot forge a line of the list of sites either', async () => {
    expect((await run('hq', 'init', p('hq'))).code).toBe(0);
    const site = craftedSite({ code: 'SPIP-54', name: 'SPIP\nSPIP-99 : faux site\u001b[2J\u0007' });
    await writeFile(p('SPIP-54-1.passerelle'), site.seal([], await readHqPublicFile(p('hq', 'hq.pub'))).bytes);
    expect((await run('hq', 'import', p('hq'), p('SPIP-54-1.passerelle'))).code).toBe(0);
    const { out: listed } = await run('hq', 'sites', p('hq'));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(/^SPIP-54 : SPIP\\u\{a\}SPIP-99 : faux site\\u\{1b\}\[2J\\u\{7\} ; 1 lot ; /);
  });
});

describe('usage', () => {
  it('says in French why an export cannot be written, and leaves nothing half written', async () => {
    await run('hq', 'init', p('hq'));
    await writeFile(p('fichier'), 'pas un dossier');
    for (const format of ['csv', 'ndjson']) {
      const failed = await run('hq', 'export', p('hq'), '--out', p('fichier', 'export'), '--format', format);
      expect(failed.code, format).toBe(1);
      expect(failed.err.join('\n'), format).toMatch(
        /^passerelle : .* : (un élément du chemin est un fichier, pas un dossier|un fichier de ce nom existe déjà)\. Rien n’a été laissé à moitié écrit\.$/,
      );
    }
    expect((await readdir(dir)).sort()).toEqual(['fichier', 'hq']);
  });

  it('answers an unknown command, a missing option or argument with exit code 2 and the usage', async () => {
    expect((await run('sync')).code).toBe(2);
    expect(err.join('\n')).toMatch(/commande inconnue « sync »/);
    const missing = await run('hq', 'export', p('hq'));
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/l’option --out est obligatoire[\s\S]*Usage : passerelle hq/);
    expect((await run('hq', 'export', p('hq'), '--out', 'x', '--format', 'xlsx')).code).toBe(2);
    expect((await run('demo-bundles', '--hq-pub', 'x', '--out', 'y', '--sites', '0', '--records', '1', '--generations', '1', '--seed', '1')).code).toBe(1);
    expect((await run('demo-bundles', '--out', 'y')).code).toBe(2);
    expect(
      (await run('demo-bundles', '--hq-pub', 'x', '--out', 'y', '--sites', '1', '--records', '1', '--generations', '1', '--seed', '1', '--until', 'hier')).code,
    ).toBe(2);
    expect(err.join('\n')).toMatch(/--until : date et heure attendues/);
    expect((await run('hq', 'import', p('hq'))).code).toBe(2);
    expect((await run('hq', 'frobnicate')).code).toBe(2);
    const notHq = await run('hq', 'import', p('nowhere'), p('x.passerelle'));
    expect(notHq.code).toBe(1);
    expect(notHq.err.join('\n')).toMatch(/Clé de signature du siège introuvable|introuvable/);
  });

  it('runs from the launcher under Node', () => {
    const launcher = fileURLToPath(new URL('./passerelle.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [launcher, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const command of ['hq', 'demo-bundles', 'inspect']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.stderr).toBe('');
  });
});

describe('the application’s folder in headquarters mode', () => {
  const atigip = { siteId: '019b0000-0000-7000-8000-0000000000aa', code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip' as const, departement: '75' };

  /** A data folder as the app writes it when it opens in headquarters mode, its keys in the vault given. */
  async function appFolder(vault: KeyVault): Promise<string> {
    const dataDir = p('donnees');
    const services = testServices({ dataDir, vault });
    const session = await services.handlers.startSession({ site: atigip });
    expect(session.hq).toMatchObject({ ok: true });
    return dataDir;
  }

  it('is opened by every subcommand, named as the data folder or its hq folder, keys read where the web host keeps them', async () => {
    const dataDir = await appFolder(fileKeyVault(appDataPaths(p('donnees')).keys));
    expect(await run('hq', 'acks', dataDir, '--out', p('acks'))).toMatchObject({
      code: 0,
      out: ['Aucun site n’a encore envoyé de lot : aucun accusé de réception écrit.'],
    });
    expect((await run('hq', 'reference', join(dataDir, 'hq'), '--out', p('ref'))).code).toBe(0);
    expect(await run('hq', 'sites', dataDir)).toMatchObject({ code: 0, out: ['Aucun site inscrit.'] });
    expect((await run('hq', 'rotate-key', dataDir)).code).toBe(0);
    const init = await run('hq', 'init', dataDir);
    expect(init.code).toBe(1);
    expect(init.err.join('\n')).toMatch(/est celui de l’application en mode siège, déjà initialisé : il n’a pas été modifié/);
  });

  it('refuses, saying what to do, the keys the desktop app protects with the system, and still lists its sites', async () => {
    const dataDir = await appFolder({
      store: fileKeyStore(appDataPaths(p('donnees')).protectedKeys),
      label: 'Protégées par le système',
      problem: async () => null,
    });
    const refused = await run('hq', 'acks', dataDir, '--out', p('acks'));
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(
      /sont protégées par le système : seule l’application de bureau peut les lire.*menu Consolidation.*passerelle hq init/,
    );
    expect(await run('hq', 'sites', dataDir)).toMatchObject({ code: 0, out: ['Aucun site inscrit.'] });
  });
});
