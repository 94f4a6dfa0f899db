import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Helpers for robustness suites: they check that work grows linearly with the input by counting
// work units (never by timing, which a shared CI machine makes meaningless), and that memory
// stays within a bound, measured as a heap delta.

/** The scales every pathological shape is generated at. */
export const SCALES = [1, 2, 4, 8] as const;

/**
 * Calls `cost(scale)` for each of `SCALES` and throws, with the whole table, unless the cost at
 * 8× is at most `8 * slack` times the cost at 1× and no doubling costs more than `2 * slack`.
 * A quadratic algorithm multiplies by 64 over the range, so a slack of 1.3 separates it clearly
 * from an O(n log n) sort (about 1.1–1.2 per doubling at these sizes).
 */
export function assertLinearGrowth(name: string, cost: (scale: number) => number, slack = 1.3): number[] {
  const costs = SCALES.map((scale) => cost(scale));
  const table = SCALES.map((scale, i) => `${scale}×: ${costs[i]}`).join(', ');
  if (costs[0]! <= 0) throw new Error(`${name}: no work was counted at 1× (${table}); the counter is not wired`);
  for (let i = 1; i < costs.length; i++) {
    if (costs[i]! > costs[i - 1]! * 2 * slack) throw new Error(`${name}: cost more than doubled (×${(costs[i]! / costs[i - 1]!).toFixed(2)}) when the input doubled: ${table}`);
  }
  if (costs[3]! > costs[0]! * 8 * slack) throw new Error(`${name}: cost grew ×${(costs[3]! / costs[0]!).toFixed(2)} for 8× the input: ${table}`);
  return costs;
}

let collect: (() => void) | undefined;

/** A full garbage collection (V8's `gc`, enabled at run time so tests need no node flag). */
export function collectGarbage(): void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/**
 * Runs `work` after a full collection and returns how much the heap (plus external memory such
 * as buffers) grew while the result is still held. Garbage not yet collected counts too, so the
 * figure is an upper bound on what the call retained, and a lower bound on its peak.
 */
export function heapGrowth<T>(work: () => T): { bytes: number; result: T } {
  collectGarbage();
  const before = process.memoryUsage();
  const result = work();
  const after = process.memoryUsage();
  return { bytes: after.heapUsed + after.external - (before.heapUsed + before.external), result };
}

/**
 * Wraps `value` (deeply, lazily) so that every property read, `in` check and key listing adds
 * one to `counter.reads`: a count of how often a function looks at its input, which grows
 * quadratically when it rescans the input per item.
 */
export function countingProxy<T>(value: T, counter: { reads: number }): T {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      counter.reads++;
      return countingProxy(Reflect.get(target, key, receiver), counter);
    },
    has(target, key) {
      counter.reads++;
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      counter.reads++;
      return Reflect.ownKeys(target);
    },
  }) as T;
}
