import { node, type NixExpr } from './ast.js';
import { attrName } from './attr-name.js';
import { print } from './print.js';

/** Text-level helpers of the editor: line boundaries, indentation, and printing at an indentation. */

/** One replacement of `source.slice(start, end)`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices; everything outside them is copied byte for byte. */
export function applySplices(source: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const splice of sorted) {
    out += source.slice(cursor, splice.start) + splice.text;
    cursor = splice.end;
  }
  return out + source.slice(cursor);
}

export function lineStart(source: string, offset: number): number {
  let i = offset;
  while (i > 0 && source[i - 1] !== '\n' && source[i - 1] !== '\r') i--;
  return i;
}

/** The spaces and tabs that open the line holding `offset`. */
export function lineIndent(source: string, offset: number): string {
  const start = lineStart(source, offset);
  let end = start;
  while (source[end] === ' ' || source[end] === '\t') end++;
  return source.slice(start, end);
}

/** True when only spaces and tabs stand between the start of its line and `offset`. */
export function startsLine(source: string, offset: number): boolean {
  return /^[ \t]*$/.test(source.slice(lineStart(source, offset), offset));
}

/**
 * When the rest of the line after `offset` holds only blanks and possibly a `#` comment,
 * the offset where that line's break begins (or the end of the source); otherwise -1.
 */
export function triviaLineEnd(source: string, offset: number): number {
  let i = offset;
  while (source[i] === ' ' || source[i] === '\t') i++;
  if (source[i] === '#') while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  if (i >= source.length || source[i] === '\n' || source[i] === '\r') return i;
  return -1;
}

/** Length of the line break at `offset` (`\r\n` counts as one), 0 at the end of the source. */
export function lineBreakLength(source: string, offset: number): number {
  if (source.startsWith('\r\n', offset)) return 2;
  return source[offset] === '\n' || source[offset] === '\r' ? 1 : 0;
}

/** The file's own line break, so inserted lines match (`\r\n` files stay `\r\n`). */
export function lineBreakOf(source: string): string {
  return /\r\n/.test(source) ? '\r\n' : '\n';
}

/** Every line after the first moved right by `indent`; blank lines stay empty. */
export function reindent(text: string, indent: string, eol: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join(eol);
}

/** `print(expr)` without its own comments, laid out to continue a line indented by `indent`. */
export function printAt(expr: NixExpr, indent: string, eol: string): string {
  const bare = expr.comments === undefined ? expr : node({ ...expr, comments: [] });
  return reindent(print(bare, { finalNewline: false }), indent, eol);
}

/** `# line` comment lines, each followed by a break and `indent`, the way `print` writes them. */
export function commentBlock(comments: readonly string[] | undefined, indent: string, eol: string): string {
  if (comments === undefined) return '';
  return comments.map((line) => `${line === '' ? '#' : `# ${line}`}${eol}${indent}`).join('');
}

/** An attribute path as source, names quoted where Nix needs it. */
export function attrPathText(path: readonly string[]): string {
  return path.map(attrName).join('.');
}
