import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, CustomScheme, OpenDialogOptions } from 'electron';
import { latestDbVersion } from '../../shared/db/versions.ts';
import { checkProfile, readProfileMarker } from '../node/profile.ts';
import { createServices, type Services } from '../node/services.ts';
import { denyAllPermissions, guardWebContents, type GuardedContents, type PermissionSession } from './guards.ts';
import { registerIpcHandlers, type IpcRegistry } from './ipc.ts';
import { APP_SCHEME, APP_URL, createAppProtocolHandler, isAppUrl, registerAppScheme, type AppRequest } from './protocol.ts';
import { safeStorageKeyVault, type SafeStorageApi } from './safeKeyStore.ts';
import { appDataPaths } from '../node/hq/hqDir.ts';
import { createWindowOptions, SPELLCHECK_LANGUAGES, spellchecks } from './window.ts';

export const APP_NAME = 'Passerelle';
export const STARTUP_ERROR_TITLE = 'Passerelle ne peut pas démarrer';
export const WRONG_ORIGIN_MESSAGE =
  "La fenêtre de Passerelle ne s'est pas ouverte à son adresse habituelle (app://passerelle) : vos données locales n'y seraient pas accessibles. Fermez Passerelle et relancez-la.";

export interface AppWindow {
  readonly webContents: { getURL(): string; send(channel: string, ...args: unknown[]): void };
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
}

/**
 * The slice of the `electron` module the main process uses. index.ts passes the real module (so the type
 * checker holds it to this shape); tests pass a fake and so check every decision without launching Electron.
 */
export interface ElectronApi {
  app: {
    setName(name: string): void;
    getPath(name: 'appData' | 'userData'): string;
    setPath(name: 'userData', path: string): void;
    getVersion(): string;
    enableSandbox(): void;
    commandLine: { appendSwitch(name: string, value?: string): void };
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<void>;
    quit(): void;
    on(event: 'second-instance' | 'will-quit', listener: () => void): unknown;
    on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
  };
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => AppWindow;
  protocol: {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: AppRequest) => Promise<Response>): void;
  };
  session: { readonly defaultSession: PermissionSession & { setSpellCheckerLanguages(languages: string[]): void } };
  ipcMain: IpcRegistry;
  dialog: {
    showErrorBox(title: string, content: string): void;
    showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  };
  safeStorage: SafeStorageApi;
  shell: { openExternal(url: string): Promise<void> };
}

export interface StartOptions {
  /** out/preload/index.cjs */
  preloadPath: string;
  /** out/renderer, served as app://passerelle/ */
  rendererRoot: string;
  /** The headquarters import's worker thread: its code embedded in main's bundle (`inlineWorkerUrl`), or its source file. */
  importWorkerUrl: URL;
  /** The operating system (tests give another): spell checking depends on it (`spellchecks`). */
  platform?: NodeJS.Platform;
}

export type StartResult = { status: 'running'; window: AppWindow } | { status: 'second-instance' } | { status: 'refused'; message: string };

/**
 * Start the desktop app. Everything Electron needs before `ready` (name and data folder, sandbox, the
 * single-instance lock, the privileged scheme, the guards on every future web contents) happens
 * synchronously, before the first await.
 */
export async function startApp(electron: ElectronApi, options: StartOptions): Promise<StartResult> {
  const { app } = electron;
  // The data folder is the user's %APPDATA%/Passerelle (~/.config/Passerelle on Linux) whatever the
  // executable is called: the profile marker, keys and sync state live there.
  app.setName(APP_NAME);
  app.setPath('userData', join(app.getPath('appData'), APP_NAME));
  app.enableSandbox();
  // French whatever the Windows display language: date fields read jj/mm/aaaa, numbers use the comma.
  app.commandLine.appendSwitch('lang', 'fr-FR');

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { status: 'second-instance' };
  }

  registerAppScheme(electron.protocol);

  let window: AppWindow | undefined;
  let services: Services | undefined;
  app.on('will-quit', () => services?.stop());
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Every page's links and pop-ups reach the system browser only through guards.ts's allow-list (https and mailto
  // links, tested in guards.test.ts): Electronegativity's review of this openExternal is done (`eng-disable`).
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => electron.shell.openExternal(url))); // eng-disable OPEN_EXTERNAL_JS_CHECK

  const refuse = (message: string): StartResult => {
    electron.dialog.showErrorBox(STARTUP_ERROR_TITLE, message);
    app.quit();
    return { status: 'refused', message };
  };

  try {
    await app.whenReady();
    const dataDir = app.getPath('userData');
    const version = app.getVersion();

    const profile = checkProfile(await readProfileMarker(dataDir), latestDbVersion, version);
    if (!profile.ok) return refuse(profile.message);

    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererRoot));
    const session = electron.session.defaultSession;
    denyAllPermissions(session);
    const platform = options.platform ?? process.platform;
    if (spellchecks(platform)) session.setSpellCheckerLanguages(SPELLCHECK_LANGUAGES);
    services = createServices({
      host: 'electron',
      dataDir,
      version,
      importWorkerUrl: options.importWorkerUrl,
      vault: safeStorageKeyVault(appDataPaths(dataDir).protectedKeys, electron.safeStorage),
      pickFolder: async (title) => {
        const picked = await electron.dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory', 'promptToCreate'] });
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      pickFile: async (title, extension) => {
        const picked = await electron.dialog.showOpenDialog({
          title,
          properties: ['openFile'],
          filters: [{ name: 'Sauvegarde Passerelle', extensions: [extension.slice(1)] }],
        });
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
    });
    registerIpcHandlers(electron.ipcMain, services.handlers);
    // Events go to the one window, on the channel named after the event (the preload listens to the same names).
    services.events.subscribe((event, payload) => window?.webContents.send(event, payload));

    const created = new electron.BrowserWindow(createWindowOptions(options.preloadPath, platform));
    window = created;
    created.once('ready-to-show', () => created.show());
    await created.loadURL(APP_URL);
    if (!isAppUrl(created.webContents.getURL())) return refuse(WRONG_ORIGIN_MESSAGE);
    services.start();
    return { status: 'running', window: created };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse(`Une erreur inattendue a empêché l'ouverture de Passerelle : ${detail}`);
  }
}
