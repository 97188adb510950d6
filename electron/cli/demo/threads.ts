import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BundleHeader } from '../../../shared/sync/bundle.ts';
import type { DemoOptions } from './simulate.ts';

/** What the threads need of the options: plain data, and the folder they write the bundles into. */
export type ThreadedDemoOptions = Omit<DemoOptions, 'files' | 'onBundle'> & {
  out: string;
  /** How many sites are simulated at once; the machine's cores by default. */
  threads?: number;
  onBundle?: (bundle: { fileName: string; header: BundleHeader }) => void;
};

/** A message from a site thread. */
export type SiteThreadMessage =
  { kind: 'bundle'; bundle: { fileName: string; header: BundleHeader } } | { kind: 'done'; index: number } | { kind: 'failed'; index: number; message: string };

/**
 * `simulateDemoSites` on every core: each thread simulates one site after the other, taking the next site
 * index when it finishes one, and writes its bundles into `out`. A site's records depend on its index and
 * the seed only, so the bundles are the same as on one thread (their ids and encryption apart); they are
 * returned sorted by site, then sequence.
 */
export async function simulateInThreads(options: ThreadedDemoOptions): Promise<{ fileName: string; header: BundleHeader }[]> {
  const { onBundle, threads = availableParallelism(), ...data } = options;
  const bundles: { fileName: string; header: BundleHeader }[] = [];
  let next = 1;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(threads, options.sites)) }, () => {
        const worker = new Worker(new URL('./siteThread.ts', import.meta.url), { workerData: data });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          const give = () => {
            if (next > options.sites) {
              resolve();
              return;
            }
            worker.postMessage(next++);
          };
          worker.on('message', (message: SiteThreadMessage) => {
            if (message.kind === 'bundle') {
              bundles.push(message.bundle);
              onBundle?.(message.bundle);
            } else if (message.kind === 'done') give();
            else reject(new Error(`Site ${message.index} : ${message.message}`));
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`Un fil de simulation s’est arrêté (code ${code}).`));
          });
          give();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return bundles.sort((a, b) => a.header.siteCode.localeCompare(b.header.siteCode) || a.header.sequence - b.header.sequence);
}
