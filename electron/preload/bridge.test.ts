import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { createBridge } from '../../shared/bridge/client.ts';
import { channels, type Bridge } from '../../shared/bridge/contract.ts';
import { FakeIpcMain, removeTempDirs, tempDir } from '../../test/support/fakeElectron.ts';
import { registerIpcHandlers } from '../main/ipc.ts';
import { APP_URL } from '../main/protocol.ts';
import { testServices } from '../../test/support/services.ts';
import { exposeBridge, ipcTransport, type PreloadElectron } from './bridge.ts';

/** A fake contextBridge and ipcRenderer; `answer` plays main's side of each invoke. */
function fakePreloadElectron(answer: (channel: string, request: unknown) => Promise<unknown>) {
  const exposed: { key: string; api: unknown }[] = [];
  const invoked: { channel: string; args: unknown[] }[] = [];
  // ipcRenderer is an EventEmitter: main's webContents.send arrives as emit(channel, event, payload).
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return answer(channel, args[0]);
    },
  });
  const electron: PreloadElectron = {
    contextBridge: { exposeInMainWorld: (key, api) => exposed.push({ key, api }) },
    ipcRenderer,
  };
  return { electron, exposed, invoked, ipcRenderer };
}

function exposedBridge(answer: (channel: string, request: unknown) => Promise<unknown>) {
  const fake = fakePreloadElectron(answer);
  exposeBridge(fake.electron);
  const [first] = fake.exposed;
  if (!first) throw new Error('nothing exposed');
  return { ...fake, bridge: first.api as Bridge };
}

describe('preload bridge', () => {
  afterAll(removeTempDirs);

  it('exposes one object, window.passerelle, with every contract channel and nothing else', () => {
    const { exposed } = exposedBridge(async () => ({ ok: true, value: {} }));
    expect(exposed.map((e) => e.key)).toEqual(['passerelle']);
    const api = exposed[0]!.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...channels, 'on'].sort());
    for (const channel of channels) expect(typeof api[channel], channel).toBe('function');
  });

  it('delivers main’s events to listeners of that event only, parsed, until they unsubscribe', () => {
    const { bridge, ipcRenderer } = exposedBridge(async () => ({ ok: true, value: {} }));
    const seen: unknown[] = [];
    const stop = bridge.on('syncFolderChecked', (status) => seen.push(status));
    const status = { folder: '/mnt/partage', reachable: true, checkedAt: '2026-11-25T10:00:00.000Z' };
    ipcRenderer.emit('syncFolderChecked', {}, status);
    ipcRenderer.emit('hqImportProgress', {}, { jobId: 'x', done: 1, total: 2, file: 'a.passerelle', status: 'accepted' });
    ipcRenderer.emit('syncFolderChecked', {}, { folder: 3 });
    expect(seen).toEqual([status]);
    stop();
    ipcRenderer.emit('syncFolderChecked', {}, status);
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount('syncFolderChecked')).toBe(0);
  });

  it('invokes the channel of the same name and returns the unwrapped value', async () => {
    const { bridge, invoked } = exposedBridge(async (channel) =>
      channel === 'appInfo'
        ? { ok: true, value: { version: '0.1.0', host: 'electron', dataDir: '/home/camille/.config/Passerelle' } }
        : { ok: true, value: { recorded: true } },
    );
    expect(await bridge.appInfo({})).toEqual({ version: '0.1.0', host: 'electron', dataDir: '/home/camille/.config/Passerelle' });
    expect(await bridge.reportProfile({ dbVersion: 1 })).toEqual({ recorded: true });
    expect(invoked).toEqual([
      { channel: 'appInfo', args: [{}] },
      { channel: 'reportProfile', args: [{ dbVersion: 1 }] },
    ]);
  });

  it("reaches main's IPC handlers end to end, bad arguments refused in main", async () => {
    const dataDir = await tempDir('preload');
    const ipcMain = new FakeIpcMain();
    registerIpcHandlers(ipcMain, testServices({ host: 'electron', dataDir }).handlers);
    const bridge = createBridge(ipcTransport((channel, request) => ipcMain.invoke(channel, APP_URL, request), new EventEmitter()));
    expect(await bridge.appInfo({})).toEqual({ version: '0.1.0', host: 'electron', dataDir });
    await expect(bridge.reportProfile({ dbVersion: 0 })).rejects.toThrow(/^Appel refusé, arguments invalides \(dbVersion : /);
  });
});
