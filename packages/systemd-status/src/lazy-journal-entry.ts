/**
 * A journal entry that keeps its line and builds its fields on the first read
 * (`journal: 'lazy'`). On a large output the strings and objects of ~200k eager entries, all
 * kept, are most of the parse time (the collector copies every one of them), while most callers
 * read a few units' journals at most. So a lazy entry holds as little as it can: where its line
 * is in the input (not a string of its own: one object per entry for the collector, not two),
 * the line number and what the line alone does not say (the UTC offset known when it was read).
 */
import { readShortEntry } from './short-journal-line.js';
import type { JournalEntry } from './types.js';

/**
 * Reads like a `JournalEntry`: every field is a getter that builds the plain entry once (with
 * the same function as the eager path, so the values are the same) and reads it from then on;
 * setters write to it. `toJSON` returns that plain entry, so `JSON.stringify` prints the same
 * text as for an eager entry. The state is in private fields, invisible to `Object.keys`.
 */
export class LazyJournalEntry implements JournalEntry {
  readonly #source: string;
  readonly #start: number;
  readonly #length: number;
  readonly #lineNumber: number;
  readonly #zone: number | null;
  readonly #referenceDate: Date | null;
  #entry: JournalEntry | null = null;

  /**
   * `source.slice(start, start + length)` must be a line in the `short` format
   * (`scanShortJournalLine` accepted it).
   */
  constructor(source: string, start: number, length: number, lineNumber: number, zone: number | null, referenceDate: Date | null) {
    this.#source = source;
    this.#start = start;
    this.#length = length;
    this.#lineNumber = lineNumber;
    this.#zone = zone;
    this.#referenceDate = referenceDate;
  }

  /** The plain entry, built on the first call. */
  toJSON(): JournalEntry {
    if (this.#entry !== null) return this.#entry;
    const text = this.#source.slice(this.#start, this.#start + this.#length);
    const entry = readShortEntry(text, this.#lineNumber, this.#zone, this.#referenceDate);
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
