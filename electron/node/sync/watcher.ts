import { constants } from 'node:fs';
import { join } from 'node:path';
import type { EmitEvent } from '../../../shared/bridge/contract.ts';
import type { FolderStatus, Inbox } from '../../../shared/bridge/syncSchemas.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import type { HqPublic } from '../../../shared/sync/keys.ts';
import { ackFileName, readAcknowledgement, readReferenceData, REFERENCE_FILE } from '../../../shared/sync/signed.ts';
import { acknowledgementRefusal } from '../../../shared/sync/site.ts';

/** The file system calls the watcher makes (node:fs/promises in the app, a fake in tests). */
export interface WatcherFs {
  stat(path: string): Promise<{ isDirectory(): boolean; size: number; mtimeMs: number }>;
  access(path: string, mode: number): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
}

export interface WatcherTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const nodeTimers: WatcherTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the watcher needs to read a site's files: its acknowledgement's name, its id, and whom to believe. */
export interface InboxContext {
  siteId: string;
  siteCode: string;
  /** This workstation: its own acknowledgement is the one named after it. */
  deviceId?: string;
  hq: HqPublic;
}

export interface WatcherOptions {
  fs: WatcherFs;
  timers: WatcherTimers;
  clock: Clock;
  emit: EmitEvent;
  /** The sync folder from the settings, read at every check (the person may change it meanwhile). */
  folder(): Promise<string | undefined>;
  /** Undefined in headquarters mode, or before the site and headquarters' key are known: no inbox then. */
  inboxContext(): Promise<InboxContext | undefined>;
  /** 60 000: every minute. */
  intervalMs?: number;
  /** A network share that does not answer within this time counts as unreachable. */
  probeTimeoutMs?: number;
}

export interface SyncWatcher {
  start(): void;
  stop(): void;
  /** The last check's result (not checked yet: `checkedAt` null). */
  status(): FolderStatus;
  /**
   * Check now. `fresh` returns the inbox whatever was delivered before (the renderer asks at start), and
   * then emits no inbox event: the caller applies what it receives.
   */
  check(options?: { fresh?: boolean }): Promise<{ status: FolderStatus; inbox: Inbox }>;
  /** Resolves once no check is running: a caller that just fired the timer can wait for its outcome. */
  idle(): Promise<void>;
}

const emptyInbox = (): Inbox => ({ problems: [] });

/**
 * Checks every minute whether the sync folder is reachable (a network share comes and goes) and says so
 * with a `syncFolderChecked` event; when it is, picks up the site's acknowledgement and the reference data
 * file, checks headquarters' signature, and announces what is new with a `syncInboxReceived` event. A file
 * is announced once per version (size and modification time); applying it twice would be harmless anyway.
 */
