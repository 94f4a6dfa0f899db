// Microseconds per unit, as systemd's format_timespan() counts them (a month is 30.44 days).
const UNIT_US: ReadonlyMap<string, number> = new Map([
  ['y', 31_557_600e6], ['month', 2_629_800e6], ['w', 604_800e6], ['d', 86_400e6], ['h', 3_600e6],
  ['min', 60e6], ['s', 1e6], ['ms', 1e3], ['us', 1], ['μs', 1], ['µs', 1],
]);

/**
 * Converts a systemd time span (`10.058s`, `2min 9.180s`, `4d 1h 25min 27.102s`, `0`) to
 * milliseconds; `null` when any part is not a span (for example a line cut in the middle).
 */
export function parseTimespanMs(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  // Parts are read in place (one per run of spaces), not through `split` and a regex match per
  // part: `CPU:` is on every unit.
  let us = 0;
  let start = 0;
  for (;;) {
    const space = trimmed.indexOf(' ', start);
    const end = space < 0 ? trimmed.length : space;
    const part = partUs(trimmed, start, end);
    if (part === null) return null;
    us += part;
    if (space < 0) break;
    start = space + 1;
    while (trimmed.charCodeAt(start) === 32) start++;
  }
  return Math.round(us) / 1000;
}

/** `2min`, `9.180s`: microseconds, or `null` unless `\d{1,15}(\.\d{1,9})?` and a known unit of 1–5 letters. */
function partUs(text: string, start: number, end: number): number | null {
  let i = start;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === start || i - start > 15) return null;
  if (text.charCodeAt(i) === 46 && i < end) {
    const fraction = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === fraction || i - fraction > 9) return null;
  }
  if (end - i < 1 || end - i > 5) return null;
  for (let k = i; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || c === 0x3bc || c === 0xb5)) return null;
  }
  const unit = UNIT_US.get(text.slice(i, end));
  return unit === undefined ? null : Number(text.slice(start, i)) * unit;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
