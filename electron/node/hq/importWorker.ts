import { parentPort, workerData } from 'node:worker_threads';
import { SyncError } from '../../../shared/errors.ts';
import { osReason } from '../osErrors.ts';
import { importBundleFiles, type ImportWorkerData, type ImportWorkerMessage } from './import.ts';

/**
 * Worker-thread entry of the headquarters import, so a long import never blocks the thread that started it:
 * `new Worker(url, { workerData })` with an `ImportWorkerData`, which posts `ImportWorkerMessage`s: progress
 * after each file, then the per-file results, or an error. The keyring comes from the caller when the keys are
 * not files of the folder (the desktop app keeps them protected by the operating system).
 */
const { dir, inputs, keyring }: ImportWorkerData = workerData;
const post = (message: ImportWorkerMessage) => parentPort?.postMessage(message);
try {
  const results = await importBundleFiles(dir, inputs, {
    ...(keyring ? { keyring } : {}),
    onProgress: (done, total, result) => post({ progress: { done, total, result } }),
  });
  post({ results });
} catch (error) {
  post({ error: error instanceof SyncError ? error.message : osReason(error) });
}
