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

/** The 1-based line and column of one offset, reading the source only up to it. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 && source.charCodeAt(i + 1) !== 10) {
      // A CR ends a line on its own; in CRLF the LF does.
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
