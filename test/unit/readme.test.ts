import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_PORT } from '../../electron/webhost/main.ts';
import { sharedFloors } from '../../eslint.config.js';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`## ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  it('sets up with exactly two commands: one starts the application, one runs every test', () => {
    const blocks = [...section('Set up').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim().split('\n'));
    expect(blocks).toEqual([['npm ci && npm start', 'npm ci && npm test']]);
  });

  it('tells how to run the web host and where its data lives, with the options the entry takes', () => {
    expect(readme).toContain(`http://127.0.0.1:${DEFAULT_WEB_PORT}`);
    expect(readme).toContain('npm run web -- --port 4400 --data DIR');
    const data = section('Where data lives');
    expect(data).toContain('PASSERELLE_DATA');
    expect(data).toContain('.passerelle-data/web');
  });

  it('maps every folder of shared/ on the floor lint puts it on', () => {
    const rows = section('The floors of shared/')
      .split('\n')
      .filter((line) => line.startsWith('| ') && line.includes('`'));
    let floor = '';
    const placed = rows.flatMap((row) => {
      const [name, members] = row
        .split('|')
        .map((cell) => cell.trim())
        .slice(1, 3) as [string, string];
      floor = name || floor;
      return [...members.matchAll(/`([^`]+?)\/?`/g)].map((m) => `${floor}: ${m[1]}`);
    });
    expect(placed.sort()).toEqual(sharedFloors.flatMap((f) => f.members.map((m) => `${f.name}: ${m}`)).sort());
  });

  it('names only files that exist in its steps for adding an entity and its repository convention', () => {
    const text = section('Adding an entity') + section('Repository functions: `createXIn(w)` and `createX(ctx)`');
    const paths = [...text.matchAll(/`((?:shared|electron|docs)\/[^`<]+\.(?:ts|md))`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
