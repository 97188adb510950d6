import { describe, expect, it, vi } from 'vitest';
import { createWebBridge, parseSseBlock, takeToken } from './webClient.ts';

function fakeBrowser(href: string) {
  const url = new URL(href);
  const store = new Map<string, string>();
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage;
  const replaced: string[] = [];
  const history = { replaceState: (_s: unknown, _t: string, to: string) => void replaced.push(to) } as History;
  return { location: url as unknown as Location, storage, history, replaced };
}

describe('web bridge client', () => {
  it('takes the token from the address once, keeps it for the tab and removes it from the address bar', () => {
    const b = fakeBrowser('http://127.0.0.1:4317/?token=abc&x=1#/personnes');
    expect(takeToken(b.location, b.storage, b.history)).toBe('abc');
    expect(b.replaced).toEqual(['/?x=1#/personnes']);
    const later = fakeBrowser('http://127.0.0.1:4317/#/');
    expect(takeToken(later.location, b.storage, later.history)).toBe('abc');
  });

  it('sends the token and unwraps the answer', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { recorded: true } })));
    const bridge = createWebBridge('tok', fetchImpl as unknown as typeof fetch);
    expect(await bridge.reportProfile({ dbVersion: 1 })).toEqual({ recorded: true });
    expect(fetchImpl).toHaveBeenCalledWith(
      '/api/reportProfile',
      expect.objectContaining({ headers: expect.objectContaining({ 'x-passerelle-token': 'tok' }) }),
    );
  });

  it('turns a refused call into its French message', async () => {
    const fetchImpl = async () => new Response(JSON.stringify({ ok: false, error: 'Appel refusé, arguments invalides' }));
    await expect(createWebBridge('tok', fetchImpl as typeof fetch).appInfo({})).rejects.toThrow('Appel refusé, arguments invalides');
  });

  it('says what to do when the token or the service is missing', async () => {
    await expect(createWebBridge(undefined).appInfo({})).rejects.toThrow(/Jeton d’accès absent/);
    const down = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(createWebBridge('tok', down as typeof fetch).appInfo({})).rejects.toThrow(/ne répond pas/);
  });

  it('refuses an answer that does not match the contract', async () => {
    const fetchImpl = async () => new Response(JSON.stringify({ ok: true, value: { version: 3 } }));
    await expect(createWebBridge('tok', fetchImpl as typeof fetch).appInfo({})).rejects.toThrow(/Réponse inattendue/);
  });

  it('reads a Server-Sent Events block: its event name and JSON data, comments ignored', () => {
    expect(parseSseBlock('event: syncFolderChecked\ndata: {"reachable":true}')).toEqual({ event: 'syncFolderChecked', data: { reachable: true } });
    expect(parseSseBlock(': ping')).toBeUndefined();
    expect(parseSseBlock('event: x\ndata: {cassé')).toBeUndefined();
  });

  it('streams events with the token in a header, to the right listeners, parsed, and reconnects when the stream drops', async () => {
    const encoder = new TextEncoder();
    const requests: { url: string; token: string | null }[] = [];
    const streams = [
      [
        'event: syncFolderChecked\ndata: {"folder":"/mnt/partage","reachable":true,"checkedAt":"2026-11-25T10:00:00.000Z"}\n',
        '\n: ping\n\nevent: syncFolderChecked\ndata: {"folder":3}\n\n',
      ],
      ['event: hqImportProgress\r\ndata: {"jobId":"j","done":1,"total":2,"file":"a.passerelle","status":"accepted"}\r\n\r\n'],
    ];
    const fetchImpl = vi.fn(async (url: string, init: RequestInit) => {
      requests.push({ url, token: new Headers(init.headers).get('x-passerelle-token') });
      const chunks = streams.shift();
      if (!chunks) return new Promise<Response>(() => undefined);
      return new Response(
        new ReadableStream({
          start: (c) => {
            for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
            c.close();
          },
        }),
      );
    });
    const bridge = createWebBridge('tok', fetchImpl as unknown as typeof fetch, { retryMs: 0, wait: async () => undefined });
    const folders: unknown[] = [];
    const progress: unknown[] = [];
    const stopFolders = bridge.on('syncFolderChecked', (s) => folders.push(s));
    const stopProgress = bridge.on('hqImportProgress', (p) => progress.push(p));
    await vi.waitFor(() => expect(progress).toHaveLength(1));
    expect(folders).toEqual([{ folder: '/mnt/partage', reachable: true, checkedAt: '2026-11-25T10:00:00.000Z' }]);
    expect(progress).toEqual([{ jobId: 'j', done: 1, total: 2, file: 'a.passerelle', status: 'accepted' }]);
    expect(requests.slice(0, 2)).toEqual([
      { url: '/api/events', token: 'tok' },
      { url: '/api/events', token: 'tok' },
    ]);
    stopFolders();
    stopProgress();
    expect(() => bridge.on('appInfo' as never, () => undefined)).toThrow('Événement inconnu');
  });
});
