/**
 * Cuts text that arrives in pieces into lines, exactly as `eachLine` cuts the whole text: lines
 * end at `\n`, a trailing `\r` is dropped, and a last line without `\n` is read at the end. A
 * line split across pieces is kept as a list of parts and joined once, so a long line costs
 * time linear in its length however many pieces it arrives in.
 */
export interface LineSplitter {
  /** Reads `chunk`, calling `visit` for every line it completes. */
  write(chunk: string, visit: (line: string, lineNumber: number) => void): void;
  /** Reads the last line if the text did not end with `\n`. */
  end(visit: (line: string, lineNumber: number) => void): void;
}

/** A splitter that counts the characters it passes over in `meter`, like `eachLine`. */
export function createLineSplitter(meter: { operations: number }): LineSplitter {
  const parts: string[] = [];
  let lineNumber = 0;
  const emit = (raw: string, visit: (line: string, lineNumber: number) => void): void => {
    lineNumber++;
    meter.operations += raw.length + 1;
    visit(raw.endsWith('\r') ? raw.slice(0, -1) : raw, lineNumber);
  };
  return {
    write(chunk, visit) {
      let position = 0;
      for (;;) {
        const newline = chunk.indexOf('\n', position);
        if (newline < 0) break;
        let raw = chunk.slice(position, newline);
        if (parts.length > 0) {
          parts.push(raw);
          raw = parts.join('');
          parts.length = 0;
        }
        position = newline + 1;
        emit(raw, visit);
      }
      if (position < chunk.length) parts.push(chunk.slice(position));
    },
    end(visit) {
      if (parts.length === 0) return;
      const raw = parts.join('');
      parts.length = 0;
      emit(raw, visit);
    },
  };
}
