import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { startApp } from './app.ts';

// Built to out/main/index.js; the preload and the renderer sit beside it in out/.
const out = join(import.meta.dirname, '..');

void startApp(
  { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell },
  { preloadPath: join(out, 'preload', 'index.cjs'), rendererRoot: join(out, 'renderer'), importWorkerPath: join(out, 'main', 'importWorker.js') },
);
