import { parentPort, workerData } from 'node:worker_threads';
import { importBundleFiles, type ImportInput } from './import.ts';

/**
 * Worker-thread entry of the headquarters import, so a long import never blocks the thread that started it:
 * `new Worker(url, { workerData: { dir, inputs } })` posts back the per-file results, or `{ error }`.
 */
const { dir, inputs } = workerData as { dir: string; inputs: ImportInput[] };
try {
  parentPort?.postMessage({ results: await importBundleFiles(dir, inputs) });
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
