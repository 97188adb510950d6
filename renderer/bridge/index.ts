import type { Bridge } from '../../shared/bridge/contract.ts';
import { createWebBridge, takeToken } from './webClient.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser on the web host. */
    passerelle?: Bridge;
  }
}

let bridge: Bridge | undefined;

/** The one object the renderer uses to reach the Node side, whichever host serves it. */
export function getBridge(): Bridge {
  bridge ??= window.passerelle ?? createWebBridge(takeToken(window.location, window.sessionStorage, window.history));
  return bridge;
}

export { BridgeError } from '../../shared/bridge/envelope.ts';
