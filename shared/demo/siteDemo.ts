import type { RepoContext } from '../repos/context.ts';
import { writeTransaction } from '../repos/writer.ts';
import { cachingWriter } from './cachingWriter.ts';
import { loadDemoDataIn, type DemoProgress } from './demoData.ts';
import { loadWorkshopsDemoIn } from './workshops.ts';

/** The demo never reads the change log back: its rows are appended in bulk at the end. */
const LOG_AT_END = { logAtEnd: true };

/**
 * What "Charger des données de démonstration" loads at first run: the TIG follow-up, then workshops,
 * training and partnerships on top of it, in ONE transaction, so a failure leaves the database empty and
 * the user can try again.
 */
export async function loadSiteDemo(ctx: RepoContext, options: { seed: number; onProgress?: (progress: DemoProgress) => void }): Promise<void> {
  const { seed, onProgress } = options;
  const total = 6;
  await writeTransaction(
    ctx,
    async (transaction) => {
      const w = cachingWriter(transaction);
      await loadDemoDataIn(w, { seed, onProgress: (p) => onProgress?.({ step: p.step, done: p.done, total }) });
      await loadWorkshopsDemoIn(w, { seed, onProgress: (p) => onProgress?.({ step: p.step, done: 3 + p.done, total }) });
    },
    LOG_AT_END,
  );
  onProgress?.({ step: 'Terminé', done: total, total });
}
