import type { NixExpr, StringPart } from './ast.js';
import { checkEncodable } from './escape-string.js';

const NEEDS_ESCAPE = /['$\r\0\uD800-\uDFFF]/;

/**
 * The common case, text with nothing to escape: each line indented, or null when a line would
 * need the whitespace escapes (every line indented, a blank last line).
 */
function printPlainText(text: string, lineIndent: string, closeIndent: string): string | null {
  const lines = text.split('\n');
  let pinned = false;
  for (const line of lines) {
    if (line.length > 0 && line.charCodeAt(0) !== 32) {
      pinned = true;
      break;
    }
  }
  const last = lines[lines.length - 1]!;
  if (!pinned || (last.length > 0 && last.trim() === '' && !last.includes('\t'))) return null;
  let out = "''";
  for (const line of lines) out += line === '' ? '\n' : `\n${lineIndent}${line}`;
  return last === '' ? `${out}${closeIndent}''` : `${out}''`;
}

/** One source line of an indented string: literal text and interpolations, in order. */
type Line = StringPart[];

function splitLines(parts: readonly StringPart[]): Line[] {
  const lines: Line[] = [[]];
  for (const part of parts) {
    if (typeof part !== 'string') {
      lines[lines.length - 1]!.push(part);
      continue;
    }
    checkEncodable(part);
    const pieces = part.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece === '') return;
      const line = lines[lines.length - 1]!;
      const prev = line[line.length - 1];
      // Adjacent literals are merged so that a `$` and a following `{` are seen together.
      if (typeof prev === 'string') line[line.length - 1] = prev + piece;
      else line.push(piece);
    });
  }
  return lines;
}

/** Spaces before the first non-space character or interpolation; -1 for a blank line. */
function leadingSpaces(line: Line): number {
  let count = 0;
  for (const part of line) {
    if (typeof part !== 'string') return count;
    for (let i = 0; i < part.length; i++) {
      if (part.charCodeAt(i) !== 32) return count + i;
    }
    count += part.length;
  }
  return -1;
}

function startsWithSpace(line: Line): boolean {
  const first = line[0];
  return typeof first === 'string' && first.charCodeAt(0) === 32;
}

/**
 * Prints an indented string `''…''` whose value is exactly `parts`, following the lexer and
 * `stripIndentation` of Nix 2.8. Every non-empty line gets `lineIndent` in front, which Nix strips
 * again; where that stripping would eat more (every line indented, a whitespace-only last line)
 * a space is written as the escape `''\ `, which ends Nix's indentation scan. `''`, `${`, a `$`
 * before an interpolation and CR are escaped, and a lone `'` that would touch an escape or the
 * closing `''` becomes `''\'`.
 */
export function printIndented(
  parts: readonly StringPart[],
  lineIndent: string,
  closeIndent: string,
  interpolation: (expr: NixExpr) => string,
): string {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (typeof only === 'string' && !NEEDS_ESCAPE.test(only)) {
    const simple = printPlainText(only, lineIndent, closeIndent);
    if (simple !== null) return simple;
  }
  const lines = splitLines(parts);
  let pinLine = -1;
  if (!lines.some((line) => leadingSpaces(line) === 0)) pinLine = lines.findIndex(startsWithSpace);
  const last = lines[lines.length - 1]!;
  const lastIsBlank = last.length > 0 && leadingSpaces(last) === -1;

  const out: string[] = ["''"];
  // True when the last thing written is a literal lone `'`, which must not touch a following `''`.
  let loneQuote = false;
  const writeEscape = (escape: string): void => {
    if (loneQuote) out[out.length - 1] = `${out[out.length - 1]!.slice(0, -1)}''\\'`;
    loneQuote = false;
    out.push(escape);
  };

  lines.forEach((line, lineIndex) => {
    out.push('\n');
    loneQuote = false;
    if (line.length === 0) return;
    out.push(lineIndent);
    line.forEach((part, partIndex) => {
      if (typeof part !== 'string') {
        loneQuote = false;
        out.push('${', interpolation(part), '}');
        return;
      }
      const beforeInterpolation = partIndex + 1 < line.length;
      const pinFirst = lineIndex === pinLine && partIndex === 0;
      const pinLast = lineIndex === lines.length - 1 && lastIsBlank && partIndex === line.length - 1;
      let start = 0;
      let end = part.length;
      if (pinFirst) {
        writeEscape("''\\ ");
        start = 1;
      }
      const pinLastHere = pinLast && end > start;
      if (pinLastHere) end -= 1;
      let i = start;
      let chunk = start;
      const flush = (upTo: number): void => {
        if (upTo > chunk) {
          out.push(part.slice(chunk, upTo));
          loneQuote = false;
        }
      };
      while (i < end) {
        const c = part.charCodeAt(i);
        if (c === 39 /* ' */) {
          flush(i);
          let run = 1;
          while (i + run < end && part.charCodeAt(i + run) === 39) run++;
          if (run >= 2) out.push("'''".repeat(run >> 1));
          if (run & 1) {
            out.push("'");
            loneQuote = true;
          } else {
            loneQuote = false;
          }
          i += run;
          chunk = i;
        } else if (c === 36 /* $ */ && ((i + 1 < end && part.charCodeAt(i + 1) === 123) || (i + 1 === end && beforeInterpolation && !pinLastHere))) {
          flush(i);
          writeEscape("''$");
          i += 1;
          chunk = i;
        } else if (c === 13 /* CR */) {
          flush(i);
          writeEscape("''\\r");
          i += 1;
          chunk = i;
        } else {
          i += 1;
        }
      }
      flush(end);
      if (pinLastHere) writeEscape("''\\ ");
    });
  });
  if (last.length === 0) {
    out.push(closeIndent);
    loneQuote = false;
  }
  writeEscape("''");
  return out.join('');
}

/**
 * `''${x}…''`: an indented string whose value starts with an interpolation, written with the `${`
 * right after the opening quotes, so that Nix's parse tree has no empty text before it
 * (`(x + " a")`, not `("" + x + " a")`). The first line then has no indentation, so Nix strips
 * none from the others: every line is written as it is.
 */
export function printIndentedFlush(parts: readonly StringPart[], interpolation: (expr: NixExpr) => string): string {
  if (typeof parts[0] !== 'object') throw new Error('printIndentedFlush: the value must start with an interpolation');
  // With no line indentation the first line is `''⏎${…`: dropping that line break keeps the value
  // (the lexer's `''( *⏎)?` would have eaten it) and puts the `${` right after the quotes.
  const text = printIndented(parts, '', '', interpolation);
  return "''" + text.slice(3);
}
