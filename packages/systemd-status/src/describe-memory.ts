import type { ByteSize, Memory } from './types.js';

/** A peak at or above this share of the tightest limit is reported as near the limit. */
const NEAR_LIMIT = 0.9;

/**
 * `memory 1.9G (peak 2G of max 2G, 100%)` for `summarize`: the current size, the peak when
 * systemd printed one (v255+), and how close the peak came to the tightest of `max`, `high` and
 * cgroup v1's `limit` when it came within 10% — the sign that the unit is about to be throttled
 * (`high`) or OOM-killed (`max`). Works on units read back from JSON, whose typed fields may be
 * missing when they were written by an older version.
 */
export function describeMemory(memory: Memory): string {
  const peak = memory.peak ?? null;
  const tightest = tightestLimit(memory);
  if (peak === null || peak.bytes === null) return `memory ${memory.raw}`;
  if (tightest !== null && peak.bytes >= tightest.size.bytes * NEAR_LIMIT) {
    const percent = Math.round((peak.bytes / tightest.size.bytes) * 100);
    return `memory ${memory.raw} (peak ${peak.raw} near ${tightest.name} ${tightest.size.raw}, ${percent}%)`;
  }
  return `memory ${memory.raw} (peak ${peak.raw})`;
}

function tightestLimit(memory: Memory): { name: string; size: ByteSize & { bytes: number } } | null {
  let best: { name: string; size: ByteSize & { bytes: number } } | null = null;
  for (const name of ['max', 'high', 'limit'] as const) {
    const size = memory[name] ?? null;
    if (size !== null && size.bytes !== null && size.bytes > 0 && (best === null || size.bytes < best.size.bytes)) {
      best = { name, size: { raw: size.raw, bytes: size.bytes } };
    }
  }
  return best;
}
