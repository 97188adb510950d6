import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../node/services.ts';
import { testServices } from '../../test/support/services.ts';
import { readProfileMarker } from '../node/profile.ts';
import { EVENTS_PATH, startWebHost, type RunningWebHost } from './server.ts';

let dir: string;
let dataDir: string;
let host: RunningWebHost;
let services: Services;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-webhost-'));
  dataDir = join(dir, 'data');
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await mkdir(dataDir);
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Passerelle</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  services = testServices({ dataDir, version: '9.9.9' });
  host = await startWebHost({ rendererDir: join(dir, 'renderer'), port: 0, handlers: services.handlers, events: services.events, keepAliveMs: 50 });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** Raw HTTP, so the Host header can be set like a hostile page would. */
function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...init.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-passerelle-token': host.token, ...headers },
    body: JSON.stringify(body),
  });

/** Whether anything answers on another address of the loopback network (Linux routes all of 127/8 to lo). */
function reachableOn(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: address, port, path: '/', headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

describe('web host', () => {
  it('prints a loopback URL with its token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(host.address).toBe('127.0.0.1');
    expect(await reachableOn('127.0.0.1', host.port)).toBe(true);
    // A server bound to every interface (0.0.0.0) answers here too.
    expect(await reachableOn('127.0.0.2', host.port)).toBe(false);
  });

  it('draws a new random token at every start, with at least 128 bits of entropy', async () => {
    const tokens = [host.token];
    for (let i = 0; i < 3; i++) {
      const other = await startWebHost({ rendererDir: join(dir, 'renderer'), port: 0, handlers: services.handlers, events: services.events });
      tokens.push(other.token);
      await other.close();
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });

  it('serves the renderer with the content security policy', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Passerelle</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const js = await call('/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    expect((await call('/../secret.txt')).status).toBe(404);
    expect((await call('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('answers the bridge contract with the Node services', async () => {
    const res = await api('appInfo', {});
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { version: '9.9.9', host: 'web', dataDir } });
    const recorded = await api('reportProfile', { dbVersion: 3 });
    expect(JSON.parse(recorded.body)).toEqual({ ok: true, value: { recorded: true } });
    expect(await readProfileMarker(dataDir)).toEqual({ dbVersion: 3, appVersion: '9.9.9' });
  });

  it('refuses a call without the token, and runs nothing', async () => {
    const res = await call('/api/reportProfile', { method: 'POST', body: JSON.stringify({ dbVersion: 50 }) });
    expect(res.status).toBe(401);
    expect(await readProfileMarker(dataDir)).toEqual({ dbVersion: 3, appVersion: '9.9.9' });
  });

  it('refuses a call with a wrong token, and runs nothing', async () => {
    const sameLength = host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of [sameLength, `${host.token}x`, host.token.slice(1), '']) {
      const res = await api('reportProfile', { dbVersion: 50 }, { 'x-passerelle-token': token });
      expect(res.status, token).toBe(401);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: 'Jeton d’accès refusé.' });
    }
    expect(await readProfileMarker(dataDir)).toEqual({ dbVersion: 3, appVersion: '9.9.9' });
  });

  it('refuses bad arguments with a French message, and runs nothing', async () => {
    const res = await api('reportProfile', { dbVersion: 'beaucoup' });
    const body = JSON.parse(res.body) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(/arguments invalides/);
    expect(JSON.parse((await api('reportProfile', { dbVersion: 60, extra: true })).body).ok).toBe(false);
    expect(JSON.parse((await api('nope', {})).body).error).toMatch(/Appel inconnu/);
    expect(await readProfileMarker(dataDir)).toEqual({ dbVersion: 3, appVersion: '9.9.9' });
  });

  it('refuses another Host (DNS rebinding) and another Origin, and runs nothing', async () => {
    expect((await call('/', { headers: { host: `evil.example:${host.port}` } })).status).toBe(421);
    expect((await call('/', { headers: { host: `127.0.0.1:${host.port + 1}` } })).status).toBe(421);
    expect((await api('reportProfile', { dbVersion: 51 }, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await api('reportProfile', { dbVersion: 52 }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('reportProfile', { dbVersion: 53 }, { origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect(await readProfileMarker(dataDir)).toEqual({ dbVersion: 3, appVersion: '9.9.9' });
    expect((await api('appInfo', {}, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await api('appInfo', {}, { host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses what is not JSON', async () => {
    const res = await call('/api/appInfo', { method: 'POST', headers: { 'x-passerelle-token': host.token }, body: '{oops' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/JSON/);
  });

  it('streams the services’ events to a page holding the token, and only to it', async () => {
    expect((await call(EVENTS_PATH)).status).toBe(401);
    expect((await call(EVENTS_PATH, { headers: { 'x-passerelle-token': host.token, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await call(EVENTS_PATH, { method: 'POST', headers: { 'x-passerelle-token': host.token } })).status).toBe(405);

    const received = await new Promise<{ headers: Record<string, unknown>; text: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: EVENTS_PATH, headers: { host: `127.0.0.1:${host.port}`, 'x-passerelle-token': host.token } },
        (res) => {
          let text = '';
          let emitted = false;
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (!emitted) {
              // The stream is open (its first comment arrived): the services now have a listener.
              emitted = true;
              services.events.emit('syncFolderChecked', { folder: '/mnt/partage', reachable: true, checkedAt: '2026-11-25T10:00:00.000Z' });
            }
            const at = text.indexOf('event:');
            if (at >= 0 && text.includes('\n\n', at)) {
              req.destroy();
              resolve({ headers: res.headers, text });
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(received.headers['content-security-policy']).toBeDefined();
    expect(received.text).toContain('event: syncFolderChecked\ndata: {"folder":"/mnt/partage","reachable":true,"checkedAt":"2026-11-25T10:00:00.000Z"}\n\n');
  });
});
