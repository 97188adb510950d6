import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = 'Passerelle';
export const SPELLCHECK_LANGUAGES = ['fr'];

/**
 * Whether the page spell-checks. Windows and macOS check with the system's own dictionaries; on Linux, Chromium
 * would download Hunspell dictionaries from Google's servers, which an offline app for the justice ministry must
 * not do: spell checking is off there.
 */
export function spellchecks(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/**
 * The one window. The page gets no Node and no Electron: it runs sandboxed, isolated from the preload,
 * and reaches the Node side only through `window.passerelle`. Hidden until its first paint so the user
 * never sees an empty frame.
 */
export function createWindowOptions(preloadPath: string, platform: NodeJS.Platform): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: spellchecks(platform),
    },
  };
}
