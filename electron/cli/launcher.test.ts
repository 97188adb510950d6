import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, REQUIRED_NODE_MAJOR } from './nodeVersion.mjs';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; engines: { node: string } };
const launcher = join(root, pkg.bin.passerelle ?? '');

/** `npx passerelle ...` as a fresh clone runs it: the launcher named in package.json's `bin`, under Node. */
function passerelle(args: string[], nodeArgs: string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, launcher, ...args], { encoding: 'utf8', cwd: root });
}

describe('passerelle launcher', () => {
  it('prints the version of package.json', () => {
    for (const flag of ['--version', '-v']) {
      const result = passerelle([flag]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`${pkg.version}\n`);
      expect(result.stderr).toBe('');
    }
  });

  it('prints the help, with its version and every command, in French', () => {
    for (const args of [['--help'], []]) {
      const result = passerelle(args);
      expect(result.status).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toBe(`passerelle ${pkg.version} : outils en ligne de commande de Passerelle`);
      expect(lines).toContain('Usage : passerelle <commande> [options]');
      for (const command of ['hq', 'demo-bundles', 'inspect']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      expect(result.stderr).toBe('');
    }
  });

  it('refuses a Node.js older than 24 with a French message, before loading any TypeScript', () => {
    // The launcher sees the version Node reports; this preload makes Node report an older one.
    const olderNode = ['--import', 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"22.11.0"})'];
    const result = passerelle(['--help'], olderNode);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('passerelle : Node.js 24 ou plus récent est requis (version actuelle : 22.11.0).');
    expect(result.stdout).toBe('');
  });
});

describe('Node.js version check', () => {
  it('accepts Node 24 and later', () => {
    for (const version of ['24.0.0', '24.21.0', '25.1.0', '30.0.0']) expect(nodeVersionProblem(version), version).toBeNull();
  });

  it('refuses older or unreadable versions in French', () => {
    expect(nodeVersionProblem('23.11.1')).toBe('passerelle : Node.js 24 ou plus récent est requis (version actuelle : 23.11.1).');
    for (const version of ['22.11.0', '18.20.4', '4.0.0', '', 'v24'])
      expect(nodeVersionProblem(version), version).toMatch(/Node\.js 24 ou plus récent est requis/);
  });

  it('requires what package.json promises', () => {
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE_MAJOR}`);
  });
});
