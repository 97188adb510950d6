import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInstalledCli } from './installed.ts';

afterEach(() => vi.restoreAllMocks());

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const code = await runInstalledCli(argv, '9.8.7');
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
});
