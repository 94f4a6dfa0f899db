import type { ByteSize } from './types.js';

const SUFFIX = 'BKMGTPE';

/**
 * Parses systemd's base-1024 sizes (`221.3M`, `4M`, `512B`, `0B`) into bytes, rounded to whole
 * bytes because the printed value has one decimal at most. `infinity` and garbage give `null`.
 */
export function parseSize(raw: string): ByteSize {
  const m = /^(\d{1,20}(?:\.\d{1,6})?)([BKMGTPE])$/.exec(raw);
  if (!m) return { raw, bytes: null };
  const bytes = Math.round(Number(m[1]) * 1024 ** SUFFIX.indexOf(m[2] as string));
  return { raw, bytes: Number.isFinite(bytes) ? bytes : null };
}
