/**
 * A journal entry that keeps its line and builds its fields on the first read
 * (`journal: 'lazy'`). On a large output the strings and objects of ~200k eager entries, all
 * kept, are most of the parse time (the collector copies every one of them), while most callers
 * read a few units' journals at most. So a lazy entry holds as little as it can: where its line
 * is in the input (not a string of its own: one object per entry for the collector, not two)
 * and its line number; the rest lives in a {@link JournalOrigin} shared with its neighbours.
 */
import { readShortEntry, type MonthCache, type ShortJournalLine, type TokenCache } from './short-journal-line.js';
import type { JournalEntry } from './types.js';

/** What consecutive lazy entries have in common. */
export interface JournalOrigin {
  /** The string their lines lie in: the whole input, or a chunk of it when streamed. */
  readonly source: string;
  /** Minutes east of UTC for `short` dates, as known when the lines were read; `null` when unknown. */
  readonly zone: number | null;
  readonly referenceDate: Date | null;
  /**
   * Scratch state for building entries, shared by the entries of this origin so that building
   * one allocates only the entry and its strings (building is synchronous, never nested).
   */
  readonly scratch: ShortJournalLine;
  readonly months: MonthCache;
  readonly tokens: TokenCache;
}

/**
 * Reads like a `JournalEntry`: every field is a getter that builds the plain entry once (with
 * the same function as the eager path, so the values are the same) and reads it from then on;
 * setters write to it. `toJSON` returns that plain entry, so `JSON.stringify` prints the same
 * text as for an eager entry. The state is in private fields, invisible to `Object.keys`.
 */
export class LazyJournalEntry implements JournalEntry {
  readonly #origin: JournalOrigin;
  readonly #start: number;
  readonly #length: number;
  readonly #lineNumber: number;
  #entry: JournalEntry | null = null;

  /**
   * `origin.source.slice(start, start + length)` must be a line in the `short` format
   * (`scanShortJournalLine` accepted it).
   */
  constructor(origin: JournalOrigin, start: number, length: number, lineNumber: number) {
    this.#origin = origin;
    this.#start = start;
    this.#length = length;
    this.#lineNumber = lineNumber;
  }

  /** The plain entry, built on the first call. */
  toJSON(): JournalEntry {
    if (this.#entry !== null) return this.#entry;
    const origin = this.#origin;
    const text = origin.source.slice(this.#start, this.#start + this.#length);
    const entry = readShortEntry(text, this.#lineNumber, origin.zone, origin.referenceDate, origin.scratch, origin.months, origin.tokens);
    // Unreachable: the constructor's caller scanned this very line.
    if (entry === null) throw new Error(`not a short journal line: ${text}`);
    this.#entry = entry;
    return entry;
  }

  get line(): number { return this.toJSON().line; }
  set line(value: number) { this.toJSON().line = value; }
  get timestamp(): string { return this.toJSON().timestamp; }
  set timestamp(value: string) { this.toJSON().timestamp = value; }
  get date(): Date | null { return this.toJSON().date; }
  set date(value: Date | null) { this.toJSON().date = value; }
  get month(): number | null { return this.toJSON().month; }
  set month(value: number | null) { this.toJSON().month = value; }
  get day(): number | null { return this.toJSON().day; }
  set day(value: number | null) { this.toJSON().day = value; }
  get time(): string | null { return this.toJSON().time; }
  set time(value: string | null) { this.toJSON().time = value; }
  get host(): string | null { return this.toJSON().host; }
  set host(value: string | null) { this.toJSON().host = value; }
  get identifier(): string | null { return this.toJSON().identifier; }
  set identifier(value: string | null) { this.toJSON().identifier = value; }
  get pid(): number | null { return this.toJSON().pid; }
  set pid(value: number | null) { this.toJSON().pid = value; }
  get message(): string { return this.toJSON().message; }
  set message(value: string) { this.toJSON().message = value; }
}
