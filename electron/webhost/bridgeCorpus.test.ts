import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServices } from '../../test/support/services.ts';
import { readProfileMarker } from '../node/profile.ts';
import { EVENTS_PATH, startWebHost, type RunningWebHost } from './server.ts';

/*
 * The bridge attacks of issue 13, made at each run: requests a hostile web page, another local program or a
 * forged client could send the web host. Each is refused with a French message and runs nothing: the one call
 * they all try to make (record a profile written by a far newer version, which would lock the data folder) never
 * lands, and no file outside the renderer is ever served.
 */

let dir: string;
let dataDir: string;
let host: RunningWebHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-bridge-corpus-'));
  dataDir = join(dir, 'data');
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await mkdir(dataDir);
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Passerelle</title>');
  await writeFile(join(dir, 'secret.txt'), 'SECRET-HORS-DU-RENDU');
  const services = testServices({ dataDir, version: '9.9.9' });
  host = await startWebHost({ rendererDir: join(dir, 'renderer'), port: 0, handlers: services.handlers, events: services.events, maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

interface Sent {
  path: string;
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Uint8Array;
}

function send({ path, method = 'POST', headers = {}, body }: Sent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      // The event stream stays open once accepted: what it sent first is enough to know it was.
      if (res.statusCode === 200 && path === EVENTS_PATH) setTimeout(() => req.destroy(), 50);
    });
    // A connection the server cuts is said as such: only a refusal with a French message passes.
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, body: `connexion coupée (${error.code ?? error.message})` }));
    req.end(body);
  });
}

/** The write every attack tries: a profile of version 99 would make the app refuse to open its data. */
const PAYLOAD = JSON.stringify({ dbVersion: 99 });
const json = { 'content-type': 'application/json' };

/** The French answers of the web host and of the bridge, and nothing else. */
const FRENCH = [
  'Jeton d’accès refusé.',
  'Hôte refusé.',
  'Origine refusée.',
  'Méthode refusée.',
  'Requête illisible (JSON attendu).',
  'Requête trop volumineuse.',
  'Appel inconnu : ',
  'Appel refusé, arguments invalides (',
  'Introuvable.',
];

