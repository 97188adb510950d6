import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import importWorkerSource from 'virtual:passerelle-import-worker';
import { startApp } from './app.ts';
import { inlineWorkerUrl, mainPaths } from './paths.ts';

// Built to out/main/index.js; the preload and the renderer sit beside it in out/, the import worker inside it.
void startApp(
  { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell },
  { ...mainPaths(join(import.meta.dirname, '..')), importWorkerUrl: inlineWorkerUrl(importWorkerSource) },
);
