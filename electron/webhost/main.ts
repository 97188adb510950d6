import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { packageVersion } from '../cli/main.ts';
import { parseCommandLine, UsageError } from '../cli/command.ts';
import { createServices } from '../node/services.ts';
import { startWebHost, type RunningWebHost } from './server.ts';

/**
 * `npm run web`: the renderer in a plain browser. The port is fixed by default because the browser keeps
 * IndexedDB data per origin, port included: another port is another (empty) database.
 */
export const DEFAULT_WEB_PORT = 4317;

const repoRoot = resolve(import.meta.dirname, '../..');

export interface WebSettings {
  port: number;
  /** The installation's files (profile marker, sync settings, keys, headquarters store). */
  dataDir: string;
  /** The built renderer. */
  rendererDir: string;
}

/**
 * `--port` (default 4317), `--data` (default PASSERELLE_DATA, else .passerelle-data/web), `--renderer`
 * (default out/renderer). A mistake is a French UsageError.
 */
export function parseWebArgs(args: string[], env: Record<string, string | undefined>): WebSettings {
  const { values, positionals } = parseCommandLine(args, {
    port: { type: 'string', default: String(DEFAULT_WEB_PORT) },
    data: { type: 'string', default: env.PASSERELLE_DATA ?? resolve(repoRoot, '.passerelle-data', 'web') },
    renderer: { type: 'string', default: resolve(repoRoot, 'out', 'renderer') },
  });
  if (positionals.length > 0) throw new UsageError(`argument inattendu : ${positionals[0]}`);
  const port = Number(values.port);
  if (!/^\d+$/.test(String(values.port)) || port > 65535) throw new UsageError(`port invalide : ${values.port}`);
  return { port, dataDir: resolve(String(values.data)), rendererDir: resolve(String(values.renderer)) };
}

export interface StartedWeb {
  host: RunningWebHost;
  stop(): Promise<void>;
}

/** Start the Node services and the web host, then print the one address to open (its token included). */
export async function startWeb(settings: WebSettings, print: (line: string) => void): Promise<StartedWeb> {
  if (!existsSync(resolve(settings.rendererDir, 'index.html'))) {
    throw new UsageError(`interface introuvable dans ${settings.rendererDir} : lancez d’abord « npm run build ».`);
  }
  await mkdir(settings.dataDir, { recursive: true });
  const services = createServices({
    host: 'web',
    dataDir: settings.dataDir,
    version: packageVersion(),
    importWorkerUrl: new URL('../node/hq/importWorker.ts', import.meta.url),
  });
  const host = await startWebHost({ rendererDir: settings.rendererDir, port: settings.port, handlers: services.handlers, events: services.events }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new Error(
        error.code === 'EADDRINUSE'
          ? `Le port ${settings.port} est déjà utilisé : choisissez-en un autre avec --port.`
          : `Démarrage impossible : ${error.message}`,
      );
    },
  );
  print(`Passerelle (version web) : ouvrez ${host.url}`);
  print(`Données de ce service : ${settings.dataDir}`);
  services.start();
  return {
    host,
    stop: async () => {
      services.stop();
      await host.close();
    },
  };
}

if (import.meta.main) {
  // The stop signals are heard from the start: one arriving while the server starts still closes it cleanly.
  let started: StartedWeb | undefined;
  let stopRequested = false;
  const stop = () => {
    stopRequested = true;
    if (started) void started.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    started = await startWeb(parseWebArgs(process.argv.slice(2), process.env), (line) => console.log(line));
    if (stopRequested) stop();
  } catch (error) {
    const usage = error instanceof UsageError;
    console.error(usage ? `npm run web : ${error.message}` : (error as Error).message);
    process.exit(usage ? 2 : 1);
  }
}
