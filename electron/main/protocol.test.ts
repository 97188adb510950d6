import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeRendererBuild, removeTempDirs } from '../../test/support/fakeElectron.ts';
import { CONTENT_SECURITY_POLICY } from '../node/csp.ts';
import { APP_ORIGIN, APP_SCHEME_PRIVILEGES, APP_URL, createAppProtocolHandler, isAppUrl, registerAppScheme } from './protocol.ts';
import type { CustomScheme } from 'electron';

describe('app:// scheme', () => {
  it('is app://passerelle, privileged as a standard, secure, fetchable scheme', () => {
    expect(APP_ORIGIN).toBe('app://passerelle');
    expect(APP_URL).toBe('app://passerelle/');
    const registered: CustomScheme[][] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(schemes) });
    expect(registered).toEqual([[APP_SCHEME_PRIVILEGES]]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl('app://passerelle/')).toBe(true);
    expect(isAppUrl('app://passerelle/index.html?x=1#/personnes')).toBe(true);
    expect(isAppUrl('app://passerelle')).toBe(true);
    for (const url of [
      'app://passerelle.example/',
      'app://other/',
      'app://passerelle:8080/',
      'app://user@passerelle/',
      'file:///opt/passerelle/out/renderer/index.html',
      'https://passerelle/',
      'http://127.0.0.1:5173/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('app:// request handler', () => {
  let handler: ReturnType<typeof createAppProtocolHandler>;

  beforeAll(async () => {
    const { root } = await fakeRendererBuild();
    handler = createAppProtocolHandler(root);
  });
  afterAll(removeTempDirs);

  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  function expectSecurityHeaders(response: Response): void {
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  }

  it('serves index.html for the root', async () => {
    for (const url of ['app://passerelle/', 'app://passerelle']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>Passerelle</title>');
      expectSecurityHeaders(response);
    }
  });

  it('serves assets with their type', async () => {
    const response = await get('app://passerelle/assets/index-abc.js?v=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("passerelle")');
    expectSecurityHeaders(response);
  });

  it('answers 404, not index.html, for anything missing', async () => {
    for (const url of ['app://passerelle/personnes', 'app://passerelle/assets/missing.js', 'app://passerelle/assets']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('<title>');
      expectSecurityHeaders(response);
    }
  });

  it('refuses to leave the renderer folder', async () => {
    // secret.txt exists next to the renderer folder: a 404 here is a refusal, not a missing file.
    for (const url of [
      'app://passerelle/..%2Fsecret.txt',
      'app://passerelle/assets/..%2F..%2Fsecret.txt',
      'app://passerelle/..%5Csecret.txt',
      'app://passerelle/%2e%2e%2fsecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('hors du renderer');
      expectSecurityHeaders(response);
    }
  });

  it('serves nothing for another host', async () => {
    const response = await get('app://other/index.html');
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://passerelle/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://passerelle/', 'POST');
    expect(post.status).toBe(405);
    expectSecurityHeaders(post);
  });
});
