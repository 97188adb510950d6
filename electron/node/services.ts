import { access, stat } from 'node:fs/promises';
import type { Handlers } from '../../shared/bridge/contract.ts';
import { MAX_FILE_BYTES } from '../../shared/bridge/syncSchemas.ts';
import { systemClock, type Clock } from '../../shared/ports/clock.ts';
import { SyncError, UserFacingError } from '../../shared/errors.ts';
import { createEventHub, type EventHub } from './events.ts';
import { osReason } from './osErrors.ts';
import { readRegularFile } from './regularFile.ts';
import { backupService } from './backup/backupService.ts';
import { createHqService } from './hq/hqService.ts';
import { appDataPaths } from './hq/hqDir.ts';
import { reviewHandlers } from './hq/reviewService.ts';
import { recordProfileMarker } from './profile.ts';
import { syncConfigStore } from './sync/config.ts';
import { fileKeyVault, type KeyVault } from './sync/keyVault.ts';
import { officeHandlers } from './sync/officeService.ts';
import { configuredHq, siteHandlers } from './sync/siteService.ts';
import { transferHandlers } from './sync/transferService.ts';
import { createSyncWatcher, nodeTimers, type WatcherFs, type WatcherTimers } from './sync/watcher.ts';

export interface ServiceOptions {
  host: 'electron' | 'web';
  /** Folder of this installation's files: Electron's userData, or the web host's --data folder. */
  dataDir: string;
  version: string;
  /** The import worker's entry: electron/node/hq/importWorker.ts, or its build beside the desktop app's main. */
  importWorkerUrl: URL;
  /** Where secret keys live; files in `<dataDir>/keys` unless the host has better (Electron's safeStorage). */
  vault?: KeyVault;
  /** The desktop app's native folder dialog; the web host has none. */
  pickFolder?: (title: string) => Promise<string | null>;
  /** The desktop app's native file dialog, for files ending in `extension`; the web host has none. */
  pickFile?: (title: string, extension: string) => Promise<string | null>;
  clock?: Clock;
  timers?: WatcherTimers;
  fs?: WatcherFs;
  /** How often the sync folder is checked (one minute). */
  watchIntervalMs?: number;
}

export interface Services {
  handlers: Handlers;
  events: EventHub;
  /** Start checking the sync folder. */
  start(): void;
  stop(): void;
}

/** The sync folder as the watcher reads it: regular files only, never a pipe or a link, as `nodeFileStore` reads it. */
export const nodeFs: WatcherFs = {
  stat,
  access,
  readFile: (path) => readRegularFile(path, MAX_FILE_BYTES),
};

/**
 * The handlers, their operating-system and SQLite errors said in French (`osReason`: a full disk, a folder
 * gone, a locked database), where the bridge would otherwise pass Node's English words as an unexpected error.
 * Messages written for the user, and errors no one can act on, pass as they are.
 */
export function frenchErrors(handlers: Handlers): Handlers {
  const wrapped: Record<string, (request: never) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (request: never) => Promise<unknown>][]) {
    wrapped[channel] = async (request) => {
      try {
        return await handler(request);
      } catch (error) {
        const reason = osReason(error);
        if (error instanceof UserFacingError || !(error instanceof Error) || reason === error.message) throw error;
        throw new SyncError(`${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`);
      }
    };
  }
  return wrapped as unknown as Handlers;
}

/**
 * The Node side of the bridge, one implementation for both hosts: Electron's IPC handlers and the web
 * host's HTTP routes call these same functions, so end-to-end tests through the web host exercise them.
 * Events (sync folder checks, import progress) go out through `events`, which each host forwards.
 */
export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? systemClock;
  const events = createEventHub();
  const config = syncConfigStore(options.dataDir);
  const vault = options.vault ?? fileKeyVault(appDataPaths(options.dataDir).keys);
  let mode: 'site' | 'hq' | undefined;

  const watcher = createSyncWatcher({
    fs: options.fs ?? nodeFs,
    timers: options.timers ?? nodeTimers,
    clock,
    emit: events.emit,
    ...(options.watchIntervalMs !== undefined ? { intervalMs: options.watchIntervalMs } : {}),
    folder: async () => (await config.read()).syncFolder,
    async inboxContext() {
      if (mode !== 'site') return undefined;
      const settings = await config.read();
      const hq = await configuredHq(config);
      return settings.site && hq
        ? { siteId: settings.site.siteId, siteCode: settings.site.code, ...(settings.deviceId !== undefined ? { deviceId: settings.deviceId } : {}), hq }
        : undefined;
    },
  });

  const hq = createHqService({ dir: appDataPaths(options.dataDir).hq, config, vault, clock, emit: events.emit, importWorkerUrl: options.importWorkerUrl });

  const handlers: Handlers = frenchErrors({
    appInfo: async () => ({ version: options.version, host: options.host, dataDir: options.dataDir }),
    reportProfile: async ({ dbVersion }) => ({ recorded: await recordProfileMarker(options.dataDir, dbVersion, options.version) }),

    async startSession({ site, deviceId }) {
      await config.update((current) => ({ ...current, site, ...(deviceId !== undefined ? { deviceId } : {}) }));
      mode = site.kind === 'atigip' ? 'hq' : 'site';
      return { mode, hq: mode === 'hq' ? await hq.open() : null };
    },

    async pickFolder({ title }) {
      if (!options.pickFolder) throw new SyncError('Dans la version web, saisissez le chemin complet du dossier.');
      return { path: await options.pickFolder(title) };
    },

    async pickFile({ title, extension }) {
      if (!options.pickFile) throw new SyncError('Dans la version web, saisissez le chemin complet du fichier.');
      return { path: await options.pickFile(title, extension) };
    },

    ...siteHandlers({ config, vault, watcher, clock }),
    ...transferHandlers({ config, vault, clock }),
    ...officeHandlers({ config, vault, clock }),
    ...backupService({ dataDir: options.dataDir, vault, config, clock, version: options.version }).handlers,
    ...hq.handlers,
    ...reviewHandlers(appDataPaths(options.dataDir).hq, clock),
  });

  return {
    handlers,
    events,
    start: () => watcher.start(),
    stop: () => watcher.stop(),
  };
}
