import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaContentSecurityPolicy } from '../../electron/node/csp.ts';

/*
 * Doyensec's Electronegativity, the Electron security linter, run on the desktop code (electron/) and on the page
 * as the build makes it (renderer/index.html with the policy's <meta> tag, added by build/electron.vite.config.ts).
 * Any finding above LOW fails: a reviewed exception is an `eng-disable` comment beside the code, saying why.
 */

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity');

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
}
interface Scan {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
type Run = (options: { input: string; excludeFromScan: string[]; electronVersionOverride: string; isRelative: boolean }) => Promise<Scan>;

// Offline, always: the tool fetches updated translations from the internet before each run (its English ones
// ship with it), and AvailableSecurityFixesGlobalCheck fetches Electron's release list, so it is left out.
const got = require(createRequire(runnerPath).resolve('got')) as { default: unknown };
got.default = () => Promise.reject(new Error('offline'));
const run = require(runnerPath) as Run;
const { severity } = require(join(runnerPath, '..', 'finder', 'index.js')) as { severity: Record<string, { value: number }> };

const electronVersion = (
  JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies.electron!.replace(/^\^/, '');

async function scan(input: string): Promise<Scan> {
  const result = await run({ input, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], electronVersionOverride: electronVersion, isRelative: true });
  return { errors: result.errors, issues: result.issues };
}

const aboveLow = (issues: Finding[]) => issues.filter((i) => i.severity.value > severity.LOW!.value).map((i) => `${i.id} ${i.file}:${i.location.line}`);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'passerelle-electronegativity-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The desktop code and the built page's HTML, in one folder: the CSP check looks at both together. */
async function app(): Promise<string> {
  const dir = join(work, 'app');
  await cp(join(root, 'electron'), join(dir, 'electron'), { recursive: true });
  const html = await readFile(join(root, 'renderer', 'index.html'), 'utf8');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy()}" />`;
  await writeFile(join(dir, 'index.html'), html.replace('<head>', `<head>\n    ${meta}`));
  return dir;
}

describe('Electronegativity', () => {
  it('finds nothing above LOW in the desktop code and the built page, and reads every file', async () => {
    const result = await scan(await app());
    expect(result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`)).toEqual([]);
    expect(aboveLow(result.issues)).toEqual([]);
  });

  it('would fail on an unsafe window, a page without a policy or an unreviewed openExternal', async () => {
    const dir = join(work, 'unsafe');
    await cp(join(root, 'electron', 'main'), dir, { recursive: true });
    await writeFile(
      join(dir, 'unsafe.ts'),
      [
        "import { BrowserWindow, shell } from 'electron';",
        'export const open = (url: string) => shell.openExternal(url);',
        'export const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
      ].join('\n'),
    );
    const found = aboveLow((await scan(dir)).issues);
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CONTEXT_ISOLATION_JS_CHECK unsafe\.ts/), expect.stringMatching(/^CSP_GLOBAL_CHECK/)]),
    );
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^OPEN_EXTERNAL_JS_CHECK unsafe\.ts/)]));
  });
});
