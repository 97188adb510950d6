/** A benchmark result row: what was measured, on how much data, and the figure with its target. */
export interface BenchResult {
  name: string;
  size: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "< 200 ms". */
  target?: string;
  /** Whether the figure meets the target (undefined when there is no target). */
  ok?: boolean;
}

export interface Bench {
  title: string;
  run(): Promise<BenchResult[]>;
}

/** Milliseconds taken by `fn` (best of `repeat` runs, so a stray GC pause does not decide). */
export async function timeMs(fn: () => Promise<unknown> | unknown, repeat = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return Math.round(best * 10) / 10;
}

export function heapMb(): number {
  globalThis.gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

export function under(value: number, limit: number, unit: string): Pick<BenchResult, 'target' | 'ok'> {
  return { target: `< ${limit} ${unit}`, ok: value < limit };
}
