import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bundle = resolve(import.meta.dirname, '../../out/main/index.js');
let dir: string;

/**
 * The built main bundle (what electron-builder packs into app.asar) run as `passerelle cli …` would run it: Node
 * loads out/main/index.js with the `electron` module replaced by a stand-in whose app says it is packaged. It
 * shows that the bundle loads and that the command line it carries works, without an Electron binary.
 */
function installed(args: string[]) {
  return spawnSync(process.execPath, ['--import', join(dir, 'hooks.mjs'), join(dir, 'run.mjs'), ...args], { encoding: 'utf8' });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-installed-cli-'));
  await writeFile(
    join(dir, 'electron.mjs'),
    [
      "export const app = { isPackaged: true, getVersion: () => '4.5.6', exit: (code) => process.exit(code) };",
      'const absent = () => { throw new Error("no window in the command line"); };',
      'export const BrowserWindow = absent, dialog = {}, ipcMain = {}, protocol = {}, safeStorage = {}, session = {}, shell = {};',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'hooks.mjs'),
    `import { registerHooks } from 'node:module';
registerHooks({ resolve: (spec, ctx, next) => (spec === 'electron' ? { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true } : next(spec, ctx)) });`,
  );
  await writeFile(join(dir, 'run.mjs'), `process.argv = ['/opt/Passerelle/passerelle', ...process.argv.slice(2)];\nawait import(${JSON.stringify(bundle)});`);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the command line inside the built application', () => {
  it('prints its help and version from the application bundle', () => {
    const help = installed(['cli', '--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('passerelle 4.5.6 : outils en ligne de commande de Passerelle');
    expect(help.stdout).toContain('Usage : passerelle cli <commande> [options]');
    expect(installed(['cli', '--version']).stdout).toBe('4.5.6\n');
  });

  it('creates a headquarters folder and lists its sites, as in a checkout', () => {
    const folder = join(dir, 'siege');
    const init = installed(['cli', 'hq', 'init', folder]);
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain(`Dossier du siège créé : ${folder}`);
    const sites = installed(['cli', 'hq', 'sites', folder]);
    expect([sites.status, sites.stdout.trim()]).toEqual([0, 'Aucun site inscrit.']);
  });

  it('refuses a command it does not carry, in French, with exit code 2', () => {
    const result = installed(['cli', 'demo-bundles']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('passerelle : commande inconnue « demo-bundles ». Voir « passerelle cli --help ».');
  });
});
