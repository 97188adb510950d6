import type { Bridge, BridgeRequest, BridgeResponse, Channel } from '../../shared/bridge/contract.ts';
import { unwrap } from '../../shared/bridge/envelope.ts';

export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;

/**
 * `window.passerelle`: each method invokes the IPC channel of the same literal name and unwraps the
 * envelope, so a refused call rejects with main's French message. `satisfies Bridge` makes a missing,
 * extra or mismatched channel a compile error.
 */
export function createBridge(invoke: Invoke): Bridge {
  const call =
    <C extends Channel>(channel: C) =>
    async (request: BridgeRequest<C>): Promise<BridgeResponse<C>> =>
      unwrap(channel, await invoke(channel, request));
  return {
    appInfo: call('appInfo'),
    reportProfile: call('reportProfile'),
    hqReview: call('hqReview'),
    hqEstablishments: call('hqEstablishments'),
  } satisfies Bridge;
}

export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: { invoke(channel: string, ...args: unknown[]): Promise<unknown> };
}

/** The page's only door to the Node side: one object, nothing else exposed. */
export function exposeBridge({ contextBridge, ipcRenderer }: PreloadElectron): void {
  contextBridge.exposeInMainWorld('passerelle', createBridge((channel, request) => ipcRenderer.invoke(channel, request)));
}
