import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, CustomScheme } from 'electron';
import type { ElectronApi } from '../../electron/main/app.ts';
import type { NavigationEvent, PermissionSession } from '../../electron/main/guards.ts';
import type { InvokeEvent, IpcRegistry } from '../../electron/main/ipc.ts';
import type { AppRequest } from '../../electron/main/protocol.ts';
import type { Envelope } from '../../shared/bridge/envelope.ts';

/**
 * A stand-in for the `electron` module: it records what main asks of Electron and lets tests fire the
 * events Electron would. Electron itself is never launched in these tests.
 */

/** A navigation event whose preventDefault is observable. */
export function navigation(url: string, isMainFrame = true): NavigationEvent & { prevented: boolean } {
  const event = {
    url,
    isMainFrame,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends EventEmitter {
  url = '';
  /** What main sent to the page (`webContents.send`): events of the bridge contract. */
  readonly sent: { channel: string; args: unknown[] }[] = [];

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }
}

export class FakeSession implements PermissionSession {
  requestHandler: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
  checkHandler: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
  deviceHandler: Parameters<PermissionSession['setDevicePermissionHandler']>[0] | undefined;
  spellCheckerLanguages: string[] = [];

  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = handler;
  }

  setDevicePermissionHandler(handler: NonNullable<FakeSession['deviceHandler']>): void {
    this.deviceHandler = handler;
  }

  setSpellCheckerLanguages(languages: string[]): void {
    this.spellCheckerLanguages = languages;
  }
}

export class FakeIpcMain implements IpcRegistry {
  readonly handlers = new Map<string, (event: InvokeEvent, request: unknown) => Promise<Envelope<unknown>>>();
  registrations: string[] = [];

  handle(channel: string, listener: (event: InvokeEvent, request: unknown) => Promise<Envelope<unknown>>): void {
    this.registrations.push(channel);
    this.handlers.set(channel, listener);
  }

  /** Invoke a channel as a frame showing `frameUrl` would (null: the frame has gone). */
  invoke(channel: string, frameUrl: string | null, request: unknown): Promise<Envelope<unknown>> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, request);
  }
}

/**
 * Electron's safeStorage, played by a reversible encryption with a per-instance key: what one instance wrote,
 * another (another PC, another account) cannot read. `available` and `backend` play the system's keyring.
 */
export class FakeSafeStorage {
  available = true;
  backend: string = 'gnome_libsecret';
  /** Set to make the next decryption ask for re-encryption (the system rotated its key). */
  rotateNext = false;
  readonly mask: number;

  constructor(mask = 0x5a) {
    this.mask = mask;
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.from([this.mask, ...Buffer.from(plainText, 'utf8').map((b) => b ^ this.mask)]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (encrypted[0] !== this.mask) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const shouldReEncrypt = this.rotateNext;
    this.rotateNext = false;
    return { shouldReEncrypt, result: Buffer.from(encrypted.subarray(1).map((b) => b ^ this.mask)).toString('utf8') };
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

export interface FakeElectronOptions {
  /** What requestSingleInstanceLock answers (false: another instance runs). */
  gotLock?: boolean;
  /** The URL a window ends up showing after loadURL(url); throw to make the load fail. */
  landOn?: (url: string) => string;
  appData: string;
  version?: string;
}

export type FakeElectron = ReturnType<typeof fakeElectron>;

export function fakeElectron(options: FakeElectronOptions) {
  const paths = new Map<string, string>([['appData', options.appData]]);
  const log: string[] = [];

  class FakeApp extends EventEmitter {
    name = 'electron';
    ready = false;
    sandboxed = false;
    quitCalls = 0;

    setName(name: string): void {
      this.name = name;
    }

    getPath(name: 'appData' | 'userData'): string {
      const path = paths.get(name) ?? (name === 'userData' ? join(options.appData, this.name) : undefined);
      if (path === undefined) throw new Error(`unknown path ${name}`);
      return path;
    }

    setPath(name: 'userData', path: string): void {
      paths.set(name, path);
    }

    getVersion(): string {
      return options.version ?? '0.1.0';
    }

    enableSandbox(): void {
      this.sandboxed = true;
    }

    readonly switches = new Map<string, string | undefined>();
    readonly commandLine = {
      appendSwitch: (name: string, value?: string): void => {
        if (this.ready) throw new Error(`switch ${name} appended after ready: Chromium ignores it`);
        this.switches.set(name, value);
      },
    };

    requestSingleInstanceLock(): boolean {
      log.push('requestSingleInstanceLock');
      return options.gotLock ?? true;
    }

    async whenReady(): Promise<void> {
      log.push('ready');
      this.ready = true;
    }

    quit(): void {
      this.quitCalls += 1;
    }
  }

  const app = new FakeApp();
  const windows: FakeWindow[] = [];

  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    shown = false;
    focused = false;
    minimized = false;

    readonly options: BrowserWindowConstructorOptions;

    constructor(windowOptions: BrowserWindowConstructorOptions) {
      super();
      this.options = windowOptions;
      windows.push(this);
      log.push('window');
      // Electron announces every new web contents before anything loads in it.
      app.emit('web-contents-created', {}, this.webContents);
    }

    async loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      this.webContents.url = (options.landOn ?? ((u: string) => u))(url);
    }

    show(): void {
      this.shown = true;
    }

    focus(): void {
      this.focused = true;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    restore(): void {
      this.minimized = false;
    }
  }

  const protocol = {
    privileged: [] as { schemes: CustomScheme[]; beforeReady: boolean }[],
    handlers: new Map<string, (request: AppRequest) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
      this.privileged.push({ schemes, beforeReady: !app.ready });
    },
    handle(scheme: string, handler: (request: AppRequest) => Promise<Response>): void {
      this.handlers.set(scheme, handler);
    },
  };

  const defaultSession = new FakeSession();
  const ipcMain = new FakeIpcMain();
  const dialog = {
    errors: [] as { title: string; content: string }[],
    /** The folder the next open dialog returns (null: the person cancels). */
    nextFolder: null as string | null,
    opened: [] as { title?: string; properties?: string[] }[],
    showErrorBox(title: string, content: string): void {
      this.errors.push({ title, content });
    },
    async showOpenDialog(options: {
      title?: string;
      properties?: string[];
      filters?: { name: string; extensions: string[] }[];
    }): Promise<{ canceled: boolean; filePaths: string[] }> {
      this.opened.push(options);
      return this.nextFolder === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [this.nextFolder] };
    },
  };
  const shell = {
    opened: [] as string[],
    async openExternal(url: string): Promise<void> {
      this.opened.push(url);
    },
  };

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol,
    session: { defaultSession },
    ipcMain,
    dialog,
    shell,
    safeStorage: new FakeSafeStorage(),
  } satisfies ElectronApi;

  return { electron, windows, log };
}

const tempDirs: string[] = [];

/** A fresh temporary folder, removed by removeTempDirs (call it in afterAll). */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `passerelle-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A built renderer in a temporary folder, with a file beside it that must never be served. */
export async function fakeRendererBuild(): Promise<{ base: string; root: string }> {
  const base = await tempDir('renderer');
  const root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Passerelle</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log("passerelle")');
  await writeFile(join(base, 'secret.txt'), 'hors du renderer');
  return { base, root };
}
