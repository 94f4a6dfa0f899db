import { NixExprError } from './errors.js';
import { escapeDoubleQuoted } from './escape-string.js';

/** The reserved words of the Nix lexer. `or` is included: it is legal bare only in some slots. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or',
]);

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_'-]*$/;

/** True when `name` can be written bare as a variable, formal or attribute name. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}

/**
 * An attribute name as source: bare when it is an identifier, otherwise `"…"` escaped like a
 * string, so `"a.b"`, `"1x"`, `"if"`, `""` and `"${x}"` all stay one static name.
 */
export function attrName(name: string): string {
  // Data trees repeat the same keys many times; the cache skips the regex and the escaper.
  const cached = nameCache.get(name);
  if (cached !== undefined) return cached;
  const printed = isIdentifier(name) ? name : `"${escapeDoubleQuoted(name, false)}"`;
  if (nameCache.size >= 4096) nameCache.clear();
  nameCache.set(name, printed);
  return printed;
}

const nameCache = new Map<string, string>();

/** Throws unless `name` can be a variable or parameter name (keywords cannot). */
export function checkVariableName(name: string, what: string): void {
  if (!isIdentifier(name)) {
    throw new NixExprError(`${what} "${name}" is not a usable Nix identifier (a keyword, or not [a-zA-Z_][a-zA-Z0-9_'-]*)`, {
      value: name,
    });
  }
}