function attacks(token: string, port: number): [string, Sent][] {
  const withToken = { ...json, 'x-passerelle-token': token };
  const api = (headers: Record<string, string | string[]>, body: string | Uint8Array = PAYLOAD, path = '/api/reportProfile'): Sent => ({ path, headers, body });
  const other = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  const nested = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
  return [
    // The token.
    ['no token', api(json)],
    ['an empty token', api({ ...json, 'x-passerelle-token': '' })],
    ['one character changed', api({ ...json, 'x-passerelle-token': other })],
    ['one character more', api({ ...json, 'x-passerelle-token': `${token}x` })],
    ['one character less', api({ ...json, 'x-passerelle-token': token.slice(0, -1) })],
    ['in capitals', api({ ...json, 'x-passerelle-token': token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase() })],
    ['in the address', api(json, PAYLOAD, `/api/reportProfile?token=${token}`)],
    ['in a cookie', api({ ...json, cookie: `token=${token}` })],
    ['as a bearer', api({ ...json, authorization: `Bearer ${token}` })],
    ['sent twice', api({ ...json, 'x-passerelle-token': [token, token] })],
    ['of another start', api({ ...json, 'x-passerelle-token': 'A'.repeat(token.length) })],
    ['the token’s name misspelt', api({ ...json, 'x-passerelle-jeton': token })],
    // The Host header (DNS rebinding).
    ['another host', api({ ...withToken, host: `evil.example:${port}` })],
    ['another port', api({ ...withToken, host: `127.0.0.1:${port + 1}` })],
    ['no port', api({ ...withToken, host: '127.0.0.1' })],
    ['a look-alike name', api({ ...withToken, host: `localhost.evil.example:${port}` })],
    ['a name that resolves to the loopback', api({ ...withToken, host: `127.0.0.1.nip.io:${port}` })],
    ['every address', api({ ...withToken, host: `0.0.0.0:${port}` })],
    ['another loopback address', api({ ...withToken, host: `127.0.0.2:${port}` })],
    ['the IPv6 loopback', api({ ...withToken, host: `[::1]:${port}` })],
    // The Origin header (another page of the browser).
    ['another origin', api({ ...withToken, origin: 'https://evil.example' })],
    ['the null origin of a sandboxed frame or a file', api({ ...withToken, origin: 'null' })],
    ['another port’s origin', api({ ...withToken, origin: `http://127.0.0.1:${port + 1}` })],
    ['a file origin', api({ ...withToken, origin: 'file://' })],
    ['a look-alike origin', api({ ...withToken, origin: `http://127.0.0.1:${port}.evil.example` })],
    ['the same host over https', api({ ...withToken, origin: `https://127.0.0.1:${port}` })],
    ['an origin with a path', api({ ...withToken, origin: `http://127.0.0.1:${port}/` })],
    // Methods.
    ['GET on a call', { path: '/api/reportProfile', method: 'GET', headers: withToken }],
    ['PUT on a call', { path: '/api/reportProfile', method: 'PUT', headers: withToken, body: PAYLOAD }],
    ['DELETE on a call', { path: '/api/reportProfile', method: 'DELETE', headers: withToken }],
    ['PATCH on a call', { path: '/api/reportProfile', method: 'PATCH', headers: withToken, body: PAYLOAD }],
    [
      'a CORS preflight',
      { path: '/api/reportProfile', method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } },
    ],
    ['POST on a page', { path: '/index.html', method: 'POST', headers: withToken, body: PAYLOAD }],
    ['POST on the event stream', { path: EVENTS_PATH, method: 'POST', headers: withToken, body: PAYLOAD }],
    // Bodies.
    ['not JSON', api(withToken, '{"dbVersion": 99')],
    ['JSON null', api(withToken, 'null')],
    ['a JSON array', api(withToken, '[99]')],
    ['a JSON number', api(withToken, '99')],
    ['a JSON string', api(withToken, '"dbVersion=99"')],
    ['too large', api(withToken, JSON.stringify({ dbVersion: 99, pad: 'x'.repeat(128 * 1024) }))],
    ['nested thirty thousand deep', api(withToken, nested)],
    ['not UTF-8', api(withToken, Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))],
    ['a prototype to pollute', api(withToken, '{"__proto__":{"dbVersion":99}}')],
    ['a constructor to pollute', api(withToken, '{"constructor":{"prototype":{"dbVersion":99}}}')],
    ['a field more', api(withToken, JSON.stringify({ dbVersion: 99, admin: true }))],
    ['a version of the wrong type', api(withToken, JSON.stringify({ dbVersion: '99' }))],
    ['a negative version', api(withToken, JSON.stringify({ dbVersion: -99 }))],
    ['an infinite version', api(withToken, '{"dbVersion": 1e999}')],
    ['a fractional version', api(withToken, JSON.stringify({ dbVersion: 99.5 }))],
    // Channels.
    ['an unknown call', api(withToken, PAYLOAD, '/api/nope')],
    ['the prototype as a call', api(withToken, PAYLOAD, '/api/__proto__')],
    ['the constructor as a call', api(withToken, PAYLOAD, '/api/constructor')],
    ['an inherited method as a call', api(withToken, PAYLOAD, '/api/hasOwnProperty')],
    ['toString as a call', api(withToken, PAYLOAD, '/api/toString')],
    ['a call with a path after it', api(withToken, PAYLOAD, '/api/reportProfile/x')],
    ['a call reached through ..', api(withToken, PAYLOAD, '/api/x/../reportProfile%00')],
    ['an encoded slash in a call', api(withToken, PAYLOAD, '/api/..%2freportProfile')],
    ['a call in capitals', api(withToken, PAYLOAD, '/api/REPORTPROFILE')],
    // Files outside the renderer.
    ['a parent folder', { path: '/../secret.txt', method: 'GET' }],
    ['an encoded parent folder', { path: '/%2e%2e/secret.txt', method: 'GET' }],
    ['an encoded slash', { path: '/%2e%2e%2fsecret.txt', method: 'GET' }],
    ['a backslash', { path: '/..%5csecret.txt', method: 'GET' }],
    ['through the assets', { path: '/assets/../../secret.txt', method: 'GET' }],
    ['an absolute path', { path: '//etc/passwd', method: 'GET' }],
    ['a NUL byte', { path: '/index.html%00/../../secret.txt', method: 'GET' }],
    ['a folder', { path: '/assets', method: 'GET' }],
    // The event stream.
    ['events without the token', { path: EVENTS_PATH, method: 'GET' }],
    ['events from another origin', { path: EVENTS_PATH, method: 'GET', headers: { 'x-passerelle-token': token, origin: 'https://evil.example' } }],
    ['events from another host', { path: EVENTS_PATH, method: 'GET', headers: { 'x-passerelle-token': token, host: `evil.example:${port}` } }],
    ['events with the token in the address', { path: `${EVENTS_PATH}?token=${token}`, method: 'GET' }],
  ];
}

describe('the web host against the bridge attacks', () => {
  it('refuses every one with a French message, runs nothing and serves nothing outside the renderer', async () => {
    const accepted = await send({ path: '/api/reportProfile', headers: { ...json, 'x-passerelle-token': host.token }, body: JSON.stringify({ dbVersion: 3 }) });
    expect(JSON.parse(accepted.body)).toEqual({ ok: true, value: { recorded: true } });
    const cases = attacks(host.token, host.port);
    // The count SECURITY.md gives.
    expect(cases).toHaveLength(70);

    const wrong: string[] = [];
    for (const [what, sent] of cases) {
      const { status, body } = await send(sent);
      let answer: { ok?: boolean; error?: string } = {};
      try {
        answer = JSON.parse(body) as typeof answer;
      } catch {
        wrong.push(`${what}: ${status} ${body.slice(0, 80)}`);
        continue;
      }
      const refused = answer.ok === false && (status >= 400 || status === 200);
      const french = FRENCH.some((start) => answer.error?.startsWith(start));
      if (!refused || !french || body.includes('SECRET')) wrong.push(`${what}: ${status} ${body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect(await readProfileMarker(dataDir)).toEqual({ dbVersion: 3, appVersion: '9.9.9' });
  });
});
