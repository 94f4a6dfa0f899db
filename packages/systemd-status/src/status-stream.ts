import { createContext } from './context.js';
import { SystemdStatusError } from './errors.js';
import { createLineSplitter } from './line-splitter.js';
import { normalizeIndent } from './normalize-indent.js';
import { StatusReader } from './status-reader.js';
import { stripEscapes } from './strip-escapes.js';
import type { ParseOptions, StatusOutput, SystemdUnitStatus } from './types.js';

/** What is left when a {@link StatusParser} ends: the last units and the lines outside units. */
export type StatusTail = StatusOutput;

/** An incremental reader of `systemctl status` output; see {@link createStatusParser}. */
export interface StatusParser {
  /** Reads the next piece of the text (any split, even inside a line) and returns the units it completed, in order. */
  write(chunk: string): SystemdUnitStatus[];
  /** Ends the input. `units` holds the units not yet returned; notices and diagnostics cover the whole input. */
  end(): StatusTail;
}

/**
 * Reads `systemctl status` output piece by piece, for input too large to hold: each `write`
 * returns the units that nothing later in the input can change any more, so they can be printed
 * and dropped. The units returned by every `write` and by `end`, in order, together with `end`'s
 * notices, flag and diagnostics, are exactly what `parseStatusOutput` returns for the whole text,
 * however the text is cut. A finished unit is returned once 256 KiB of further input has been
 * read (a `changed on disk` warning for it may still follow), so memory stays bounded by the
 * largest unit plus that window. Throws `SystemdStatusError` for invalid options, and for a
 * chunk that is not a string or a `write` after `end`.
 */
export function createStatusParser(options?: ParseOptions): StatusParser {
  const ctx = createContext(options);
  const tail: StatusTail = { units: [], notices: [], ellipsized: false, diagnostics: [] };
  let ready: SystemdUnitStatus[] = [];
  const reader = new StatusReader(tail, ctx, (unit) => ready.push(unit));
  const splitter = createLineSplitter(ctx.meter);
  const visit = (raw: string, lineNumber: number, source: string, start: number): void => {
    const line = normalizeIndent(stripEscapes(raw));
    // Lazy journal entries then keep the chunk and an offset instead of a string of their own.
    if (line === raw) reader.readLine(line, lineNumber, raw.length, source, start);
    else reader.readLine(line, lineNumber, raw.length);
  };
  let ended = false;
  return {
    write(chunk) {
      if (ended) throw new SystemdStatusError('write', chunk, 'no write after end()');
      if (typeof chunk !== 'string') throw new SystemdStatusError('chunk', chunk, 'a string');
      splitter.write(chunk, visit);
      const done = ready;
      ready = [];
      return done;
    },
    end() {
      if (ended) throw new SystemdStatusError('end', undefined, 'a single end()');
      ended = true;
      splitter.end(visit);
      reader.finish();
      tail.units = ready;
      ready = [];
      return tail;
    },
  };
}
