import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { mimeTypeOf, resolveStaticPath } from '../node/staticFiles.ts';
import { CONTENT_SECURITY_POLICY } from '../node/csp.ts';

/**
 * The renderer's one origin, from the first version on. IndexedDB data belongs to the origin: changing the
 * scheme or the host (or loading from file://) would leave every user's data behind.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'passerelle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

/**
 * `standard` gives the scheme real origins (and so IndexedDB and relative URLs), `secure` makes it a
 * secure context, `supportFetchAPI` lets the renderer fetch its own assets.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export interface SchemeRegistry {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
}

/** The single place the scheme is registered; Electron requires it before the app is ready. */
export function registerAppScheme(protocol: SchemeRegistry): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/**
 * Whether a URL belongs to the app's origin. Node's URL gives `origin === 'null'` for non-special schemes,
 * so scheme and host are compared instead; credentials or a port make it a different origin.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  });
}

function failure(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

export type AppRequest = Pick<Request, 'url' | 'method'>;

/**
 * The app:// handler: files of the built renderer and nothing else. `/` is the only path that falls back
 * to index.html (the renderer routes in the page, not by URL), so a mistyped asset is a 404 rather than
 * an HTML page served as script.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return failure(404, 'Introuvable');
    if (request.method !== 'GET' && request.method !== 'HEAD') return failure(405, 'Méthode non autorisée');
    const path = resolveStaticPath(rendererRoot, new URL(request.url).pathname);
    if (path === null) return failure(404, 'Introuvable');
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return failure(404, 'Introuvable');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(mimeTypeOf(path)) });
  };
}
