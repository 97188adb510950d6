import { createBridge, type Transport } from '../../shared/bridge/client.ts';
import { isEventName, type Bridge, type EventName } from '../../shared/bridge/contract.ts';
import { BridgeError } from '../../shared/bridge/envelope.ts';

const TOKEN_KEY = 'passerelle.token';
const EVENTS_PATH = '/api/events';

/**
 * The web host's token arrives once in the address (`?token=`); keep it for this tab and take it out of
 * the address bar so it is not bookmarked or shown.
 */
export function takeToken(location: Location, storage: Storage, history: History): string | undefined {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY) ?? undefined;
}

/** One Server-Sent Events block (the text between blank lines): its event name and JSON data, if any. */
export function parseSseBlock(block: string): { event: string; data: unknown } | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  try {
    return { event, data: JSON.parse(data.join('\n')) };
  } catch {
    return undefined;
  }
}

export interface EventStreamOptions {
  /** Wait before reconnecting after the stream ends or fails (the web host restarted, the laptop slept). */
  retryMs?: number;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultWait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The web host's events: one `GET /api/events` stream per tab, read with fetch so the token travels in a
 * header, opened with the first listener and closed with the last, reconnected when it drops.
 */
function eventStream(token: string | undefined, fetchImpl: typeof fetch, options: EventStreamOptions): Transport['listen'] {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let controller: AbortController | undefined;
  const retryMs = options.retryMs ?? 3000;
  const wait = options.wait ?? defaultWait;

  function dispatch(block: string): void {
    const message = parseSseBlock(block);
    if (!message || !isEventName(message.event)) return;
    for (const deliver of listeners.get(message.event) ?? []) deliver(message.data);
  }

  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const response = await fetchImpl(EVENTS_PATH, { headers: { 'x-passerelle-token': token ?? '' }, signal });
        if (response.ok && response.body) {
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value.replace(/\r\n?/g, '\n');
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        }
      } catch {
        // A dropped stream is retried below; an aborted one ends the loop.
      }
      if (!signal.aborted) await wait(retryMs, signal);
    }
  }

  return (event, deliver) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(deliver);
    if (!controller && token) {
      controller = new AbortController();
      void run(controller.signal);
    }
    return () => {
      set.delete(deliver);
      if ([...listeners.values()].every((s) => s.size === 0)) {
        controller?.abort();
        controller = undefined;
      }
    };
  };
}

/** The web host's loopback HTTP API as the bridge's transport: `POST /api/<channel>` with the token, and the event stream. */
export function webTransport(token: string | undefined, fetchImpl: typeof fetch = fetch, options: EventStreamOptions = {}): Transport {
  return {
    async invoke(channel, request) {
      if (!token) throw new BridgeError('Jeton d’accès absent : ouvrez Passerelle avec l’adresse complète affichée par « npm run web ».');
      let response: Response;
      try {
        response = await fetchImpl(`/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-passerelle-token': token },
          body: JSON.stringify(request ?? {}),
        });
      } catch {
        throw new BridgeError('Le service local de Passerelle ne répond pas : vérifiez que « npm run web » tourne toujours.');
      }
      if (response.status === 401) throw new BridgeError('Jeton d’accès refusé : ouvrez Passerelle avec l’adresse affichée au dernier démarrage.');
      return response.json();
    },
    listen: eventStream(token, fetchImpl, options),
  };
}

/** The bridge over the web host's loopback HTTP API: same contract, same Node modules behind it. */
export function createWebBridge(token: string | undefined, fetchImpl: typeof fetch = fetch, options: EventStreamOptions = {}): Bridge {
  return createBridge(webTransport(token, fetchImpl, options));
}
