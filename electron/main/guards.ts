import { isAppUrl } from './protocol.ts';

/** Only these leave the app, and only to the system's browser or mail client. */
const EXTERNAL_PROTOCOLS = new Set(['https:', 'mailto:']);

export function isExternalUrlAllowed(raw: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(raw).protocol);
  } catch {
    return false;
  }
}

export type OpenExternal = (url: string) => Promise<void>;

/** Hand an allowed URL to the system; anything else is dropped. */
export function openExternalIfAllowed(openExternal: OpenExternal, url: string): boolean {
  if (!isExternalUrlAllowed(url)) return false;
  openExternal(url).catch((error: unknown) => console.error('Ouverture externe impossible :', error));
  return true;
}

export interface NavigationEvent {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of a WebContents the guards touch. */
export interface GuardedContents {
  on(event: 'will-frame-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Every web contents stays on app://passerelle: navigation and redirects elsewhere are stopped (a link
 * to an https or mailto address in the page opens in the system instead), new windows are never created,
 * and <webview> never attaches.
 */
export function guardWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  const keepInApp = (details: NavigationEvent): void => {
    if (isAppUrl(details.url)) return;
    details.preventDefault();
    if (details.isMainFrame) openExternalIfAllowed(openExternal, details.url);
  };
  contents.on('will-frame-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(openExternal, url);
    return { action: 'deny' };
  });
}

/** The parts of a Session the permission guards touch. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/** The app needs no camera, location, notification, clipboard-read or device access: every ask is refused. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** The frame an IPC call came from; null when it has gone away meanwhile. */
export interface SenderFrame {
  url: string;
}

/** IPC is answered only for a frame showing the app's own page; a destroyed or foreign frame is refused. */
export function isSenderAllowed(frame: SenderFrame | null | undefined): boolean {
  return frame != null && isAppUrl(frame.url);
}
