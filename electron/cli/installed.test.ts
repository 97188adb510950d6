import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testServices } from '../../test/support/services.ts';
import { fileKeyStore } from '../node/fileKeyStore.ts';
import { appDataPaths, type HqKeyAccess } from '../node/hq/hqDir.ts';
import { runInstalledCli } from './installed.ts';

afterEach(() => vi.restoreAllMocks());

async function run(argv: string[], access: HqKeyAccess = {}) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const code = await runInstalledCli(argv, '9.8.7', access);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the installed application’s command line', () => {
  it('prints the application’s version and its help, typed as « passerelle cli »', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: '9.8.7', err: '' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('passerelle 9.8.7 : outils en ligne de commande de Passerelle');
    expect(help.out).toContain('Usage : passerelle cli <commande> [options]');
    expect(help.out).toMatch(/^ {2}hq /m);
    expect(help.out).toMatch(/^ {2}inspect /m);
    expect(help.out).toContain('Passerelle.exe" cli');
  });

  it('runs the headquarters commands (a usage error, with its French usage)', async () => {
    const result = await run(['hq', 'nimporte']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('sous-commande inconnue « nimporte »');
  });

  it('leaves demo-bundles to a checkout', async () => {
    const result = await run(['demo-bundles']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('passerelle : commande inconnue « demo-bundles ». Voir « passerelle cli --help ».');
  });

  it('is what the application’s main process runs when started with « cli »', () => {
    // The one entry electron-vite bundles for main (build/electron.vite.config.ts), packed by electron-builder.yml.
    const main = readFileSync(join(import.meta.dirname, '..', 'main', 'index.ts'), 'utf8');
    expect(main).toContain("import { runInstalledCli } from '../cli/installed.ts';");
    expect(main).toContain('cliArguments(process.argv, app.isPackaged)');
  });

  it('reads the keys the desktop app protects, so every subcommand works on the application’s own folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'passerelle-installed-'));
    try {
      const dataDir = join(dir, 'donnees');
      const protectedDir = appDataPaths(dataDir).protectedKeys;
      // The app in headquarters mode, its keys in the protected folder (a file store stands for safeStorage here).
      const services = testServices({ dataDir, vault: { store: fileKeyStore(protectedDir), label: 'Protégées', problem: async () => null } });
      expect((await services.handlers.startSession({ site: atigip })).hq).toMatchObject({ ok: true });
      const opened: string[] = [];
      const access: HqKeyAccess = {
        protectedKeys: async (keysDir) => {
          opened.push(keysDir);
          return fileKeyStore(keysDir);
        },
      };
      const acks = await run(['hq', 'acks', dataDir, '--out', join(dir, 'acks')], access);
      expect(acks).toEqual({ code: 0, out: 'Aucun site n’a encore envoyé de lot : aucun accusé de réception écrit.', err: '' });
      expect((await run(['hq', 'rotate-key', dataDir], access)).code).toBe(0);
      expect(opened).toEqual([protectedDir, protectedDir]);
      expect((await readdir(protectedDir)).length).toBeGreaterThan(1);
      // Without that access (a checkout's command line), the same folder is refused, saying what to do.
      const refused = await run(['hq', 'acks', dataDir, '--out', join(dir, 'acks')]);
      expect([refused.code, refused.err]).toEqual([1, expect.stringMatching(/sont protégées par le système/)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const atigip = { siteId: '019b0000-0000-7000-8000-0000000000aa', code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip' as const, departement: '75' };
