import { join } from 'node:path';
import type { Handlers } from '../../shared/bridge/contract.ts';
import { reviewHandlers } from './hq/reviewService.ts';
import { recordProfileMarker } from './profile.ts';

export interface ServiceOptions {
  host: 'electron' | 'web';
  /** Folder of this installation's files: Electron's userData, or the web host's --data folder. */
  dataDir: string;
  version: string;
}

/**
 * The Node side of the bridge, one implementation for both hosts: Electron's IPC handlers and the web
 * host's HTTP routes call these same functions, so end-to-end tests through the web host exercise them.
 */
export function createHandlers(options: ServiceOptions): Handlers {
  return {
    appInfo: async () => ({ version: options.version, host: options.host, dataDir: options.dataDir }),
    reportProfile: async ({ dbVersion }) => ({ recorded: await recordProfileMarker(options.dataDir, dbVersion, options.version) }),
    ...reviewHandlers(join(options.dataDir, 'hq')),
  };
}
