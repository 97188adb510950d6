import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/bridge/contract.ts';
import { latestDbVersion } from '../../shared/db/versions.ts';
import { fakeElectron, fakeRendererBuild, navigation, removeTempDirs, tempDir, type FakeElectronOptions } from '../../test/support/fakeElectron.ts';
import { APP_NAME, startApp, STARTUP_ERROR_TITLE, WRONG_ORIGIN_MESSAGE } from './app.ts';
import { APP_SCHEME_PRIVILEGES } from './protocol.ts';

const preloadPath = '/opt/passerelle/resources/app.asar/out/preload/index.cjs';
const importWorkerUrl = new URL('../node/hq/importWorker.ts', import.meta.url);

async function start(options: Partial<FakeElectronOptions> = {}, platform: NodeJS.Platform = 'win32') {
  const appData = await tempDir('appdata');
  const { root } = await fakeRendererBuild();
  const fake = fakeElectron({ appData, ...options });
  const result = await startApp(fake.electron, { preloadPath, rendererRoot: root, importWorkerUrl, platform });
  return { ...fake, result, appData, userData: join(appData, APP_NAME) };
}

describe('startApp', () => {
  afterAll(removeTempDirs);

  it('keeps its data in <appData>/Passerelle and sandboxes every renderer', async () => {
    const { electron, userData } = await start();
    expect(electron.app.name).toBe('Passerelle');
    expect(electron.app.getPath('userData')).toBe(userData);
    expect(electron.app.sandboxed).toBe(true);
  });

  it('runs Chromium in French before ready, so date fields and numbers follow French conventions', async () => {
    const { electron } = await start();
    expect(electron.app.switches.get('lang')).toBe('fr-FR');
  });

  it('quits at once, with no window, when another instance holds the lock', async () => {
    const { electron, windows, result, log } = await start({ gotLock: false });
    expect(result).toEqual({ status: 'second-instance' });
    expect(electron.app.quitCalls).toBe(1);
    expect(windows).toEqual([]);
    expect(log).not.toContain('ready');
    expect(electron.ipcMain.registrations).toEqual([]);
  });

  it('registers the privileged scheme once, before ready, and serves the renderer through it', async () => {
    const { electron } = await start();
    expect(electron.protocol.privileged).toEqual([{ schemes: [APP_SCHEME_PRIVILEGES], beforeReady: true }]);
    const handler = electron.protocol.handlers.get('app');
    if (!handler) throw new Error('app:// is not handled');
    const response = await handler(new Request('app://passerelle/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Passerelle</title>');
    expect([...electron.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('opens one secure window on app://passerelle/, never file://, shown when ready', async () => {
    const { windows, result } = await start();
    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    expect(result).toEqual({ status: 'running', window });
    expect(window.loadedUrls).toEqual(['app://passerelle/']);
    expect(window.options.webPreferences).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('guards the window it creates', async () => {
    const { windows, electron } = await start();
    const contents = windows[0]!.webContents;
    const away = navigation('https://example.org/');
    contents.emit('will-frame-navigate', away);
    expect(away.prevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'mailto:spip54@justice.fr' })).toEqual({ action: 'deny' });
    expect(electron.shell.opened).toEqual(['https://example.org/', 'mailto:spip54@justice.fr']);
  });

  it('denies permissions on the session and spell-checks in French', async () => {
    const { electron } = await start();
    const session = electron.session.defaultSession;
    expect(session.checkHandler?.({}, 'media')).toBe(false);
    let granted: boolean | undefined;
    session.requestHandler?.({}, 'notifications', (answer) => (granted = answer));
    expect(granted).toBe(false);
    expect(session.spellCheckerLanguages).toEqual(['fr']);
    const linux = await start({}, 'linux');
    expect(linux.electron.session.defaultSession.spellCheckerLanguages).toEqual([]);
  });

  it('answers the bridge over IPC for the app window only, with the data folder', async () => {
    const { electron, userData } = await start({ version: '1.2.3' });
    expect([...electron.ipcMain.registrations].sort()).toEqual([...channels].sort());
    expect(await electron.ipcMain.invoke('appInfo', 'app://passerelle/', {})).toEqual({
      ok: true,
      value: { version: '1.2.3', host: 'electron', dataDir: userData },
    });
    expect((await electron.ipcMain.invoke('appInfo', 'https://example.org/', {})).ok).toBe(false);
  });

  it('opens the native folder dialog for the page, and says when the person cancels', async () => {
    const { electron } = await start();
    electron.dialog.nextFolder = '/media/camille/CLE-USB';
    expect(await electron.ipcMain.invoke('pickFolder', 'app://passerelle/', { title: 'Exporter vers une clé USB' })).toEqual({
      ok: true,
      value: { path: '/media/camille/CLE-USB' },
    });
    expect(electron.dialog.opened[0]).toMatchObject({ title: 'Exporter vers une clé USB', properties: expect.arrayContaining(['openDirectory']) });
    electron.dialog.nextFolder = null;
    expect(await electron.ipcMain.invoke('pickFolder', 'app://passerelle/', { title: 'Dossier' })).toEqual({ ok: true, value: { path: null } });
  });

  it('keeps the site keys with safeStorage in the data folder, never in clear, and refuses them without it', async () => {
    const { electron, userData } = await start();
    const generated = await electron.ipcMain.invoke('siteKeysGenerate', 'app://passerelle/', {});
    expect(generated.ok).toBe(true);
    const files = await readdir(join(userData, 'keys-protected'));
    expect(files.sort()).toEqual(['site.encryptionKey.safe', 'site.pseudonymSecret.safe', 'site.signingKey.safe']);
    for (const file of files) expect((await readFile(join(userData, 'keys-protected', file)))[0]).toBe(electron.safeStorage.mask);

    const other = await start();
    other.electron.safeStorage.available = false;
    const refused = await other.electron.ipcMain.invoke('siteKeysGenerate', 'app://passerelle/', {});
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('stockage protégé du système n’est pas disponible') });
    const status = await other.electron.ipcMain.invoke('syncStatus', 'app://passerelle/', {});
    expect(status).toMatchObject({ ok: true, value: { keyStorage: { problem: expect.stringContaining('n’est pas disponible') } } });
  });

  it('forwards the services’ events to its window on the channel named after each event', async () => {
    const { electron, windows } = await start();
    const share = await tempDir('share');
    expect((await electron.ipcMain.invoke('syncSetFolder', 'app://passerelle/', { path: share })).ok).toBe(true);
    const sent = windows[0]!.webContents.sent.filter((s) => s.channel === 'syncFolderChecked');
    expect(sent.at(-1)).toEqual({ channel: 'syncFolderChecked', args: [{ folder: share, reachable: true, checkedAt: expect.any(String) }] });
    electron.app.emit('will-quit');
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { electron, windows } = await start();
    const window = windows[0]!;
    window.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('refuses a profile written by a newer version: French message, quit, no window', async () => {
    const appData = await tempDir('appdata');
    await mkdir(join(appData, 'Passerelle'));
    await writeFile(join(appData, 'Passerelle', 'profile.json'), JSON.stringify({ dbVersion: latestDbVersion + 1, appVersion: '9.0.0' }));
    const { root } = await fakeRendererBuild();
    const fake = fakeElectron({ appData, version: '0.1.0' });
    const result = await startApp(fake.electron, { preloadPath, rendererRoot: root, importWorkerUrl });
    expect(result.status).toBe('refused');
    expect(fake.windows).toEqual([]);
    expect(fake.electron.app.quitCalls).toBe(1);
    expect(fake.electron.dialog.errors).toHaveLength(1);
    expect(fake.electron.dialog.errors[0]!.title).toBe(STARTUP_ERROR_TITLE);
    expect(fake.electron.dialog.errors[0]!.content).toMatch(/version plus récente de Passerelle \(9\.0\.0\).*installez la version 9\.0\.0/);
    expect(fake.electron.ipcMain.registrations).toEqual([]);
  });

  it('opens a profile written by this version or an older one', async () => {
    const appData = await tempDir('appdata');
    await mkdir(join(appData, 'Passerelle'));
    await writeFile(join(appData, 'Passerelle', 'profile.json'), JSON.stringify({ dbVersion: latestDbVersion, appVersion: '0.1.0' }));
    const { root } = await fakeRendererBuild();
    const fake = fakeElectron({ appData });
    expect((await startApp(fake.electron, { preloadPath, rendererRoot: root, importWorkerUrl })).status).toBe('running');
    expect(fake.electron.dialog.errors).toEqual([]);
  });

  it('quits with a French message when the page does not end up on app://passerelle', async () => {
    const { electron, result } = await start({ landOn: () => 'file:///opt/passerelle/out/renderer/index.html' });
    expect(result).toEqual({ status: 'refused', message: WRONG_ORIGIN_MESSAGE });
    expect(electron.dialog.errors).toEqual([{ title: STARTUP_ERROR_TITLE, content: WRONG_ORIGIN_MESSAGE }]);
    expect(electron.app.quitCalls).toBe(1);
  });

  it('quits with a French message, never a blank window, when the page fails to load', async () => {
    const { electron, result } = await start({
      landOn: () => {
        throw new Error('ERR_FILE_NOT_FOUND (-6) loading app://passerelle/');
      },
    });
    expect(result.status).toBe('refused');
    expect(electron.dialog.errors[0]!.content).toMatch(/^Une erreur inattendue a empêché l'ouverture de Passerelle : ERR_FILE_NOT_FOUND/);
    expect(electron.app.quitCalls).toBe(1);
  });
});
