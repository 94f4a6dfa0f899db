/**
 * What `parse()` reports about a source that Nix would reject, and where. Positions are 1-based
 * lines and columns; a column counts UTF-16 code units of the JS string (Nix counts bytes, so
 * they differ only after non-ASCII text on the same line). CR, LF and CRLF each end a line, as in
 * Nix's lexer.
 */
export interface Diagnostic {
  /** What went wrong, in Nix's words where Nix has them (`syntax error, unexpected '}'`). */
  message: string;
  line: number;
  column: number;
  /** Offset into the source (UTF-16 code units). */
  offset: number;
  /** Tokens that would have been accepted at this point, when the error is a syntax error. */
  expected?: readonly string[];
}

/** A comment found in the source, kept so that nothing written in a file is lost. */
export interface SourceComment {
  /** `line` for `# …`, `block` for `/* … *\/`. */
  style: 'line' | 'block';
  /** The comment's text as written, including `#` or the delimiters. */
  text: string;
  start: number;
  end: number;
}

/** Turns offsets into 1-based line and column numbers. Build once per source: lookups are O(log n). */
export function lineIndex(source: string): (offset: number) => { line: number; column: number } {
  const starts: number[] = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
