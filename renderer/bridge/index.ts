import type { Bridge } from '../../shared/bridge/contract.ts';
import { guardBridge } from '../../shared/bridge/guard.ts';
import type { Role } from '../../shared/schemas/account.ts';
import { createWebBridge, takeToken } from './webClient.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser on the web host. */
    passerelle?: Bridge;
  }
}

let bridge: Bridge | undefined;
let role: Role | undefined;

/**
 * The one object the renderer uses to reach the Node side, whichever host serves it, as the logged-in account's
 * role allows it (shared/bridge/guard.ts).
 */
export function getBridge(): Bridge {
  bridge ??= guardBridge(window.passerelle ?? createWebBridge(takeToken(window.location, window.sessionStorage, window.history)), () => role);
  return bridge;
}

/** The role of the account logged in to this window (undefined once logged out). */
export function setBridgeRole(next: Role | undefined): void {
  role = next;
}

export { BridgeError } from '../../shared/bridge/envelope.ts';
