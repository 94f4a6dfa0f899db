const UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/**
 * Converts `30s`, `1m30s`, `500ms` (Go duration syntax without fractions) or integer
 * nanoseconds to integer nanoseconds, the unit of the image config's `Healthcheck`. Returns
 * `undefined` for anything else.
 */
export function durationToNanoseconds(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value === '' || value.length > 64) return undefined;
  let total = 0;
  const pattern = /([0-9]+)(ns|us|µs|ms|s|m|h)/y;
  let index = 0;
  while (index < value.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(value);
    if (match === null) return undefined;
    total += Number(match[1]) * (UNITS[match[2] as string] as number);
    index = pattern.lastIndex;
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

