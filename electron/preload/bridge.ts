import {
  isEventName,
  parseEvent,
  type Bridge,
  type BridgeRequest,
  type BridgeResponse,
  type Channel,
  type EventName,
  type EventPayload,
} from '../../shared/bridge/contract.ts';
import { unwrap } from '../../shared/bridge/envelope.ts';

export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;

/** How the preload listens to main's events: `ipcRenderer.on` and `removeListener` on the event's own channel. */
export interface EventSource {
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * `window.passerelle`: each method invokes the IPC channel of the same literal name and unwraps the
 * envelope, so a refused call rejects with main's French message. `on` listens to one of the contract's
 * events (parsed on arrival; a payload that does not match is dropped) and returns the way to stop.
 * `satisfies Bridge` makes a missing, extra or mismatched channel a compile error.
 */
export function createBridge(invoke: Invoke, source: EventSource): Bridge {
  const call =
    <C extends Channel>(channel: C) =>
    async (request: BridgeRequest<C>): Promise<BridgeResponse<C>> =>
      unwrap(channel, await invoke(channel, request));
  return {
    appInfo: call('appInfo'),
    reportProfile: call('reportProfile'),
    startSession: call('startSession'),
    pickFolder: call('pickFolder'),
    syncStatus: call('syncStatus'),
    syncSetFolder: call('syncSetFolder'),
    syncCheckNow: call('syncCheckNow'),
    syncImportHqKey: call('syncImportHqKey'),
    siteKeysGenerate: call('siteKeysGenerate'),
    siteExport: call('siteExport'),
    siteReadFile: call('siteReadFile'),
    keysBackup: call('keysBackup'),
    keysRestore: call('keysRestore'),
    officeStatus: call('officeStatus'),
    officeInvite: call('officeInvite'),
    officeJoin: call('officeJoin'),
    officeFetch: call('officeFetch'),
    officePublish: call('officePublish'),
    officeSnapshotWrite: call('officeSnapshotWrite'),
    officeSnapshotRead: call('officeSnapshotRead'),
    officeRevoke: call('officeRevoke'),
    backupStart: call('backupStart'),
    backupWrite: call('backupWrite'),
    backupFinish: call('backupFinish'),
    backupAbort: call('backupAbort'),
    backupList: call('backupList'),
    backupOpen: call('backupOpen'),
    backupRead: call('backupRead'),
    backupClose: call('backupClose'),
    pickFile: call('pickFile'),
    hqStatus: call('hqStatus'),
    hqPublicKey: call('hqPublicKey'),
    hqImport: call('hqImport'),
    hqSites: call('hqSites'),
    hqBundles: call('hqBundles'),
    hqConflicts: call('hqConflicts'),
    hqQuarantine: call('hqQuarantine'),
    hqInspectBundle: call('hqInspectBundle'),
    hqReenrol: call('hqReenrol'),
    hqRotateKey: call('hqRotateKey'),
    hqWriteAcks: call('hqWriteAcks'),
    hqPublishReference: call('hqPublishReference'),
    hqCentralExport: call('hqCentralExport'),
    hqReview: call('hqReview'),
    hqEstablishments: call('hqEstablishments'),
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!isEventName(event)) throw new Error(`Événement inconnu : ${String(event)}`);
      const handler = (_event: unknown, payload: unknown) => {
        const parsed = parseEvent(event, payload);
        if (parsed !== undefined) listener(parsed);
      };
      source.on(event, handler);
      return () => void source.removeListener(event, handler);
    },
  } satisfies Bridge;
}

export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: EventSource & { invoke(channel: string, ...args: unknown[]): Promise<unknown> };
}

/** The page's only door to the Node side: one object, nothing else exposed. */
export function exposeBridge({ contextBridge, ipcRenderer }: PreloadElectron): void {
  contextBridge.exposeInMainWorld(
    'passerelle',
    createBridge((channel, request) => ipcRenderer.invoke(channel, request), ipcRenderer),
  );
}
