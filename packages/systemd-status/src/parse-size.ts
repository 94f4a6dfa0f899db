import type { ByteSize } from './types.js';

const SUFFIX = 'BKMGTPE';

/**
 * Parses systemd's base-1024 sizes (`221.3M`, `4M`, `512B`, `0B`) into bytes, rounded to whole
 * bytes because the printed value has one decimal at most. `infinity` and garbage give `null`.
 */
export function parseSize(raw: string): ByteSize {
  // Accepts what `^(\d{1,20}(?:\.\d{1,6})?)([BKMGTPE])$` would, scanned by character code
  // because this runs several times for every unit and a regex match allocates its captures.
  const last = raw.length - 1;
  const power = last > 0 ? SUFFIX.indexOf(raw[last] as string) : -1;
  if (power < 0) return { raw, bytes: null };
  let i = 0;
  while (i < last && isDigit(raw.charCodeAt(i))) i++;
  if (i === 0 || i > 20) return { raw, bytes: null };
  if (i < last) {
    if (raw.charCodeAt(i) !== 46) return { raw, bytes: null };
    const fraction = ++i;
    while (i < last && isDigit(raw.charCodeAt(i))) i++;
    if (i !== last || i === fraction || i - fraction > 6) return { raw, bytes: null };
  }
  const bytes = Math.round(Number(raw.slice(0, last)) * 1024 ** power);
  return { raw, bytes: Number.isFinite(bytes) ? bytes : null };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
