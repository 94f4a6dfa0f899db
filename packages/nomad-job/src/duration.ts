import { fail, type Path } from './shape.js';

// Go's time.ParseDuration and time.Duration.String, which jobspec2 uses for every duration
// (jobspec2/hcl_conversions.go decodeDuration, hashicorp/nomad@aa026cc99cfb74a77e519a1c1f0c78ba1b452705).

const UNIT_NS: Readonly<Record<string, bigint>> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const MAX_NS = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Go duration text (`1h30m`, `1.5s`, `250ms`, `0`) to integer nanoseconds, or `undefined` when
 * the text is not one. Negative durations are refused: no Nomad duration field accepts them.
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '' || text.length > 100) return undefined;
  const part = /([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0n;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const match = part.exec(text);
    if (match === null) return undefined;
    const whole = match[1] ?? '';
    const fraction = match[2] ?? '';
    if (whole === '' && fraction === '') return undefined;
    const unit = UNIT_NS[match[3] as string] as bigint;
    total += BigInt(whole === '' ? '0' : whole) * unit;
    if (fraction !== '') {
      // Go truncates the fractional nanoseconds.
      total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    }
    if (total > MAX_NS) return undefined;
    index = part.lastIndex;
  }
  return Number(total);
}

/** Integer nanoseconds as Go's `time.Duration.String()` writes them: `1h30m0s`, `1.5s`, `250ms`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  let n = BigInt(ns);
  if (n < 1_000_000_000n) {
    // Below a second Go picks one unit and a decimal fraction.
    const [unit, size] = n < 1000n ? ['ns', 1n] : n < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    return `${decimal(n, size)}${unit}`;
  }
  const hours = n / 3_600_000_000_000n;
  n -= hours * 3_600_000_000_000n;
  const minutes = n / 60_000_000_000n;
  n -= minutes * 60_000_000_000n;
  const seconds = `${decimal(n, 1_000_000_000n)}s`;
  if (hours > 0n) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0n) return `${minutes}m${seconds}`;
  return seconds;
}

function decimal(value: bigint, size: bigint): string {
  const whole = value / size;
  const rest = value % size;
  if (rest === 0n) return String(whole);
  const digits = String(size).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** A model duration (integer nanoseconds or Go text) as integer nanoseconds. */
export function expectDuration(value: unknown, path: Path): number {
  const accepted = 'integer nanoseconds ≥ 0 or Go duration text such as "30s", "1m30s", "1.5s"';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) fail(path, value, `${Number.isNaN(value) ? 'NaN' : value} is not a duration`, accepted);
    return value;
  }
  if (typeof value === 'string') {
    const ns = parseGoDuration(value);
    if (ns === undefined) fail(path, value, `"${value}" is not a duration`, accepted);
    return ns;
  }
  return fail(path, value, `must be a duration, got ${typeof value}`, accepted);
}
