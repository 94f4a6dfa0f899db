import { instant } from './calendar.js';
import type { ParseContext } from './context.js';
import { monthNumber } from './months.js';
import { parseTimestamp } from './parse-timestamp.js';
import type { JournalEntry } from './types.js';

// One pattern per journalctl output mode the status view can be switched to. All anchored, with
// disjoint neighbouring classes (`\S+` next to a space), so matching stays linear in the line.
const ISO = /^ *((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})) (\S+) (.*)$/;
const FULL = /^ *(\S+ \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? \S+) (\S+) (.*)$/;
const UNIX = /^ *(\d{1,12}\.\d{1,6}) (\S+) (.*)$/;
const MONOTONIC = /^ *(\[ *\d{1,12}\.\d{1,6}\]) (\S+) (.*)$/;

/** Year and zone known for the unit being read, used for `short` timestamps. */
export interface JournalClock {
  /** Minutes east of UTC, or `null` when unknown. */
  offset: number | null;
}

/**
 * Parses one journal line in the `short`, `short-precise`, `short-iso(-precise)`, `short-full`,
 * `short-unix` or `short-monotonic` format; `null` when the line is none of them. The entry's
 * `line` is set to `lineNumber`.
 */
export function parseJournalLine(line: string, lineNumber: number, clock: JournalClock, ctx: ParseContext): JournalEntry | null {
  ctx.meter.operations += line.length;
  const short = scanShort(line);
  if (short) {
    const month = monthNumber(line.slice(short.monthStart, short.monthEnd));
    const day = Number(line.slice(short.dayStart, short.timeStart - 1));
    const time = line.slice(short.timeStart, short.timeEnd);
    const host = line.slice(short.timeEnd + 1, short.hostEnd);
    const rest = line.slice(short.hostEnd + 1);
    const date = month === null ? null : shortDate(month, day, time, clock, ctx);
    return entry(lineNumber, line.slice(short.monthStart, short.timeEnd), date, month, day, time, host, rest);
  }
  ctx.meter.operations += line.length;
  const iso = ISO.exec(line);
  if (iso) {
    const zone = iso[9] as string;
    const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    const date = instant(Number(iso[2]), Number(iso[3]), Number(iso[4]), Number(iso[5]), Number(iso[6]), Number(iso[7]), iso[8] ?? '', offset);
    const time = `${iso[5]}:${iso[6]}:${iso[7]}${iso[8] ? `.${iso[8]}` : ''}`;
    return entry(lineNumber, iso[1] as string, date, Number(iso[3]), Number(iso[4]), time, iso[10] as string, iso[11] as string);
  }
  ctx.meter.operations += line.length;
  const full = FULL.exec(line);
  if (full) {
    const parsed = parseTimestamp(full[1] as string, false, ctx);
    const parts = /(\d{4})-(\d{2})-(\d{2}) (\S+)/.exec(full[1] as string);
    return entry(lineNumber, full[1] as string, parsed.date, parts ? Number(parts[2]) : null, parts ? Number(parts[3]) : null, parts?.[4] ?? null, full[2] as string, full[3] as string);
  }
  ctx.meter.operations += line.length;
  const unix = UNIX.exec(line) ?? MONOTONIC.exec(line);
  if (unix) {
    const stamp = unix[1] as string;
    const date = stamp.startsWith('[') ? null : new Date(Math.floor(Number(stamp) * 1000));
    return entry(lineNumber, stamp, date, null, null, null, unix[2] as string, unix[3] as string);
  }
  return null;
}

