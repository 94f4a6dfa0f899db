/**
 * The shared benchmark harness. Every package's `bench/index.ts` measures its workload against an
 * in-process baseline with `compare()` and reports through `report()`; `tools/bench/run-all.js`
 * collects those reports into BENCHMARKS.md. Figures are medians of several runs, and speed is
 * always a ratio to the baseline measured in the same process, so machine noise cancels out.
 */

export interface BenchReport {
  /** Package name, e.g. `@nixkit/nix-expr`. */
  package: string;
  /** What was measured, in words: "print a 5 MB data tree". */
  workload: string;
  /** Input size in bytes, for throughput. */
  inputBytes: number;
  /** Median milliseconds for our operation and for the baseline. */
  medianMs: number;
  baselineName: string;
  baselineMedianMs: number;
  /** ours / baseline speed: > 1 means faster than the baseline. */
  speedRatio: number;
  /** Throughput in MB/s (input bytes / median time). */
  mbPerSecond: number;
  /** Median time at 10x input divided by median time at 1x input (10 is linear). */
  scaling10x: number;
  /** Peak RSS growth in MB while running the workload once. */
  peakMemoryMb: number;
  runs: number;
  /** Anything else worth printing (targets, secondary figures). */
  notes?: string[];
}

/** Median wall time in ms of `runs` calls of `fn` after one warm-up call. */
export function medianMs(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** RSS growth in MB during one call of `fn` (after a GC when node runs with --expose-gc). */
export function peakMemoryMb(fn: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  fn();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return Math.round(((peak - before) / 1e6) * 10) / 10;
}

/**
 * Measures `ours` and `baseline` on the 1x input and `ours` on the 10x input, and returns the
 * report. `make(scale)` builds the input for a scale factor; it is not timed.
 */
export function compare<T>(options: {
  package: string;
  workload: string;
  make: (scale: number) => T;
  sizeOf: (input: T) => number;
  ours: (input: T) => unknown;
  baselineName: string;
  baseline: (input: T) => unknown;
  runs?: number;
  notes?: string[];
}): BenchReport {
  const runs = options.runs ?? 5;
  const input = options.make(1);
  const inputBytes = options.sizeOf(input);
  const ours = medianMs(() => options.ours(input), runs);
  const baseline = medianMs(() => options.baseline(input), runs);
  const peak = peakMemoryMb(() => options.ours(input));
  const big = options.make(10);
  const oursBig = medianMs(() => options.ours(big), Math.max(3, Math.floor(runs / 2)));
  return {
    package: options.package,
    workload: options.workload,
    inputBytes,
    medianMs: round(ours),
    baselineName: options.baselineName,
    baselineMedianMs: round(baseline),
    speedRatio: round(baseline / ours, 3),
    mbPerSecond: round(inputBytes / 1e6 / (ours / 1000)),
    scaling10x: round(oursBig / ours),
    peakMemoryMb: peak,
    runs,
    ...(options.notes ? { notes: options.notes } : {}),
  };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Prints a report for people and one `BENCH_RESULT {json}` line for run-all.js. */
export function report(result: BenchReport): void {
  console.log(
    `${result.package}: ${result.workload}: ${result.medianMs} ms (${result.mbPerSecond} MB/s), ` +
      `${result.baselineName} ${result.baselineMedianMs} ms, ratio ${result.speedRatio}, ` +
      `10x input ${result.scaling10x}x time, peak +${result.peakMemoryMb} MB`,
  );
  for (const note of result.notes ?? []) console.log(`  ${note}`);
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
