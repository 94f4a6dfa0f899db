import { instant } from './calendar.js';
import type { ParseContext } from './context.js';
import { isFixedUtc, zoneOffset } from './time-zones.js';
import type { Timestamp } from './types.js';

/** A parsed timestamp plus the zone it named, so later journal lines can reuse a fixed UTC zone. */
export interface ParsedTimestamp extends Timestamp {
  fixedUtc: boolean;
}

// `[weekday ]YYYY-MM-DD HH:MM:SS[.ffffff][ zone]`; the weekday is localised up to v231 (`mer.`,
// `la`, `一`), so any token is accepted. Anchored and without nested quantifiers: linear.
const FULL = /^(?:(\S+) +)?(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: +(\S+))?$/;
const UNIX = /^@(\d{1,12})(?:\.(\d{1,6}))?$/;

/**
 * Parses `Sun 2020-11-01 16:04:16 UTC; 4min 44s ago` (the relative part is optional). The date
 * is set when the zone is UTC, a numeric offset, an unambiguous abbreviation or one the caller
 * supplied, or for `--timestamp=unix` (`@1604246656`); otherwise it is `null` and `raw` is kept.
 */
export function parseTimestamp(text: string, cut: boolean, ctx: ParseContext): ParsedTimestamp {
  ctx.meter.operations += text.length;
  const semicolon = text.indexOf('; ');
  const raw = (semicolon < 0 ? text : text.slice(0, semicolon)).trim();
  const relative = semicolon < 0 ? null : text.slice(semicolon + 2).trim();
  // A cut inside the timestamp itself leaves an incomplete instant: never guess the missing part.
  if (cut && semicolon < 0) return { raw, date: null, relative: null, fixedUtc: false };
  const unix = UNIX.exec(raw);
  if (unix) {
    const ms = Number(unix[1]) * 1000 + (unix[2] ? Math.floor(Number(`0.${unix[2]}`) * 1000) : 0);
    return { raw, date: new Date(ms), relative, fixedUtc: false };
  }
  const m = FULL.exec(raw);
  let date: Date | null = null;
  let fixedUtc = false;
  if (m && m[9] !== undefined) {
    const offset = zoneOffset(m[9], ctx.timeZones);
    if (offset !== null) {
      date = instant(Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]), m[8] ?? '', offset);
      fixedUtc = date !== null && isFixedUtc(m[9]);
    }
  }
  return { raw, date, relative, fixedUtc };
}
