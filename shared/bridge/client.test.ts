import { describe, expect, expectTypeOf, it } from 'vitest';
import { createBridge, type Transport } from './client.ts';
import { channels, eventNames, type Bridge, type Channel, type EventName } from './contract.ts';
import { BridgeError } from './envelope.ts';

/** A transport in memory: `answer` plays the Node side of each call; `emit` sends an event's raw payload. */
function fakeTransport(answer: (channel: Channel, request: unknown) => unknown = () => ({ ok: true, value: {} })) {
  const calls: { channel: Channel; request: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const transport: Transport = {
    invoke: async (channel, request) => {
      calls.push({ channel, request });
      return answer(channel, request);
    },
    listen: (event, deliver) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(deliver));
      return () => void set.delete(deliver);
    },
  };
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((deliver) => deliver(payload));
  return { transport, calls, listeners, emit };
}

describe('createBridge', () => {
  it('offers every channel of the contract and on, nothing else', () => {
    const bridge = createBridge(fakeTransport().transport) as unknown as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...channels, 'on'].sort());
    for (const channel of channels) expect(typeof bridge[channel], channel).toBe('function');
  });

  it('calls the channel of the same name with the request and returns the value checked against the contract', async () => {
    const { transport, calls } = fakeTransport((channel) =>
      channel === 'appInfo' ? { ok: true, value: { version: '0.1.0', host: 'web', dataDir: '/srv/passerelle' } } : { ok: true, value: { recorded: true } },
    );
    const bridge = createBridge(transport);
    expect(await bridge.appInfo({})).toEqual({ version: '0.1.0', host: 'web', dataDir: '/srv/passerelle' });
    expect(await bridge.reportProfile({ dbVersion: 1 })).toEqual({ recorded: true });
    expect(calls).toEqual([
      { channel: 'appInfo', request: {} },
      { channel: 'reportProfile', request: { dbVersion: 1 } },
    ]);
  });

  it("rejects with the Node side's French message when the call is refused", async () => {
    const call = createBridge(fakeTransport(() => ({ ok: false, error: 'Appel refusé : il ne vient pas de la fenêtre de Passerelle.' })).transport).appInfo({});
    await expect(call).rejects.toBeInstanceOf(BridgeError);
    await expect(call).rejects.toHaveProperty('message', 'Appel refusé : il ne vient pas de la fenêtre de Passerelle.');
  });

  it('rejects an answer that is not an envelope or does not match the contract', async () => {
    await expect(createBridge(fakeTransport(() => 'bonjour').transport).appInfo({})).rejects.toThrow('Réponse illisible du service local.');
    await expect(createBridge(fakeTransport(() => ({ ok: true, value: { recorded: 'oui' } })).transport).reportProfile({ dbVersion: 1 })).rejects.toThrow(
      'Réponse inattendue du service local.',
    );
  });

  it('delivers the payloads of the event listened to, parsed, drops one that does not match, and stops when asked', () => {
    const { transport, emit, listeners } = fakeTransport();
    const bridge = createBridge(transport);
    const seen: unknown[] = [];
    const stop = bridge.on('syncFolderChecked', (status) => seen.push(status));
    const status = { folder: '/mnt/partage', reachable: true, checkedAt: '2026-11-25T10:00:00.000Z' };
    emit('syncFolderChecked', status);
    emit('syncFolderChecked', { folder: 3 });
    expect(seen).toEqual([status]);
    stop();
    emit('syncFolderChecked', status);
    expect(seen).toHaveLength(1);
    expect(listeners.get('syncFolderChecked')?.size).toBe(0);
  });

  it('refuses to listen to an event the contract does not name, and no event is named like a channel', () => {
    expect(() => createBridge(fakeTransport().transport).on('appInfo' as never, () => undefined)).toThrow('Événement inconnu');
    expect(eventNames.some((e) => (channels as string[]).includes(e))).toBe(false);
  });

  it('is typed as the whole contract: a bridge missing a channel does not type-check', () => {
    expectTypeOf(createBridge).returns.toEqualTypeOf<Bridge>();
    expectTypeOf<Omit<Bridge, 'reportProfile'>>().not.toExtend<Bridge>();
  });
});
