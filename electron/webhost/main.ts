import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageVersion } from '../cli/main.ts';
import { createServices } from '../node/services.ts';
import { startWebHost } from './server.ts';

/**
 * `npm run web`: the renderer in a plain browser. The port is fixed by default because the browser keeps
 * IndexedDB data per origin, port included: another port is another (empty) database.
 */
export const DEFAULT_WEB_PORT = 4317;

const repoRoot = resolve(import.meta.dirname, '../..');

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_WEB_PORT) },
      data: { type: 'string', default: process.env.PASSERELLE_DATA ?? resolve(repoRoot, '.passerelle-data', 'web') },
      renderer: { type: 'string', default: resolve(repoRoot, 'out', 'renderer') },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Port invalide : ${values.port}`);
    process.exit(2);
  }
  const rendererDir = resolve(values.renderer);
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    console.error(`Interface introuvable dans ${rendererDir} : lancez d’abord « npm run build ».`);
    process.exit(2);
  }
  const dataDir = resolve(values.data);
  await mkdir(dataDir, { recursive: true });
  const services = createServices({ host: 'web', dataDir, version: packageVersion(), importWorkerUrl: new URL('../node/hq/importWorker.ts', import.meta.url) });
  const host = await startWebHost({ rendererDir, port, handlers: services.handlers, events: services.events }).catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Le port ${port} est déjà utilisé : choisissez-en un autre avec --port.` : `Démarrage impossible : ${error.message}`);
    process.exit(1);
  });
  console.log(`Passerelle (version web) : ouvrez ${host.url}`);
  console.log(`Données de ce service : ${dataDir}`);
  services.start();
  const stop = () => {
    services.stop();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await run();
