import { can, refusalOf, type Action } from '../rules/permissions.ts';
import type { Role } from '../schemas/account.ts';
import type { Bridge, BridgeRequest, Channel } from './contract.ts';
import { BridgeError } from './envelope.ts';

/**
 * What each call to the Node side that changes keys, sync settings, backups or headquarters' store needs (the
 * repositories check every write to the database; this checks what the database does not hold). A function
 * when it depends on the request: the daily backup any session's page writes is not a manual one.
 */
export const channelActions: { readonly [C in Channel]?: Action | ((request: BridgeRequest<C>) => Action | undefined) } = {
  syncSetFolder: 'sync.settings',
  syncImportHqKey: 'keys.manage',
  siteKeysGenerate: 'keys.manage',
  keysBackup: 'keys.manage',
  keysRestore: 'keys.manage',
  officeInvite: 'sync.settings',
  officeRevoke: 'sync.settings',
  siteExport: 'sync.run',
  transferPersonKey: 'sync.run',
  transferWrite: 'sync.run',
  transferOpen: 'sync.run',
  transferScan: 'sync.run',
  backupStart: (request) => (request.origin === 'manuelle' ? 'backup.write' : undefined),
  backupOpen: 'backup.restore',
  hqImport: 'hq.consolidate',
  hqReenrol: 'keys.manage',
  hqRotateKey: 'keys.manage',
  hqWriteAcks: 'hq.consolidate',
  hqPublishReference: 'hq.consolidate',
  hqCentralExport: 'hq.consolidate',
  hqPublicKey: 'hq.consolidate',
};

/**
 * The bridge as the logged-in account may use it: a call its role does not allow is refused in French before it
 * leaves the page. Without a session (first run, the error screen's restore) every call goes through.
 */
export function guardBridge(bridge: Bridge, currentRole: () => Role | undefined): Bridge {
  const guarded: Record<string, unknown> = { ...bridge };
  for (const [channel, rule] of Object.entries(channelActions) as [Channel, Action | ((request: unknown) => Action | undefined)][]) {
    const call = bridge[channel] as (request: unknown) => Promise<unknown>;
    guarded[channel] = (request: unknown) => {
      const role = currentRole();
      const needed = typeof rule === 'function' ? rule(request) : rule;
      if (role !== undefined && needed !== undefined && !can(role, needed)) return Promise.reject(new BridgeError(refusalOf(role, needed)));
      return call(request);
    };
  }
  return guarded as unknown as Bridge;
}
