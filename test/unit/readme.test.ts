import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_PORT } from '../../electron/webhost/main.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

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
});
