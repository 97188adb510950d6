import type { Bridge } from '../../shared/bridge/contract.ts';
import { dispatch } from '../../shared/bridge/envelope.ts';
import { createBridge } from '../../shared/bridge/client.ts';
import { memoryKeyStore, type KeyStore } from '../../shared/ports/keyStore.ts';
import { createServices, type ServiceOptions, type Services } from '../../electron/node/services.ts';
import type { KeyVault } from '../../electron/node/sync/keyVault.ts';

/** The import worker's source entry: Node runs it directly (type stripping), as the web host does. */
export const importWorkerUrl = new URL('../../electron/node/hq/importWorker.ts', import.meta.url);

/** Keys in memory, behind the same KeyVault interface the hosts implement; `problem` plays an unusable store. */
export function memoryKeyVault(store: KeyStore = memoryKeyStore(), problem: string | null = null): KeyVault {
  return {
    store,
    label: 'Mémoire (tests)',
    problem: async () => problem,
  };
}

/** The Node services as a host creates them, with the worker's source entry and keys in memory unless told. */
export function testServices(options: Partial<ServiceOptions> & Pick<ServiceOptions, 'dataDir'>): Services {
  return createServices({ host: 'web', version: '0.1.0', importWorkerUrl, vault: memoryKeyVault(), ...options });
}

/** The bridge a page of this host would get: every call validated by the contract, as it crosses IPC or HTTP. */
export function bridgeOf(services: Services): Bridge {
  return createBridge({
    invoke: (channel, request) => dispatch(services.handlers, channel, structuredClone(request)),
    listen: () => () => undefined,
  });
}
