import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/bridge/contract.ts';
import { FakeIpcMain, removeTempDirs, tempDir } from '../../test/support/fakeElectron.ts';
import { readProfileMarker } from '../node/profile.ts';
import { testServices } from '../../test/support/services.ts';
import { FOREIGN_SENDER_ERROR, registerIpcHandlers } from './ipc.ts';
import { APP_URL } from './protocol.ts';

async function registered() {
  const dataDir = await tempDir('ipc');
  const ipcMain = new FakeIpcMain();
  registerIpcHandlers(ipcMain, testServices({ host: 'electron', dataDir }).handlers);
  return { ipcMain, dataDir };
}

describe('IPC handlers', () => {
  afterAll(removeTempDirs);

  it('register exactly one handler per contract channel, under its literal name', async () => {
    const { ipcMain } = await registered();
    expect([...ipcMain.registrations].sort()).toEqual([...channels].sort());
    expect(ipcMain.registrations).toContain('appInfo');
    expect(ipcMain.registrations).toContain('reportProfile');
  });

  it('answer a valid call from the app window', async () => {
    const { ipcMain, dataDir } = await registered();
    expect(await ipcMain.invoke('appInfo', APP_URL, {})).toEqual({ ok: true, value: { version: '0.1.0', host: 'electron', dataDir } });
    expect(await ipcMain.invoke('reportProfile', 'app://passerelle/index.html', { dbVersion: 2 })).toEqual({ ok: true, value: { recorded: true } });
    expect(await readProfileMarker(dataDir)).toEqual({ dbVersion: 2, appVersion: '0.1.0' });
  });

  it('refuse bad arguments with a French message and run nothing', async () => {
    const { ipcMain, dataDir } = await registered();
    for (const request of [{ dbVersion: 'deux' }, { dbVersion: -1 }, { dbVersion: 2, extra: true }, 'reportProfile', []]) {
      const answer = await ipcMain.invoke('reportProfile', APP_URL, request);
      expect(answer.ok, JSON.stringify(request)).toBe(false);
      if (!answer.ok) expect(answer.error).toMatch(/^Appel refusé, arguments invalides/);
    }
    expect(await readProfileMarker(dataDir)).toBeUndefined();
  });

  it('refuse a call from a foreign or vanished frame and run nothing', async () => {
    const { ipcMain, dataDir } = await registered();
    for (const frame of ['https://example.org/', 'file:///tmp/index.html', 'app://evil/', null]) {
      expect(await ipcMain.invoke('reportProfile', frame, { dbVersion: 3 })).toEqual({ ok: false, error: FOREIGN_SENDER_ERROR });
    }
    expect(await readProfileMarker(dataDir)).toBeUndefined();
  });
});
