import { SystemdStatusError } from './errors.js';
import type { JournalMode } from './parse-journal-line.js';
import type { ParseOptions } from './types.js';

/** Validated options plus the operation meter, passed to every parsing step. */
export interface ParseContext {
  readonly referenceDate: Date | null;
  readonly utcOffsetMinutes: number | null;
  readonly timeZones: Readonly<Record<string, number>>;
  readonly meter: { operations: number };
  readonly journal: JournalMode;
}

const KNOWN = new Set(['referenceDate', 'utcOffsetMinutes', 'timeZones', 'meter', 'journal']);
const JOURNAL_MODES: readonly JournalMode[] = ['parsed', 'lazy'];
// Real offsets lie within ±14 h; anything outside is a unit mistake (seconds or hours given).
const MAX_OFFSET = 18 * 60;

/** Checks options that arrive from plain JS and builds the context; throws `SystemdStatusError`. */
export function createContext(options: unknown): ParseContext {
  if (options === undefined) return { referenceDate: null, utcOffsetMinutes: null, timeZones: {}, meter: { operations: 0 }, journal: 'parsed' };
  if (!isPlainObject(options)) throw new SystemdStatusError('options', options, 'a plain object or undefined');
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN.has(key)) throw new SystemdStatusError(`options.${key}`, record[key], `one of ${[...KNOWN].join(', ')} (unknown option)`);
  }
  const { referenceDate, utcOffsetMinutes, timeZones, meter, journal } = record;
  if (referenceDate !== undefined && !(referenceDate instanceof Date && !Number.isNaN(referenceDate.getTime()))) {
    throw new SystemdStatusError('options.referenceDate', referenceDate, 'a valid Date');
  }
  if (utcOffsetMinutes !== undefined && !isOffset(utcOffsetMinutes)) {
    throw new SystemdStatusError('options.utcOffsetMinutes', utcOffsetMinutes, `an integer number of minutes within ±${MAX_OFFSET}`);
  }
  if (timeZones !== undefined) {
    // A Map would pass a typeof check and then be read as having no zones at all.
    if (!isPlainObject(timeZones)) {
      throw new SystemdStatusError('options.timeZones', timeZones, 'an object mapping zone abbreviations to minutes east of UTC');
    }
    for (const [name, offset] of Object.entries(timeZones)) {
      if (!isOffset(offset)) throw new SystemdStatusError(`options.timeZones.${name}`, offset, `an integer number of minutes within ±${MAX_OFFSET}`);
    }
  }
  if (meter !== undefined && !(typeof meter === 'object' && meter !== null && Number.isFinite((meter as { operations?: unknown }).operations))) {
    throw new SystemdStatusError('options.meter', meter, 'an object with a finite numeric `operations` field');
  }
  if (journal !== undefined && !JOURNAL_MODES.includes(journal as JournalMode)) {
    throw new SystemdStatusError('options.journal', journal, `one of ${JOURNAL_MODES.map((mode) => `'${mode}'`).join(', ')}`);
  }
  return {
    // A copy: lazy journal entries date themselves when first read, after the caller may have
    // changed the Date it passed.
    referenceDate: referenceDate === undefined ? null : new Date((referenceDate as Date).getTime()),
    utcOffsetMinutes: (utcOffsetMinutes as number | undefined) ?? null,
    timeZones: (timeZones as Record<string, number> | undefined) ?? {},
    meter: (meter as { operations: number } | undefined) ?? { operations: 0 },
    journal: (journal as JournalMode | undefined) ?? 'parsed',
  };
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_OFFSET;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
