import type { ByteSize, Memory, MemoryDetail } from './types.js';

/**
 * The labels of the `Memory:` line (and the `Memory*` properties of `systemctl show`) that get
 * a typed field of their own, so callers need not search `details` by name. Labels come from
 * `print_status_info()` in src/systemctl/systemctl-show.c: `peak`, `swap`, `swap peak` and
 * `zswap` since v255 (enr0n/systemd@041ce0c1b849c5da361230689a240b26f6417d5f), `available`
 * since v249 (only with a high/max limit since v255), `high`, `max`, `limit` before that.
 */
const TYPED = {
  peak: 'peak', swap: 'swap', 'swap peak': 'swapPeak', zswap: 'zswap',
  available: 'available', high: 'high', max: 'max', limit: 'limit',
} as const;

/** Builds a `Memory` from its current size and details, filling the typed fields from the details. */
export function memoryFrom(size: ByteSize, details: MemoryDetail[]): Memory {
  const memory: Memory = {
    raw: size.raw, bytes: size.bytes, details,
    peak: null, swap: null, swapPeak: null, zswap: null, available: null, high: null, max: null, limit: null,
  };
  for (const detail of details) {
    const field = TYPED[detail.name as keyof typeof TYPED];
    // A cut line leaves a detail without a value (`raw: ''`); it is listed in `truncated`, not typed.
    if (field !== undefined && memory[field] === null && detail.raw !== '') memory[field] = { raw: detail.raw, bytes: detail.bytes };
  }
  return memory;
}
