import { instant } from './calendar.js';
import type { ParseContext } from './context.js';
import { cutMessage, messageCutAt } from './cut-marker.js';
import { LazyJournalEntry, type JournalOrigin } from './lazy-journal-entry.js';
import { parseTimestamp } from './parse-timestamp.js';
import { emptyShortLine, scanShortJournalLine, shortEntry, type MonthCache, type ShortJournalLine, type TokenCache } from './short-journal-line.js';
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

/** How journal entries are built: all fields at once, or on first read (see `ParseOptions.journal`). */
export type JournalMode = 'parsed' | 'lazy';

/**
 * What one journal reader keeps between lines: scratch offsets, so recognizing a `short` line
 * allocates nothing, the last month token, and `cut`, set by each `parseJournalLine` call.
 */
export interface JournalScratch {
  readonly short: ShortJournalLine;
  readonly months: MonthCache;
  readonly tokens: TokenCache;
  /** The message of the entry just returned was cut off (its cut marker is already removed). */
  cut: boolean;
  /** Where the line being read lies: `source.slice(start, start + line.length)` is the line. */
  source: string;
  start: number;
  /** What the last lazy entry shares with its neighbours; a new one when any part changes. */
  origin: JournalOrigin | null;
}

export function journalScratch(): JournalScratch {
  return { short: emptyShortLine(), months: { token: '', month: null }, tokens: { host: '', identifier: '' }, cut: false, source: '', start: 0, origin: null };
}

/**
 * Parses one journal line in the `short`, `short-precise`, `short-iso(-precise)`, `short-full`,
 * `short-unix` or `short-monotonic` format; `null` when the line is none of them. The entry's
 * `line` is set to `lineNumber`, a cut marker is removed from its message (`scratch.cut` tells
 * whether there was one), and in `lazy` mode a `short` line becomes a {@link LazyJournalEntry}.
 */
export function parseJournalLine(
  line: string, lineNumber: number, clock: JournalClock, ctx: ParseContext, scratch: JournalScratch,
): JournalEntry | null {
  ctx.meter.operations += line.length;
  const short = scratch.short;
  if (scanShortJournalLine(line, lineNumber, short, scratch.months)) {
    short.zone = ctx.utcOffsetMinutes ?? clock.offset;
    scratch.cut = messageCutAt(line, short.messageStart);
    if (ctx.journal !== 'lazy') return shortEntry(short, ctx.referenceDate, scratch.tokens);
    let origin = scratch.origin;
    // The source is the whole input or a chunk of it: the same string object for thousands of
    // lines, so the comparison is mostly a pointer check.
    if (origin === null || origin.source !== scratch.source || origin.zone !== short.zone) {
      origin = scratch.origin = {
        source: scratch.source, zone: short.zone, referenceDate: ctx.referenceDate,
        scratch: emptyShortLine(), months: { token: '', month: null }, tokens: { host: '', identifier: '' },
      };
    }
    return new LazyJournalEntry(origin, scratch.start, line.length, lineNumber);
  }
  const entry = parseOtherFormats(line, lineNumber, ctx);
  if (entry) {
    const { text, cut } = cutMessage(entry.message);
    entry.message = text;
    scratch.cut = cut;
  }
  return entry;
}

/** The formats other than `short`: rare enough that a regex match per line costs nothing. */
function parseOtherFormats(line: string, lineNumber: number, ctx: ParseContext): JournalEntry | null {
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