function entry(
  line: number, timestamp: string, date: Date | null, month: number | null, day: number | null,
  time: string | null, hostToken: string, restAfterHost: string,
): JournalEntry {
  // Pastes of `journalctl --no-hostname` have no host: the token after the time is then
  // `identifier[pid]:`, and no host name ends with a colon.
  const noHost = hostToken.endsWith(':');
  const host = noHost ? null : hostToken;
  const rest = noHost ? `${hostToken} ${restAfterHost}` : restAfterHost;
  // `identifier[pid]: message`; kernel lines have no pid, and a line without `: ` has no identifier.
  const colon = rest.indexOf(': ');
  const head = colon < 0 ? (rest.endsWith(':') ? rest.slice(0, -1) : null) : rest.slice(0, colon);
  const message = colon < 0 ? (head === null ? rest : '') : rest.slice(colon + 2);
  let identifier = head;
  let pid: number | null = null;
  if (head !== null && head.endsWith(']')) {
    const open = head.lastIndexOf('[');
    const digits = open < 0 ? '' : head.slice(open + 1, -1);
    if (/^\d{1,10}$/.test(digits)) {
      identifier = head.slice(0, open);
      pid = Number(digits);
    }
  }
  return { line, timestamp, date, month, day, time, host, identifier, pid, message };
}

/** Offsets of the parts of a `short`/`short-precise` line: `<month> <dd> <HH:MM:SS[.ffffff]> <host> <rest>`. */
interface ShortLine {
  monthStart: number;
  monthEnd: number;
  dayStart: number;
  timeStart: number;
  timeEnd: number;
  hostEnd: number;
}

/**
 * Scans the `short` format by hand: it is the bulk of most outputs, and a regex match would
 * allocate a capture array and nine strings per line. Any month token is accepted, so unknown
 * locales still split into host, identifier and message.
 */
function scanShort(line: string): ShortLine | null {
  const n = line.length;
  let i = 0;
  while (i < n && line.charCodeAt(i) === 32) i++;
  const monthStart = i;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  const monthEnd = i;
  if (monthEnd === monthStart) return null;
  while (i < n && line.charCodeAt(i) === 32) i++;
  const dayStart = i;
  while (i < n && isDigit(line.charCodeAt(i)) && i - dayStart < 3) i++;
  if (i === dayStart || i - dayStart > 2 || line.charCodeAt(i) !== 32) return null;
  const timeStart = ++i;
  // HH:MM:SS
  for (let k = 0; k < 8; k++) {
    const c = line.charCodeAt(timeStart + k);
    if (k === 2 || k === 5 ? c !== 58 : !isDigit(c)) return null;
  }
  i = timeStart + 8;
  if (line.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    while (i < n && isDigit(line.charCodeAt(i)) && i - fractionStart < 7) i++;
    if (i === fractionStart || i - fractionStart > 6) return null;
  }
  const timeEnd = i;
  if (line.charCodeAt(i) !== 32) return null;
  const hostStart = ++i;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  if (i === hostStart || line.charCodeAt(i) !== 32) return null;
  return { monthStart, monthEnd, dayStart, timeStart, timeEnd, hostEnd: i };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/**
 * A `short` timestamp has no year and no zone. It becomes a Date only when both are known: the
 * zone from `utcOffsetMinutes` or the unit's own UTC timestamps, the year from `referenceDate`
 * (the latest year that keeps the entry no more than a day after the reference).
 */
function shortDate(month: number, day: number, time: string, clock: JournalClock, ctx: ParseContext): Date | null {
  const offset = ctx.utcOffsetMinutes ?? clock.offset;
  if (offset === null || ctx.referenceDate === null) return null;
  const hour = Number(time.slice(0, 2));
  const minute = Number(time.slice(3, 5));
  const second = Number(time.slice(6, 8));
  const fraction = time.slice(9);
  const reference = ctx.referenceDate.getTime();
  const year = new Date(reference + offset * 60_000).getUTCFullYear();
  const candidate = instant(year, month, day, hour, minute, second, fraction, offset);
  if (candidate !== null && candidate.getTime() <= reference + 86_400_000) return candidate;
  // Feb 29 of a non-leap reference year is rejected by `instant`, so try the year before as well.
  return instant(year - 1, month, day, hour, minute, second, fraction, offset);
}
