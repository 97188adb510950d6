import { createBridge, type Transport } from '../../shared/bridge/client.ts';

/** How the preload listens to main's events: `ipcRenderer.on` and `removeListener` on the event's own channel. */
export interface EventSource {
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** Electron's IPC as the bridge's transport: each call invokes the channel of its name, each event arrives on its own. */
export function ipcTransport(invoke: Transport['invoke'], source: EventSource): Transport {
  return {
    invoke,
    listen(event, deliver) {
      const handler = (_event: unknown, payload: unknown) => deliver(payload);
      source.on(event, handler);
      return () => void source.removeListener(event, handler);
    },
  };
}

export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: EventSource & { invoke(channel: string, ...args: unknown[]): Promise<unknown> };
}

/** The page's only door to the Node side: one object, nothing else exposed. */
export function exposeBridge({ contextBridge, ipcRenderer }: PreloadElectron): void {
  contextBridge.exposeInMainWorld('passerelle', createBridge(ipcTransport((channel, request) => ipcRenderer.invoke(channel, request), ipcRenderer)));
}
