import { isBlankChar } from './blank-char.js';
import { memoryFrom } from './memory-fields.js';
import { parseSize } from './parse-size.js';
import type { ActiveUnits, ByteSize, Memory, MemoryDetail } from './types.js';

const PAIRS = { ip: [' in, ', ' out'], io: [' read, ', ' written'] } as const;

/** `0B in, 0B out` (IP) or `1.2M read, 0B written` (IO): the two sizes, `null` when malformed. */
export function parsePair(value: string, kind: keyof typeof PAIRS): [ByteSize, ByteSize] | null {
  // What `^(\S+) in, (\S+) out$` matches, scanned in place: no match array for every unit.
  const [middle, tail] = PAIRS[kind];
  const firstEnd = blankAt(value, 0);
  if (firstEnd === 0 || !value.startsWith(middle, firstEnd)) return null;
  const secondStart = firstEnd + middle.length;
  const secondEnd = blankAt(value, secondStart);
  if (secondEnd === secondStart || secondEnd + tail.length !== value.length || !value.startsWith(tail, secondEnd)) return null;
  return [parseSize(value.slice(0, firstEnd)), parseSize(value.slice(secondStart, secondEnd))];
}

/** The index of the first blank (`\s`) character at or after `from`, or the length. */
function blankAt(value: string, from: number): number {
  let i = from;
  while (i < value.length && !isBlankChar(value.charCodeAt(i))) i++;
  return i;
}

/** `10 (limit: 2313)` (Tasks, FD Store): the count and optional limit. */
export function parseCount(value: string): { count: number | null; limit: number | null } {
  const m = /^(\d{1,15})(?: \(limit: (\d{1,15})\))?/.exec(value);
  return { count: m ? Number(m[1]) : null, limit: m?.[2] !== undefined ? Number(m[2]) : null };
}

/**
 * `221.3M (high: 1G max: 2G available: 800M)`; items are separated by a space up to v256 and by
 * `, ` in v257, and labels may have several words (`swap max`, `high (startup)`), so items are
 * recognized by the token ending in `:`. Returns the memory and whether the details were cut.
 */
export function parseMemory(value: string): { memory: Memory; open: boolean } {
  const space = value.indexOf(' ');
  const size = parseSize(space < 0 ? value : value.slice(0, space));
  const details: MemoryDetail[] = [];
  if (space < 0) return { memory: memoryFrom(size, details), open: false };
  const rest = value.slice(space + 1);
  // v255 prints ` ()` when MemoryAvailable is known but no limit is set (the condition tests
  // memory_available, the body only prints it with a high/max limit): no details, not a cut.
  if (!rest.startsWith('(')) return { memory: memoryFrom(size, details), open: false };
  const closed = rest.endsWith(')');
  const inner = rest.slice(1, closed ? -1 : undefined);
  // Tokens are separated by ` ` or `, ` (what `split(/,? /)` would give), read in place rather
  // than through an array of tokens and one of label words: this runs for every unit.
  let label: string | null = null;
  let expectValue = false;
  for (let start = 0; start <= inner.length;) {
    const space = inner.indexOf(' ', start);
    const separator = space < 0 ? inner.length : space;
    const end = space >= 0 && separator > start && inner.charCodeAt(separator - 1) === 44 ? separator - 1 : separator;
    const next = separator + 1;
    if (end > start) {
      if (expectValue) {
        const size = parseSize(inner.slice(start, end));
        const detail: MemoryDetail = { name: label ?? '', raw: size.raw, bytes: size.bytes };
        details.push(detail);
        label = null;
        expectValue = false;
      } else {
        const colon = inner.charCodeAt(end - 1) === 58;
        const word = inner.slice(start, colon ? end - 1 : end);
        label = label === null ? word : `${label} ${word}`;
        expectValue = colon;
      }
    }
    start = next;
  }
  // A cut right after a label leaves a detail with no value; keep it so the cut is visible.
  if (expectValue || label !== null) details.push({ name: label ?? '', raw: '', bytes: null });
  return { memory: memoryFrom(size, details), open: !closed };
}

/** `5.4M (swap: 1M)` (Mem peak, v256+; the swap part only once the swap peak is non-zero). */
export function parseMemPeak(value: string): { peak: ByteSize; swap: ByteSize | null } {
  const m = /^(\S+)(?: \(swap: (\S+?)\)?)?$/.exec(value);
  if (!m) return { peak: parseSize(value), swap: null };
  return { peak: parseSize(m[1] as string), swap: m[2] !== undefined ? parseSize(m[2]) : null };
}

const ACTIVE_UNIT_LIMITS = { 'soft limit': 'softLimit', 'hard limit': 'hardLimit', 'activating limit': 'activatingLimit' } as const;

/**
 * `3 (soft limit: 2; hard limit: 4)` (slices, `Act. Units:`, v258+): the number of active units
 * and the slice's concurrency limits. From print_status_info() in src/systemctl/systemctl-show.c:
 * `" Act. Units: %u"`, then, when a limit is set, ` (` + the set ones of `soft limit: %u` (only
 * when below the hard limit), `hard limit: %u` joined by `; ` + `)`
 * (external-mirrors/pmos-systemd@a04e96ccd841f255640b7afbad66f6a1352ce769); a later development
 * state adds `activating limit: %u` (malik05051/systemd-arab-edition@bc2081ef3c5a4fae304523ed8fd6566087207eab).
 */
export function parseActiveUnits(value: string): ActiveUnits {
  const units: ActiveUnits = { count: null, softLimit: null, hardLimit: null, activatingLimit: null };
  const m = /^(\d{1,15})(?: \((.*?)\)?)?$/.exec(value);
  if (!m) return units;
  units.count = Number(m[1]);
  for (const part of (m[2] ?? '').split('; ')) {
    const colon = part.indexOf(': ');
    const field = ACTIVE_UNIT_LIMITS[part.slice(0, colon) as keyof typeof ACTIVE_UNIT_LIMITS];
    const number = part.slice(colon + 2);
    if (colon > 0 && field !== undefined && /^\d{1,15}$/.test(number)) units[field] = Number(number);
  }
  return units;
}
