import type { FieldPath } from './errors.js';
import { quoteToken } from './nginx-token.js';

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
  return { kind: 'directive', name, args: args.map((arg) => quoteToken(arg.text, arg.path)) };
}

/** A directive whose arguments are fixed keywords or numbers this package chose. */
export function keywordDirective(name: string, ...args: readonly (string | number)[]): DirectiveStatement {
  return { kind: 'directive', name, args: args.map(String) };
}

/** Prints statements, one per line, nested blocks indented by two spaces. */
export function printStatements(statements: readonly Statement[], depth = 0): string {
  const pad = '  '.repeat(depth);
  let out = '';
  for (const statement of statements) {
    if (statement.kind === 'directive') {
      out += `${pad}${[statement.name, ...statement.args].join(' ')};\n`;
    } else if (statement.kind === 'block') {
      out += `${pad}${[statement.name, ...statement.args].join(' ')} {\n${printStatements(statement.body, depth + 1)}${pad}}\n`;
    } else {
      out += indentRaw(statement.text, pad);
    }
  }
  return out;
}

// Raw text keeps its own line structure; only its common indentation is replaced by ours.
function indentRaw(text: string, pad: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => (line.trim() === '' ? '\n' : `${pad}${line.slice(common)}\n`)).join('');
}
