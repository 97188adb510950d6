let queue: Promise<unknown> = Promise.resolve();

/** Backups of this page run one after the other (a daily one and one a person asked for share the Node side). */
export function oneBackupAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}
