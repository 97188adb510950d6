import {
  isEventName,
  parseEvent,
  type Bridge,
  type BridgeRequest,
  type BridgeResponse,
  type Channel,
  type EventName,
  type EventPayload,
  type Unsubscribe,
} from './contract.ts';
import { BridgeError, unwrap } from './envelope.ts';

/**
 * How a host carries the bridge: Electron's IPC in the preload, the web host's loopback HTTP API in a plain
 * browser. It moves raw data only; the bridge checks what comes back against the contract.
 */
export interface Transport {
  /** Send one call and resolve with the envelope the Node side answered (or reject in French). */
  invoke(channel: Channel, request: unknown): Promise<unknown>;
  /** Hand each payload of one event to `deliver` until the returned function is called. */
  listen(event: EventName, deliver: (payload: unknown) => void): Unsubscribe;
}

/**
 * The bridge over one transport: each method calls the channel of the same literal name and unwraps the
 * envelope, so a refused call rejects with the Node side's French message and an answer that does not match
 * the contract is refused; `on` parses each event's payload on arrival and drops one that does not match.
 * `satisfies Bridge` makes a missing, extra or mismatched channel a compile error, for both hosts.
 */
export function createBridge(transport: Transport): Bridge {
  const call =
    <C extends Channel>(channel: C) =>
    async (request: BridgeRequest<C>): Promise<BridgeResponse<C>> =>
      unwrap(channel, await transport.invoke(channel, request));
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
    transferPersonKey: call('transferPersonKey'),
    transferWrite: call('transferWrite'),
    transferOpen: call('transferOpen'),
    transferScan: call('transferScan'),
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
    hqDashboard: call('hqDashboard'),
    hqEstablishments: call('hqEstablishments'),
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
      if (!isEventName(event)) throw new BridgeError(`Événement inconnu : ${String(event)}`);
      return transport.listen(event, (payload) => {
        const parsed = parseEvent(event, payload);
        if (parsed !== undefined) listener(parsed);
      });
    },
  } satisfies Bridge;
}
