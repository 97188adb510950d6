import { resolve } from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';

/**
 * The headquarters import worker, built into main's own bundle. The worker receives headquarters' private keys,
 * so its code must come from the integrity-checked app.asar: Node loads a worker thread's script and its chunks
 * from the real file system, and files kept outside the archive (asarUnpack) are writable by the user in a
 * per-user install. Instead the worker is bundled into one self-contained ES module (its dependencies inlined,
 * only Node's built-in modules imported), embedded in out/main/index.js as a string, and started from a data:
 * URL (electron/main/paths.ts, `inlineWorkerUrl`).
 */
export const IMPORT_WORKER_MODULE = 'virtual:passerelle-import-worker';

/** The worker's code as one ES module that imports nothing but Node's built-in modules. */
export async function buildImportWorker(root: string): Promise<string> {
  const built = (await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: resolve(root, 'electron/node/hq/importWorker.ts'),
      write: false,
      // Electron 45's Node.
      target: 'node22',
      minify: false,
      reportCompressedSize: false,
      rollupOptions: { output: { format: 'es', codeSplitting: false } },
    },
    ssr: { target: 'node', noExternal: true },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(built) ? built : [built]).flatMap((b) => b.output).filter((o) => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`The import worker must build into one file, not ${chunks.length}`);
  return chunks[0]!.code;
}

/** `import source from 'virtual:passerelle-import-worker'` in main: the worker's built code. */
export function importWorkerPlugin(root: string): Plugin {
  const resolved = `\0${IMPORT_WORKER_MODULE}`;
  return {
    name: 'passerelle-import-worker',
    enforce: 'pre',
    resolveId: (id) => (id === IMPORT_WORKER_MODULE ? resolved : undefined),
    load: async (id) => (id === resolved ? `export default ${JSON.stringify(await buildImportWorker(root))};` : undefined),
  };
}
