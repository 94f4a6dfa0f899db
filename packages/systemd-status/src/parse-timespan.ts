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
  const parts = text.trim().split(/ +/);
  if (parts.length === 1 && parts[0] === '0') return 0;
  let us = 0;
  for (const part of parts) {
    const m = /^(\d{1,15}(?:\.\d{1,9})?)([a-zμµ]{1,5})$/.exec(part);
    const unit = m ? UNIT_US.get(m[2] as string) : undefined;
    if (!m || unit === undefined) return null;
    us += Number(m[1]) * unit;
  }
  return Math.round(us) / 1000;
}
