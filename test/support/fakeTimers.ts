/**
 * Timers a test drives by hand: nothing fires until `fireIntervals` or `fireTimeouts`, so a "minute" passes
 * when the test says so, without waiting.
 */
export function fakeTimers() {
  let next = 1;
  const intervals = new Map<number, { fn: () => void; ms: number }>();
  const timeouts = new Map<number, { fn: () => void; ms: number }>();
  return {
    intervals,
    timeouts,
    setInterval(fn: () => void, ms: number): unknown {
      intervals.set(next, { fn, ms });
      return next++;
    },
    clearInterval(handle: unknown): void {
      intervals.delete(handle as number);
    },
    setTimeout(fn: () => void, ms: number): unknown {
      timeouts.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(handle: unknown): void {
      timeouts.delete(handle as number);
    },
    /** Run every interval callback once: one period has passed. */
    fireIntervals(): void {
      for (const { fn } of [...intervals.values()]) fn();
    },
    /** Run (and forget) every pending timeout: their delay has passed. */
    fireTimeouts(): void {
      const due = [...timeouts.entries()];
      for (const [id] of due) timeouts.delete(id);
      for (const [, { fn }] of due) fn();
    },
  };
}
