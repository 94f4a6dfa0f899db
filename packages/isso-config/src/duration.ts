/**
 * Isso's durations. Isso reads every int key with `getint`, which first tries the timedelta
 * grammar `((\d+)w ?)?((\d+)d ?)?((\d+)h ?)?((\d+)m ?)?((\d+)s ?)?` with `re.match` (anchored at
 * the start only, so trailing junk is ignored) and, when that yields zero, falls back to Python's
 * `int()`. Typed configs hold seconds; `serialize` writes the canonical form.
 */
import { preview } from './describe.js';
import { IssoConfigError } from './errors.js';
import { readPythonInt } from './python-int.js';

const UNITS = [
  ['w', 604800],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
] as const;

/** Python's `timedelta` raises OverflowError beyond this many days, and Isso does not catch it. */
const MAX_DAYS = 999_999_999;

/** The largest duration Isso can read, in seconds. */
export const MAX_DURATION_SECONDS = MAX_DAYS * 86400 + 86399;

/** Units written by `formatDuration`: weeks are left out so that Isso's `30d` stays `30d`. */
const CANONICAL_UNITS = UNITS.slice(1);

/** Isso's timedelta prefix grammar; Python's `\d` on str patterns matches any Unicode decimal digit. */
const TIMEDELTA_PREFIX = /^(?:(\p{Nd}+)w ?)?(?:(\p{Nd}+)d ?)?(?:(\p{Nd}+)h ?)?(?:(\p{Nd}+)m ?)?(?:(\p{Nd}+)s ?)?/u;

/**
 * The canonical text of `seconds`: `0`, or days/hours/minutes/seconds with zeros left out
 * (`1h30m`). Throws `IssoConfigError` for anything but whole seconds from 0 to the largest
 * duration Isso reads.
 */
export function formatDuration(seconds: number): string {
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_DURATION_SECONDS) {
    const accepted = `whole seconds from 0 to ${MAX_DURATION_SECONDS}`;
    throw new IssoConfigError([{ severity: 'error', code: 'invalid-duration', path: [], value: seconds, accepted, message: `duration ${preview(seconds)} is not a whole number of seconds Isso can read; accepted: ${accepted}` }]);
  }
  if (seconds === 0) return '0';
  let rest = seconds;
  let out = '';
  for (const [unit, size] of CANONICAL_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out;
}

/** What Isso reads from an int or duration value. */
export type IssoIntReading =
  | { readonly kind: 'ok'; readonly seconds: number; readonly ignoredTail: string }
  | { readonly kind: 'invalid' };

/**
 * Reads `value` as Isso's `getint` does (the value is already stripped by configparser).
 * `ignoredTail` is the text the timedelta grammar silently skipped, e.g. `1h` in `30m1h`.
 */
export function readIssoInt(value: string): IssoIntReading {
  const match = TIMEDELTA_PREFIX.exec(value)!;
  let seconds = 0;
  UNITS.forEach(([, size], index) => {
    const digits = match[index + 1];
    if (digits !== undefined) seconds += readDigits(digits) * size;
  });
  if (seconds > MAX_DURATION_SECONDS) return { kind: 'invalid' };
  if (seconds > 0) return { kind: 'ok', seconds, ignoredTail: value.slice(match[0].length) };
  const int = readPythonInt(value);
  return int === undefined ? { kind: 'invalid' } : { kind: 'ok', seconds: int, ignoredTail: '' };
}

const STRICT_DURATION = /^(?:([0-9]+)w ?)?(?:([0-9]+)d ?)?(?:([0-9]+)h ?)?(?:([0-9]+)m ?)?(?:([0-9]+)s ?)?$/;

/**
 * Seconds of a duration given by a caller: a whole number of seconds as digits (`'90'`) or a
 * fully matching Isso duration (`'1h30m'`, `'3w 12h'`). Returns undefined for anything else,
 * including input Isso would read only in part (`'30m1h'`).
 */
export function durationSeconds(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (/^[0-9]+$/.test(text)) return withinRange(Number(text));
  if (text === '' || text.endsWith(' ')) return undefined;
  const match = STRICT_DURATION.exec(text);
  if (!match) return undefined;
  let seconds = 0;
  UNITS.forEach(([, size], index) => {
    const digits = match[index + 1];
    if (digits !== undefined) seconds += Number(digits) * size;
  });
  return withinRange(seconds);
}

function withinRange(seconds: number): number | undefined {
  return Number.isSafeInteger(seconds) && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

function readDigits(digits: string): number {
  return readPythonInt(digits) ?? Number.NaN;
}
