import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handlers } from '../../shared/bridge/contract.ts';
import { dispatch } from '../../shared/bridge/envelope.ts';
import { CONTENT_SECURITY_POLICY } from '../node/csp.ts';
import type { EventHub } from '../node/events.ts';
import { mimeTypeOf, resolveStaticPath } from '../node/staticFiles.ts';

export interface WebHostOptions {
  /** Built renderer (out/renderer). */
  rendererDir: string;
  handlers: Handlers;
  /** Events of the Node services, streamed to the page at `GET /api/events`. */
  events: Pick<EventHub, 'subscribe'>;
  /** 0 picks a free port (tests). */
  port: number;
  /** Per-start secret; generated when absent. */
  token?: string;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /** Comment lines keep idle event streams open through proxies and sleeping laptops. */
  keepAliveMs?: number;
}

export interface RunningWebHost {
  url: string;
  /** The address the server listens on, as the socket reports it: the loopback address only. */
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
export const EVENTS_PATH = '/api/events';

/**
 * The web host: the same renderer as the desktop app, and the bridge contract over HTTP, answered by the
 * same Node modules as Electron's main process. Loopback only; every API call carries the per-start token;
 * the Host header must name the loopback address (so a web page cannot reach it by DNS rebinding).
 */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 512 * 1024 * 1024;
  let port = options.port;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: 'Erreur interne du service local.' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port)) return send(res, 421, { ok: false, error: 'Hôte refusé.' });
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (url.pathname === EVENTS_PATH) return eventStream(req, res);
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: 'Méthode refusée.' });
    return serveStatic(req, res, url.pathname);
  }

  /** The same checks as every API call: a loopback origin (or none) and the per-start token. */
  function refused(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (origin !== undefined && !isLoopbackOrigin(origin, port)) {
      send(res, 403, { ok: false, error: 'Origine refusée.' });
      return true;
    }
    if (!tokenMatches(req.headers['x-passerelle-token'], token)) {
      send(res, 401, { ok: false, error: 'Jeton d’accès refusé.' });
      return true;
    }
    return false;
  }

  /**
   * Server-Sent Events: one long response per page, each event a `event:` line and a `data:` line of JSON.
   * The page reads it with fetch (not EventSource), so the token travels in a header as on every API call
   * and never in an address.
   */
  function eventStream(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, { ok: false, error: 'Méthode refusée.' });
    if (refused(req, res)) return;
    res.writeHead(200, { ...securityHeaders(), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    res.write(': flux des événements de Passerelle\n\n');
    const unsubscribe = options.events.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': ping\n\n'), options.keepAliveMs ?? 25_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  async function api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: 'Méthode refusée.' });
    if (refused(req, res)) return;
    let body: unknown;
    try {
      const text = await readBody(req, maxBody);
      body = text.length === 0 ? {} : JSON.parse(text);
    } catch (error) {
      return send(res, 400, { ok: false, error: error instanceof BodyTooLarge ? 'Requête trop volumineuse.' : 'Requête illisible (JSON attendu).' });
    }
    send(res, 200, await dispatch(options.handlers, channel, body));
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const path = resolveStaticPath(options.rendererDir, pathname);
    if (!path) return send(res, 404, { ok: false, error: 'Introuvable.' });
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return send(res, 404, { ok: false, error: 'Introuvable.' });
    res.writeHead(200, {
      ...securityHeaders(),
      'content-type': mimeTypeOf(path),
      'content-length': info.size,
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  port = bound.port;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    address: bound.address,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
}

export function isLoopbackOrigin(origin: string, port: number): boolean {
  return origin === `http://${LOOPBACK}:${port}` || origin === `http://localhost:${port}`;
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyTooLarge extends Error {}

/**
 * The body of a call, refused past `max` bytes. What passes the limit is read to its end and dropped rather than
 * cut off: a connection destroyed mid-upload would reach the page as a network error, never as the French
 * refusal. Only a caller holding the token gets this far (the checks run before the body is read).
 */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => (size > max ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}
