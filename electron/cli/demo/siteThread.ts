import { parentPort, workerData } from 'node:worker_threads';
import { nodeFileStore } from '../../node/fileStore.ts';
import { simulateSite } from './simulate.ts';
import type { SiteThreadMessage, ThreadedDemoOptions } from './threads.ts';

/**
 * A thread of `simulateInThreads`: simulates each site index it is sent, posting every bundle written, then
 * `done` (or `failed`), and waits for the next one.
 */
// fake-indexeddb signals a record without a value for an index by throwing (and catching) a DOMException,
// tens of thousands of times per site: without a stack trace to capture, that costs a tenth less time. Errors
// leave the thread as their message only.
Error.stackTraceLimit = 0;
const options = workerData as Omit<ThreadedDemoOptions, 'onBundle' | 'threads'>;
const files = nodeFileStore(options.out);
const post = (message: SiteThreadMessage) => parentPort!.postMessage(message);

parentPort!.on('message', async (index: number) => {
  try {
    await simulateSite(index, { ...options, files, onBundle: (bundle) => post({ kind: 'bundle', bundle }) });
    post({ kind: 'done', index });
  } catch (error) {
    post({ kind: 'failed', index, message: (error as Error).message });
  }
});
