/**
 * The `short` / `short-precise` journal format (`<month> <dd> <HH:MM:SS[.ffffff]> <host> <rest>`),
 * read as offsets into the line. It is the bulk of most outputs, so recognizing a line allocates
 * nothing: the strings of an entry are cut only when the entry is built, which for lazy entries
 * (`journal: 'lazy'`) is when a field is first read.
 */
import { instant } from './calendar.js';
import { messageEndAt } from './cut-marker.js';
import { monthNumber } from './months.js';
import type { JournalEntry } from './types.js';

/** Where the parts of one `short` line are, and the numbers read from it. */
export interface ShortJournalLine {
  /** The line the offsets point into. */
  text: string;
  lineNumber: number;
  /** Start of the month token; the timestamp runs from here to `timeEnd`. */
  monthStart: number;
  timeStart: number;
  timeEnd: number;
  /** -1 when the line has no host (pastes of `journalctl --no-hostname`). */
  hostStart: number;
  hostEnd: number;
  /** -1 when the line has no identifier. */
  identifierStart: number;
  identifierEnd: number;
  messageStart: number;
  messageEnd: number;
  month: number | null;
  day: number;
  pid: number | null;
  /** Minutes east of UTC for the entry's date, taken when the line was read; `null` when unknown. */
  zone: number | null;
}

/** A reusable scratch record, so that recognizing a line allocates nothing. */
export function emptyShortLine(): ShortJournalLine {
  return {
    text: '', lineNumber: 0, monthStart: 0, timeStart: 0, timeEnd: 0, hostStart: -1, hostEnd: -1,
    identifierStart: -1, identifierEnd: -1, messageStart: 0, messageEnd: 0, month: null, day: 0, pid: null, zone: null,
  };
}

/** The last month token read and its number: outputs repeat one token for thousands of lines. */
export interface MonthCache {
  token: string;
  month: number | null;
}

/**
 * The last host and identifier cut from a line. A unit's journal repeats them line after line,
 * so an entry reuses the previous string when the text is the same instead of copying it again
 * (strings are immutable: sharing one cannot be observed).
 */
export interface TokenCache {
  host: string;
  identifier: string;
}

/**
 * Fills `s` with the parts of `line` when it is in the `short` format and returns true; false
 * (leaving `s` in an unspecified state) otherwise. Any month token is accepted, so unknown
 * locales still split into host, identifier and message. `zone` is left for the caller.
 */
export function scanShortJournalLine(line: string, lineNumber: number, s: ShortJournalLine, months: MonthCache): boolean {
  const n = line.length;
  let i = 0;
  while (i < n && line.charCodeAt(i) === 32) i++;
  const monthStart = i;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  const monthEnd = i;
  if (monthEnd === monthStart) return false;
  while (i < n && line.charCodeAt(i) === 32) i++;
  const dayStart = i;
  while (i < n && isDigit(line.charCodeAt(i)) && i - dayStart < 3) i++;
  if (i === dayStart || i - dayStart > 2 || line.charCodeAt(i) !== 32) return false;
  const day = i - dayStart === 1 ? digit(line, dayStart) : digit(line, dayStart) * 10 + digit(line, dayStart + 1);
  const timeStart = ++i;
  // HH:MM:SS
  for (let k = 0; k < 8; k++) {
    const c = line.charCodeAt(timeStart + k);
    if (k === 2 || k === 5 ? c !== 58 : !isDigit(c)) return false;
  }
  i = timeStart + 8;
  if (line.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    while (i < n && isDigit(line.charCodeAt(i)) && i - fractionStart < 7) i++;
    if (i === fractionStart || i - fractionStart > 6) return false;
  }
  const timeEnd = i;
  if (line.charCodeAt(i) !== 32) return false;
  const hostStart = ++i;
  while (i < n && !isSpace(line.charCodeAt(i))) i++;
  if (i === hostStart || line.charCodeAt(i) !== 32) return false;
  const hostEnd = i;

  s.text = line;
  s.lineNumber = lineNumber;
  s.monthStart = monthStart;
  s.timeStart = timeStart;
  s.timeEnd = timeEnd;
  s.day = day;
  s.month = cachedMonth(line, monthStart, monthEnd, months);
  // Pastes of `journalctl --no-hostname` have no host: the token after the time is then
  // `identifier[pid]:`, and no host name ends with a colon.
  const noHost = line.charCodeAt(hostEnd - 1) === 58;
  s.hostStart = noHost ? -1 : hostStart;
  s.hostEnd = noHost ? -1 : hostEnd;
  readRest(line, noHost ? hostStart : hostEnd + 1, s);
  return true;
}

/**
 * `identifier[pid]: message` from `restStart` to the end of the line; kernel lines have no pid,
 * and a line without `: ` has no identifier (unless it ends with `:`, then it has no message).
 * The message ends before a pager's cut marker.
 */
