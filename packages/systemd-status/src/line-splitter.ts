/**
 * Cuts text that arrives in pieces into lines, exactly as `eachLine` cuts the whole text: lines
 * end at `\n`, a trailing `\r` is dropped, and a last line without `\n` is read at the end. A
 * line split across pieces is kept as a list of parts and joined once, so a long line costs
 * time linear in its length however many pieces it arrives in.
 */
export interface LineSplitter {
  /**
   * Reads `chunk`, calling `visit` for every line it completes, with a string the line lies in
   * and its offset there: the chunk, or the line itself when it spans chunks.
   */
  write(chunk: string, visit: LineVisitor): void;
  /** Reads the last line if the text did not end with `\n`. */
  end(visit: LineVisitor): void;
}

/** Receives one line; `source.slice(start, start + line.length)` is the line. */
export type LineVisitor = (line: string, lineNumber: number, source: string, start: number) => void;

/** A splitter that counts the characters it passes over in `meter`, like `eachLine`. */
export function createLineSplitter(meter: { operations: number }): LineSplitter {
  const parts: string[] = [];
  let lineNumber = 0;
  const emit = (raw: string, visit: LineVisitor, source: string, start: number): void => {
    lineNumber++;
    meter.operations += raw.length + 1;
    visit(raw.endsWith('\r') ? raw.slice(0, -1) : raw, lineNumber, source, start);
  };
  return {
    write(chunk, visit) {
      let position = 0;
      for (;;) {
        const newline = chunk.indexOf('\n', position);
        if (newline < 0) break;
        let raw = chunk.slice(position, newline);
        const start = position;
        position = newline + 1;
        if (parts.length > 0) {
          parts.push(raw);
          raw = parts.join('');
          parts.length = 0;
          emit(raw, visit, raw, 0);
        } else {
          emit(raw, visit, chunk, start);
        }
      }
      if (position < chunk.length) parts.push(chunk.slice(position));
    },
    end(visit) {
      if (parts.length === 0) return;
      const raw = parts.join('');
      parts.length = 0;
      emit(raw, visit, raw, 0);
    },
  };
}
