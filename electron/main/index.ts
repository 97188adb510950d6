import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import importWorkerSource from 'virtual:passerelle-import-worker';
import { SyncError } from '../../shared/errors.ts';
import { runInstalledCli } from '../cli/installed.ts';
import { startApp } from './app.ts';
import { cliArguments } from './cliArgs.ts';
import { safeStorageKeyVault } from './safeKeyStore.ts';
import { inlineWorkerUrl, mainPaths } from './paths.ts';

const cli = cliArguments(process.argv, app.isPackaged);
if (cli) {
  // The executable as the command line (`passerelle cli …`): no window, no single-instance lock (the app may be
  // open); it exits with the command's code once what it printed is written out.
  // The desktop app's headquarters keys are protected by the system: readable through safeStorage once Electron is ready.
  const protectedKeys = async (dir: string) => {
    await app.whenReady();
    const vault = safeStorageKeyVault(dir, safeStorage);
    const problem = await vault.problem();
    if (problem) throw new SyncError(problem);
    return vault.store;
  };
  void runInstalledCli(cli, app.getVersion(), { protectedKeys }).then(
    (code) => process.stdout.write('', () => app.exit(code)),
    (error: unknown) => {
      console.error(`passerelle : ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    },
  );
} else {
  // Built to out/main/index.js; the preload and the renderer sit beside it in out/, the import worker inside it.
  void startApp(
    { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell },
    { ...mainPaths(join(import.meta.dirname, '..')), importWorkerUrl: inlineWorkerUrl(importWorkerSource) },
  );
}