function readRest(line: string, restStart: number, s: ShortJournalLine): void {
  const n = line.length;
  const colon = line.indexOf(': ', restStart);
  let headEnd = -1;
  if (colon >= 0) {
    headEnd = colon;
    s.messageStart = colon + 2;
  } else if (n > restStart && line.charCodeAt(n - 1) === 58) {
    headEnd = n - 1;
    s.messageStart = n;
  } else {
    s.messageStart = restStart;
  }
  s.messageEnd = messageEndAt(line, s.messageStart);
  s.identifierStart = headEnd < 0 ? -1 : restStart;
  s.identifierEnd = headEnd;
  s.pid = null;
  if (headEnd <= restStart || line.charCodeAt(headEnd - 1) !== 93) return;
  const open = line.lastIndexOf('[', headEnd - 1);
  const digitsStart = open + 1;
  const digitsEnd = headEnd - 1;
  if (open < restStart || digitsEnd - digitsStart < 1 || digitsEnd - digitsStart > 10) return;
  let pid = 0;
  for (let k = digitsStart; k < digitsEnd; k++) {
    const c = line.charCodeAt(k);
    if (!isDigit(c)) return;
    pid = pid * 10 + (c - 48);
  }
  s.identifierEnd = open;
  s.pid = pid;
}

/**
 * Builds the plain entry: the strings are cut from the line here. A `short` timestamp has no
 * year and no zone, so `date` is set only when both are known: the zone in `s.zone`, the year
 * from `referenceDate` (the latest year that keeps the entry no more than a day after it).
 */
export function shortEntry(s: ShortJournalLine, referenceDate: Date | null, tokens: TokenCache): JournalEntry {
  const { text } = s;
  let host: string | null = null;
  if (s.hostStart >= 0) {
    host = sameText(text, s.hostStart, s.hostEnd, tokens.host) ? tokens.host : (tokens.host = text.slice(s.hostStart, s.hostEnd));
  }
  let identifier: string | null = null;
  if (s.identifierStart >= 0) {
    identifier = sameText(text, s.identifierStart, s.identifierEnd, tokens.identifier)
      ? tokens.identifier
      : (tokens.identifier = text.slice(s.identifierStart, s.identifierEnd));
  }
  return {
    line: s.lineNumber,
    timestamp: text.slice(s.monthStart, s.timeEnd),
    date: s.month === null ? null : shortDate(s, s.month, referenceDate),
    month: s.month,
    day: s.day,
    time: text.slice(s.timeStart, s.timeEnd),
    host,
    identifier,
    pid: s.pid,
    message: text.slice(s.messageStart, s.messageEnd),
  };
}

/**
 * Reads a line already known to be in the `short` format into its plain entry, for a lazy entry
 * that kept only the line: scanning again allocates nothing and costs less than keeping offsets.
 * `s`, `months` and `tokens` are scratch state the caller may share between calls.
 */
export function readShortEntry(
  line: string, lineNumber: number, zone: number | null, referenceDate: Date | null,
  s: ShortJournalLine, months: MonthCache, tokens: TokenCache,
): JournalEntry | null {
  if (!scanShortJournalLine(line, lineNumber, s, months)) return null;
  s.zone = zone;
  return shortEntry(s, referenceDate, tokens);
}

function shortDate(s: ShortJournalLine, month: number, referenceDate: Date | null): Date | null {
  const offset = s.zone;
  if (offset === null || referenceDate === null) return null;
  const { text, timeStart: t } = s;
  const hour = digit(text, t) * 10 + digit(text, t + 1);
  const minute = digit(text, t + 3) * 10 + digit(text, t + 4);
  const second = digit(text, t + 6) * 10 + digit(text, t + 7);
  const fraction = s.timeEnd > t + 8 ? text.slice(t + 9, s.timeEnd) : '';
  const reference = referenceDate.getTime();
  const year = new Date(reference + offset * 60_000).getUTCFullYear();
  const candidate = instant(year, month, s.day, hour, minute, second, fraction, offset);
  if (candidate !== null && candidate.getTime() <= reference + 86_400_000) return candidate;
  // Feb 29 of a non-leap reference year is rejected by `instant`, so try the year before as well.
  return instant(year - 1, month, s.day, hour, minute, second, fraction, offset);
}

function sameText(line: string, start: number, end: number, previous: string): boolean {
  return end - start === previous.length && line.startsWith(previous, start);
}

function cachedMonth(line: string, start: number, end: number, cache: MonthCache): number | null {
  if (end - start === cache.token.length && line.startsWith(cache.token, start)) return cache.month;
  const token = line.slice(start, end);
  const month = monthNumber(token);
  cache.token = token;
  cache.month = month;
  return month;
}

function digit(line: string, at: number): number {
  return line.charCodeAt(at) - 48;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
