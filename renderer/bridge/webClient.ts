import { channels, type Bridge, type Channel } from '../../shared/bridge/contract.ts';
import { BridgeError, unwrap } from '../../shared/bridge/envelope.ts';

const TOKEN_KEY = 'passerelle.token';

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

/** The bridge over the web host's loopback HTTP API: same contract, same Node modules behind it. */
export function createWebBridge(token: string | undefined, fetchImpl: typeof fetch = fetch): Bridge {
  const call = async (channel: Channel, request: unknown): Promise<unknown> => {
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
    return unwrap(channel, await response.json());
  };
  return Object.fromEntries(channels.map((c) => [c, (request: unknown) => call(c, request)])) as Bridge;
}
