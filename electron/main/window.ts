import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = 'Passerelle';
export const SPELLCHECK_LANGUAGES = ['fr'];

/**
 * The one window. The page gets no Node and no Electron: it runs sandboxed, isolated from the preload,
 * and reaches the Node side only through `window.passerelle`. Hidden until its first paint so the user
 * never sees an empty frame.
 */
export function createWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
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
      spellcheck: true,
    },
  };
}
