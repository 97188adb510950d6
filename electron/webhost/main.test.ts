import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../cli/command.ts';
import { DEFAULT_WEB_PORT, parseWebArgs, startWeb } from './main.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const entry = join(repoRoot, 'electron', 'webhost', 'main.ts');
const urlLine = /^Passerelle \(version web\) : ouvrez (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32,}))$/;

let dir: string;
let rendererDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-web-main-'));
  rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Passerelle</title>');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run web: options', () => {
  it('uses the fixed default port, the data folder of the clone and the built renderer', () => {
    expect(DEFAULT_WEB_PORT).toBe(4317);
    expect(parseWebArgs([], {})).toEqual({
      port: 4317,
      dataDir: join(repoRoot, '.passerelle-data', 'web'),
      rendererDir: join(repoRoot, 'out', 'renderer'),
    });
  });

  it('takes --port and --data, and PASSERELLE_DATA when --data is absent', () => {
    expect(parseWebArgs(['--port', '4400', '--data', '/srv/siege'], {})).toMatchObject({ port: 4400, dataDir: '/srv/siege' });
    expect(parseWebArgs(['--port=0'], {}).port).toBe(0);
    expect(parseWebArgs([], { PASSERELLE_DATA: '/srv/site' }).dataDir).toBe('/srv/site');
    expect(parseWebArgs(['--data', '/srv/siege'], { PASSERELLE_DATA: '/srv/site' }).dataDir).toBe('/srv/siege');
  });

  it('refuses a bad port, an unknown option or a stray argument in French', () => {
    for (const args of [['--port', 'abc'], ['--port', '-1'], ['--port', '70000'], ['--port', '1.5'], ['--port', ''], ['--prot', '4400'], ['4400']]) {
      expect(() => parseWebArgs(args, {}), args.join(' ')).toThrow(UsageError);
    }
    expect(() => parseWebArgs(['--port', 'abc'], {})).toThrow('port invalide : abc');
  });
});

describe('npm run web: start', () => {
  it('starts on the given port and data folder and prints the one address to open, token included', async () => {
    const printed: string[] = [];
    const dataDir = join(dir, 'data-start');
    const web = await startWeb({ port: 0, dataDir, rendererDir }, (line) => printed.push(line));
    try {
      const urls = printed.filter((line) => line.includes('http'));
      expect(urls).toEqual([`Passerelle (version web) : ouvrez ${web.host.url}`]);
      const [, url, port, token] = urlLine.exec(urls[0] ?? '') ?? [];
      expect(Number(port)).toBe(web.host.port);
      expect(token).toBe(web.host.token);
      expect(printed).toContain(`Données de ce service : ${dataDir}`);

      const page = await fetch(url ?? '');
      expect(page.status).toBe(200);
      const info = await fetch(`http://127.0.0.1:${port}/api/appInfo`, { method: 'POST', headers: { 'x-passerelle-token': token ?? '' }, body: '{}' });
      expect(await info.json()).toMatchObject({ ok: true, value: { host: 'web', dataDir } });
    } finally {
      await web.stop();
    }
    await expect(fetch(web.host.url)).rejects.toThrow();
  });

  it('refuses to start without a built renderer, saying what to run', async () => {
    await expect(startWeb({ port: 0, dataDir: join(dir, 'data-none'), rendererDir: join(dir, 'nothing') }, () => undefined)).rejects.toThrow(
      /interface introuvable .* lancez d’abord « npm run build »/,
    );
  });

  it('says in French when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startWeb({ port, dataDir: join(dir, 'data-busy'), rendererDir }, () => undefined)).rejects.toThrow(
        `Le port ${port} est déjà utilisé : choisissez-en un autre avec --port.`,
      );
    } finally {
      blocker.close();
    }
  });
});

/** Run the entry `npm run web` runs, until it prints its address (then stop it) or exits. */
function runEntry(args: string[]): Promise<{ stdout: string; stderr: string; code: number | null; signal: string | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, PASSERELLE_DATA: undefined } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Données de ce service')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ stdout, stderr, code, signal }));
  });
}

describe('npm run web: the entry', () => {
  it('prints one loopback address with a token, and stops cleanly on SIGTERM', async () => {
    const dataDir = join(dir, 'data-entry');
    const run = await runEntry(['--port', '0', '--data', dataDir, '--renderer', rendererDir]);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((line) => line.includes('http'))).toHaveLength(1);
    expect(lines[0]).toMatch(urlLine);
    expect(lines[1]).toBe(`Données de ce service : ${dataDir}`);
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });

  it('exits with code 2 and a French message on a bad option', async () => {
    const run = await runEntry(['--port', 'abc', '--data', join(dir, 'data-bad'), '--renderer', rendererDir]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('npm run web : port invalide : abc');
    expect(run.stdout).toBe('');
  });
});
