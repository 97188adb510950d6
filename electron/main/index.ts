import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { startApp } from './app.ts';
import { mainPaths } from './paths.ts';

// Built to out/main/index.js; the preload, the renderer and the import worker sit beside it in out/.
void startApp({ app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell }, mainPaths(join(import.meta.dirname, '..')));
