import { parentPort, workerData } from 'node:worker_threads';
import type { HqKeyring } from '../../../shared/sync/keys.ts';
import { importBundleFiles, type ImportInput } from './import.ts';

/**
 * Worker-thread entry of the headquarters import, so a long import never blocks the thread that started it:
 * `new Worker(url, { workerData: { dir, inputs, keyring? } })` posts `{ progress: { done, total, result } }`
 * after each file, then the per-file `{ results }`, or `{ error }`. The keyring comes from the caller when the
 * keys are not files of the folder (the desktop app keeps them protected by the operating system).
 */
const { dir, inputs, keyring } = workerData as { dir: string; inputs: ImportInput[]; keyring?: HqKeyring };
try {
  const results = await importBundleFiles(dir, inputs, {
    ...(keyring ? { keyring } : {}),
    onProgress: (done, total, result) => parentPort?.postMessage({ progress: { done, total, result } }),
  });
  parentPort?.postMessage({ results });
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