export function createSyncWatcher(options: WatcherOptions): SyncWatcher {
  const intervalMs = options.intervalMs ?? 60_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 15_000;
  let current: FolderStatus = { folder: null, reachable: false, checkedAt: null };
  let handle: unknown;
  let running: Promise<{ status: FolderStatus; inbox: Inbox }> | undefined;
  const delivered = new Map<string, string>();

  function withTimeout<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = options.timers.setTimeout(() => reject(new Error('timeout')), probeTimeoutMs);
      work.then(
        (value) => {
          options.timers.clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          options.timers.clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  async function reachable(folder: string): Promise<boolean> {
    try {
      return await withTimeout(
        (async () => {
          const info = await options.fs.stat(folder);
          if (!info.isDirectory()) return false;
          await options.fs.access(folder, constants.R_OK | constants.W_OK);
          return true;
        })(),
      );
    } catch {
      return false;
    }
  }

  /** The file's bytes when it is there and, unless `fresh`, not delivered in this version before. */
  async function take(path: string, fresh: boolean): Promise<Uint8Array | undefined> {
    let info;
    try {
      info = await withTimeout(options.fs.stat(path));
    } catch {
      return undefined;
    }
    const version = `${info.size}:${info.mtimeMs}`;
    if (!fresh && delivered.get(path) === version) return undefined;
    const bytes = await withTimeout(options.fs.readFile(path));
    delivered.set(path, version);
    return bytes;
  }

  async function readInbox(folder: string, fresh: boolean): Promise<Inbox> {
    const inbox = emptyInbox();
    const context = await options.inboxContext();
    if (!context) return inbox;
    const refPath = join(folder, REFERENCE_FILE);
    // This workstation's own acknowledgement, or, while headquarters writes none of that name yet, the site's.
    const ownName = ackFileName(context.siteCode, context.deviceId);
    const siteName = ackFileName(context.siteCode);
    for (const name of ownName === siteName ? [siteName] : [ownName, siteName]) {
      try {
        const ack = await take(join(folder, name), fresh);
        if (!ack) continue;
        const acknowledgement = readAcknowledgement(ack, context.hq.signingKey);
        const refusal =
          acknowledgement.siteId !== context.siteId
            ? 'accusé de réception d’un autre site (même code, autre installation) ; il n’a pas été appliqué.'
            : context.deviceId === undefined
              ? undefined
              : acknowledgementRefusal(acknowledgement, { siteId: context.siteId, deviceId: context.deviceId });
        if (refusal === undefined) {
          inbox.acknowledgement = acknowledgement;
          break;
        }
        // The site's file covering another workstation is what an office finds there: not this one's, not a fault.
        if (name === ownName || acknowledgement.siteId !== context.siteId) inbox.problems.push(`${name} : ${refusal}`);
      } catch (error) {
        inbox.problems.push(`${name} : ${(error as Error).message}`);
      }
    }
    try {
      const reference = await take(refPath, fresh);
      if (reference) inbox.reference = readReferenceData(reference, context.hq.signingKey);
    } catch (error) {
      inbox.problems.push(`${REFERENCE_FILE} : ${(error as Error).message}`);
    }
    return inbox;
  }

  async function run(fresh: boolean): Promise<{ status: FolderStatus; inbox: Inbox }> {
    const folder = await options.folder();
    const checkedAt = new Date(options.clock.now()).toISOString();
    if (!folder) {
      current = { folder: null, reachable: false, checkedAt };
      options.emit('syncFolderChecked', current);
      return { status: current, inbox: emptyInbox() };
    }
    const ok = await reachable(folder);
    current = { folder, reachable: ok, checkedAt };
    options.emit('syncFolderChecked', current);
    const inbox = ok ? await readInbox(folder, fresh) : emptyInbox();
    const news = inbox.acknowledgement !== undefined || inbox.reference !== undefined || inbox.problems.length > 0;
    if (news && !fresh) options.emit('syncInboxReceived', inbox);
    return { status: current, inbox };
  }

  function check(fresh: boolean): Promise<{ status: FolderStatus; inbox: Inbox }> {
    // One check at a time: a share that hangs must not pile up checks; an explicit one waits its turn.
    const next = (running ?? Promise.resolve()).catch(() => undefined).then(() => run(fresh));
    running = next;
    void next
      .finally(() => {
        if (running === next) running = undefined;
      })
      .catch(() => undefined);
    return next;
  }

  return {
    start() {
      if (handle !== undefined) return;
      void check(false).catch((error: unknown) => console.error('Vérification du dossier de synchronisation impossible :', error));
      handle = options.timers.setInterval(() => {
        if (running) return;
        void check(false).catch((error: unknown) => console.error('Vérification du dossier de synchronisation impossible :', error));
      }, intervalMs);
    },
    stop() {
      if (handle === undefined) return;
      options.timers.clearInterval(handle);
      handle = undefined;
    },
    status: () => current,
    check: (opts) => check(opts?.fresh ?? false),
    async idle() {
      while (running) await running.catch(() => undefined);
    },
  };
}
