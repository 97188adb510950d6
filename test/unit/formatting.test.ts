import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('formatting', () => {
  it('is checked by npm run lint, with the project configuration', async () => {
    expect(pkg.scripts.lint).toMatch(/^prettier --check \. && /);
    const file = join(root, 'shared', 'probe.ts');
    const options = await prettier.resolveConfig(file);
    expect(options).toMatchObject({ printWidth: 160, singleQuote: true });
    const badly = 'const a = {b:"c"}\n';
    expect(await prettier.check(badly, { ...options, filepath: file })).toBe(false);
    expect(await prettier.format(badly, { ...options, filepath: file })).toBe("const a = { b: 'c' };\n");
  });

  it('leaves generated files and prose alone', async () => {
    for (const path of ['out/renderer/index.js', 'package-lock.json', 'README.md', 'renderer/public/dsfr/dsfr.css']) {
      const info = await prettier.getFileInfo(join(root, path), { ignorePath: join(root, '.prettierignore') });
      expect(info.ignored, path).toBe(true);
    }
  });
});
