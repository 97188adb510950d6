import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { channels, type Bridge } from '../../shared/bridge/contract.ts';
import { FakeIpcMain, removeTempDirs, tempDir } from '../../test/support/fakeElectron.ts';
import { registerIpcHandlers } from '../main/ipc.ts';
import { APP_URL } from '../main/protocol.ts';
import { createHandlers } from '../node/services.ts';
import { createBridge, exposeBridge, type PreloadElectron } from './bridge.ts';

/** A fake contextBridge and ipcRenderer; `answer` plays main's side of each invoke. */
function fakePreloadElectron(answer: (channel: string, request: unknown) => Promise<unknown>) {
  const exposed: { key: string; api: unknown }[] = [];
  const invoked: { channel: string; args: unknown[] }[] = [];
  const electron: PreloadElectron = {
    contextBridge: { exposeInMainWorld: (key, api) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: (channel, ...args) => {
        invoked.push({ channel, args });
        return answer(channel, args[0]);
      },
    },
  };
  return { electron, exposed, invoked };
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
    expect(Object.keys(api).sort()).toEqual([...channels].sort());
    for (const channel of channels) expect(typeof api[channel], channel).toBe('function');
  });

  it('invokes the channel of the same name and returns the unwrapped value', async () => {
    const { bridge, invoked } = exposedBridge(async (channel) =>
      channel === 'appInfo' ? { ok: true, value: { version: '0.1.0', host: 'electron', dataDir: '/home/camille/.config/Passerelle' } } : { ok: true, value: { recorded: true } },
    );
    expect(await bridge.appInfo({})).toEqual({ version: '0.1.0', host: 'electron', dataDir: '/home/camille/.config/Passerelle' });
    expect(await bridge.reportProfile({ dbVersion: 1 })).toEqual({ recorded: true });
    expect(invoked).toEqual([
      { channel: 'appInfo', args: [{}] },
      { channel: 'reportProfile', args: [{ dbVersion: 1 }] },
    ]);
  });

  it("rejects with main's French message when the call is refused", async () => {
    const { bridge } = exposedBridge(async () => ({ ok: false, error: 'Appel refusé : il ne vient pas de la fenêtre de Passerelle.' }));
    const call = bridge.appInfo({});
    await expect(call).rejects.toBeInstanceOf(Error);
    await expect(call).rejects.toHaveProperty('message', 'Appel refusé : il ne vient pas de la fenêtre de Passerelle.');
  });

  it('rejects an answer that is not an envelope or does not match the contract', async () => {
    await expect(exposedBridge(async () => 'bonjour').bridge.appInfo({})).rejects.toThrow('Réponse illisible du service local.');
    await expect(exposedBridge(async () => ({ ok: true, value: { recorded: 'oui' } })).bridge.reportProfile({ dbVersion: 1 })).rejects.toThrow('Réponse inattendue du service local.');
  });

  it("reaches main's IPC handlers end to end, bad arguments refused in main", async () => {
    const dataDir = await tempDir('preload');
    const ipcMain = new FakeIpcMain();
    registerIpcHandlers(ipcMain, createHandlers({ host: 'electron', dataDir, version: '0.1.0' }));
    const bridge = createBridge((channel, request) => ipcMain.invoke(channel, APP_URL, request));
    expect(await bridge.appInfo({})).toEqual({ version: '0.1.0', host: 'electron', dataDir });
    await expect(bridge.reportProfile({ dbVersion: 0 })).rejects.toThrow(/^Appel refusé, arguments invalides \(dbVersion : /);
  });

  it('is typed as the whole contract: a bridge missing a channel does not type-check', () => {
    expectTypeOf(createBridge).returns.toEqualTypeOf<Bridge>();
    expectTypeOf<Omit<Bridge, 'reportProfile'>>().not.toExtend<Bridge>();
  });
});
