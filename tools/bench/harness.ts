/**
 * The shared benchmark harness. Every package's bench file measures its workload against an
 * in-process baseline with `compare()` and prints the result with `report()`;
 * `tools/bench/run-all.js` runs each bench file in three fresh processes and writes BENCHMARKS.md.
 *
 * Why pairs: on a machine shared with other work, the speed of the whole machine changes from one
 * second to the next, so two medians taken a few seconds apart (ours first, then the baseline)
 * can differ by 2× for no reason in the code. Here the baseline and ours run interleaved — one
 * call of each, back to back, the order alternating so neither always gets the warm cache — and
 * each pair gives one ratio. A slow second slows both halves of a pair and cancels out of the
 * ratio. The report is the median of those ratios with its 25th–75th percentile range, and a
 * target counts as met only when the pessimistic quartile meets it.
 */

/** The spread of one figure over the pairs: the median and the 25th and 75th percentiles. */
export interface Spread {
  p25: number;
  median: number;
  p75: number;
}

/** A goal for one figure of a report. `atLeast` for speed ratios and MB/s, `atMost` for scaling. */
export interface Target {
  metric: 'speedRatio' | 'mbPerSecond' | 'scaling10x';
  atLeast?: number;
  atMost?: number;
}

export interface BenchReport {
  /** Package name, e.g. `@nixkit/nix-expr`. */
  package: string;
  /** What was measured, in words: "print a 5 MB data tree". */
  workload: string;
  /** Input size in bytes, for throughput. */
  inputBytes: number;
  /** Milliseconds per call of ours and of the baseline, over the pairs. */
  oursMs: Spread;
  baselineName: string;
  baselineMs: Spread;
  /** Per-pair baseline time / our time: > 1 means faster than the baseline. */
  speedRatio: Spread;
  /** Per-pair throughput in MB/s (input bytes / our time). */
  mbPerSecond: Spread;
  /** Per-pair time at 10x input divided by time at 1x input (10 is linear); absent when skipped. */
  scaling10x?: Spread;
  /** Peak RSS growth in MB while running the workload once. */
  peakMemoryMb: number;
  /** Number of timed pairs (after warm-up). */
  pairs: number;
  targets: Target[];
  /** Anything else worth printing (secondary figures). */
  notes?: string[];
}

/** Fewest timed pairs per comparison; fewer cannot give a stable quartile. */
export const MIN_PAIRS = 15;
const WARM_UP_PAIRS = 3;
/**
 * Pairs of (1x, 10x) calls for the scaling figure. The 10x input costs eleven times a pair, so
 * run-all.js measures it in the first process only (NIXKIT_BENCH_SCALING=0 in the others).
 */
const SCALING_PAIRS = 3;

/** Milliseconds one call of `fn` takes. */
export function timeMs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The value at fraction `q` (0..1) of the sorted values, interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { p25: round(quantile(sorted, 0.25), 3), median: round(quantile(sorted, 0.5), 3), p75: round(quantile(sorted, 0.75), 3) };
}

/** Median wall time in ms of `runs` calls of `fn` after one warm-up call (secondary figures only). */
export function medianMs(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timeMs(fn));
  return spread(times).median;
}

/**
 * Runs `a` and `b` interleaved: `warmUp` untimed pairs, then `pairs` timed ones, alternating
 * which of the two goes first. Returns the per-pair times.
 */
export function interleave(a: () => unknown, b: () => unknown, pairs: number, warmUp = WARM_UP_PAIRS): { a: number[]; b: number[] } {
  for (let i = 0; i < warmUp; i++) {
    a();
    b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      timesA.push(timeMs(a));
      timesB.push(timeMs(b));
    } else {
      timesB.push(timeMs(b));
      timesA.push(timeMs(a));
    }
  }
  return { a: timesA, b: timesB };
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
 * Measures `ours` against `baseline` on the 1x input in interleaved pairs, and `ours` on the 1x
 * against the 10x input for scaling, and returns the report. `make(scale)` builds the input for
 * a scale factor; it is not timed. `runs` asks for more pairs than the minimum, never fewer.
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
  targets?: Target[];
  notes?: string[];
}): BenchReport {
  const pairs = Math.max(MIN_PAIRS, options.runs ?? 0);
  const input = options.make(1);
  const inputBytes = options.sizeOf(input);
  const { a: ours, b: baseline } = interleave(() => options.ours(input), () => options.baseline(input), pairs);
  const peak = peakMemoryMb(() => options.ours(input));
  let scaling10x: Spread | undefined;
  if (process.env['NIXKIT_BENCH_SCALING'] !== '0') {
    const big = options.make(10);
    const scaling = interleave(() => options.ours(input), () => options.ours(big), SCALING_PAIRS, 1);
    scaling10x = spread(scaling.a.map((t, i) => scaling.b[i]! / t));
  }
  return {
    package: options.package,
    workload: options.workload,
    inputBytes,
    oursMs: spread(ours),
    baselineName: options.baselineName,
    baselineMs: spread(baseline),
    speedRatio: spread(ours.map((t, i) => baseline[i]! / t)),
    mbPerSecond: spread(ours.map((t) => inputBytes / 1e6 / (t / 1000))),
    ...(scaling10x ? { scaling10x } : {}),
    peakMemoryMb: peak,
    pairs,
    targets: options.targets ?? [],
    ...(options.notes ? { notes: options.notes } : {}),
  };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The quartile a target is judged on: the pessimistic end of the range. */
export function judge(target: Target, figure: Spread): { met: boolean; value: number; text: string } {
  if (target.atLeast !== undefined) {
    return { met: figure.p25 >= target.atLeast, value: figure.p25, text: `${target.metric} >= ${target.atLeast} (25th percentile ${figure.p25})` };
  }
  const limit = target.atMost ?? Number.POSITIVE_INFINITY;
  return { met: figure.p75 <= limit, value: figure.p75, text: `${target.metric} <= ${limit} (75th percentile ${figure.p75})` };
}

const range = (s: Spread, unit = ''): string => `${s.median}${unit} [${s.p25}–${s.p75}]`;

/** Prints a report for people and one `BENCH_RESULT {json}` line for run-all.js. */
export function report(result: BenchReport): void {
  console.log(
    `${result.package}: ${result.workload}: ${range(result.oursMs, ' ms')}, ${result.baselineName} ${range(result.baselineMs, ' ms')}, ` +
      `ratio ${range(result.speedRatio)}, ${range(result.mbPerSecond, ' MB/s')}, ` +
      `10x input ${result.scaling10x ? `${range(result.scaling10x, 'x')} time` : 'not measured'}, ` +
      `peak +${result.peakMemoryMb} MB (${result.pairs} pairs)`,
  );
  for (const target of result.targets) {
    const figure = result[target.metric];
    if (!figure) continue;
    const verdict = judge(target, figure);
    console.log(`  target ${verdict.text}: ${verdict.met ? 'met' : 'missed'}`);
  }
  for (const note of result.notes ?? []) console.log(`  ${note}`);
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
