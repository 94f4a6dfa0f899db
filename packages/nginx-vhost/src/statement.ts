import { addCost } from './cost-meter.js';
import type { FieldPath } from './errors.js';
import { quoteToken } from './nginx-token.js';
import { TextBuffer } from './text-buffer.js';

/** One piece of nginx.conf: a simple directive, a block, or trusted raw text. */
export type Statement =
  | DirectiveStatement
  | { kind: 'block'; name: string; args: readonly string[]; body: readonly Statement[] }
  | { kind: 'raw'; text: string };

/** `name arg…;` with its arguments already quoted. */
export interface DirectiveStatement {
  kind: 'directive';
  name: string;
  args: readonly string[];
}

/** An argument before quoting, with the model field it came from (for error messages). */
export interface Arg {
  text: string;
  path: FieldPath;
}

/** A directive whose arguments are quoted here, so no caller can forget to. */
export function directive(name: string, ...args: readonly Arg[]): DirectiveStatement {
  return directiveOf(name, args);
}

/**
 * `directive` for an argument list of any length (`index`, `server_name`): spreading a list into
 * call arguments overflows the stack near 100,000 items.
 */
export function directiveOf(name: string, args: readonly Arg[]): DirectiveStatement {
  return { kind: 'directive', name, args: args.map((arg) => quoteToken(arg.text, arg.path)) };
}

/** A directive whose arguments are fixed keywords or numbers this package chose. */
export function keywordDirective(name: string, ...args: readonly (string | number)[]): DirectiveStatement {
  return { kind: 'directive', name, args: args.map(String) };
}

/** Appends every item of `items` to `target` (a loop, where `push(...items)` would overflow). */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Prints statements, one per line, nested blocks indented by two spaces. */
export function printStatements(statements: readonly Statement[]): string {
  const out = new TextBuffer();
  printInto(out, statements, 0);
  return out.toString();
}

// Recursion depth is the block nesting of the model (server > location), never the input size.
function printInto(out: TextBuffer, statements: readonly Statement[], depth: number): void {
  const pad = '  '.repeat(depth);
  addCost(statements.length);
  for (const statement of statements) {
    if (statement.kind === 'raw') {
      indentRaw(out, statement.text, pad);
      continue;
    }
    out.append(pad);
    out.append(statement.name);
    addCost(statement.args.length);
    for (const arg of statement.args) {
      out.append(' ');
      out.append(arg);
    }
    if (statement.kind === 'directive') {
      out.append(';\n');
    } else {
      out.append(' {\n');
      printInto(out, statement.body, depth + 1);
      out.append(`${pad}}\n`);
    }
  }
}

const NON_SPACE = /\S/g;
const INDENT = /[ \t]*/y;

// Raw text keeps its own line structure; only its common indentation is replaced by ours. Blank
// lines (only whitespace, as String#trim sees it) at either end are dropped and inside become
// empty. One pass to measure, one to write; no array of lines, so huge texts stay flat.
function indentRaw(out: TextBuffer, raw: string, pad: string): void {
  addCost(raw.length);
  const text = raw.includes('\r\n') ? raw.replace(/\r\n/g, '\n') : raw;
  let nextNonSpace = -1; // cached position of the next non-whitespace character, or text.length
  const isBlank = (start: number, end: number): boolean => {
    if (nextNonSpace < start) {
      NON_SPACE.lastIndex = start;
      nextNonSpace = NON_SPACE.exec(text)?.index ?? text.length;
    }
    return nextNonSpace >= end;
  };
  let common = Infinity;
  let first = -1; // start of the first non-blank line
  let last = -1; // end of the last non-blank line
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (!isBlank(start, end)) {
      if (first < 0) first = start;
      last = end;
      INDENT.lastIndex = start;
      INDENT.exec(text);
      common = Math.min(common, INDENT.lastIndex - start);
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  if (first < 0) return;
  nextNonSpace = -1;
  for (let start = first; start <= last;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 || newline > last ? last : newline;
    if (isBlank(start, end)) {
      out.append('\n');
    } else {
      out.append(pad);
      out.append(text.slice(start + common, end));
      out.append('\n');
    }
    start = end + 1;
  }
}
