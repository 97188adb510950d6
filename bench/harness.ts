/** Several runs of one measure: the median is the figure held to the target, min and max show the spread. */
export interface Runs {
  min: number;
  median: number;
  max: number;
  count: number;
}

/** A benchmark result row: what was measured, on how much data, and the figure with its target. */
export interface BenchResult {
  name: string;
  size: string;
  /** The figure compared with the target: the median of the runs, or a single reading (a size, a peak). */
  value: number;
  unit: string;
  /** Every run's figure, when the measure was repeated. */
  runs?: Runs;
  /** Human-readable target, e.g. "≤ 200 ms". */
  target?: string;
  /** Whether the figure meets the target (undefined when there is no target). */
  ok?: boolean;
}

export interface Bench {
  title: string;
  /** What the runner should say above the table: how the figures were taken, what they check. */
  notes?: string[];
  run(): Promise<BenchResult[]>;
}

/** Every bench repeats its measures at least this many times (BENCH_RUNS raises it). */
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));

export function runsOf(values: readonly number[]): Runs {
  if (values.length === 0) throw new Error('no run');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: round(sorted[0]!), median: round(median), max: round(sorted[sorted.length - 1]!), count: values.length };
}

export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

/** Milliseconds of each of `count` runs of `fn`. */
export async function timeRuns(fn: () => Promise<unknown> | unknown, count = RUNS): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

/** A row from repeated readings, its median held to `target` (`at most`, or `at least` for a rate). */
export function row(name: string, size: string, values: readonly number[], unit: string, target?: { atMost: number } | { atLeast: number }): BenchResult {
  const runs = runsOf(values);
  return { name, size, value: runs.median, unit, runs, ...(target ? goal(runs.median, unit, target) : {}) };
}

export function goal(value: number, unit: string, target: { atMost: number } | { atLeast: number }): Pick<BenchResult, 'target' | 'ok'> {
  return 'atMost' in target
    ? { target: `≤ ${target.atMost.toLocaleString('en')} ${unit}`, ok: value <= target.atMost }
    : { target: `≥ ${target.atLeast.toLocaleString('en')} ${unit}`, ok: value >= target.atLeast };
}

export function heapMb(): number {
  globalThis.gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

/** Fails the bench when a fast figure came from a wrong answer. */
export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`Résultat faux : ${what}`);
}
