import { NixExprError } from './errors.js';

// One test covers both the escapes and the surrogate check, so plain text costs one regex run.
const NEEDS_WORK = /[\\"$\r\n\t\0\uD800-\uDFFF]/;
const ESCAPES = /[\\"\r\n\t]|\$\{/g;
const LONE_SURROGATE = /\p{Cs}/u;

function replacement(match: string): string {
  switch (match) {
    case '\\': return '\\\\';
    case '"': return '\\"';
    case '\r': return '\\r';
    case '\n': return '\\n';
    case '\t': return '\\t';
    default: return '\\${';
  }
}

/**
 * Throws on text Nix cannot hold as given: NUL ends a Nix string, and a lone surrogate has no
 * UTF-8 form (it would be written as U+FFFD), so the printed string would silently differ.
 */
export function checkEncodable(text: string): void {
  if (text.includes('\0')) {
    throw new NixExprError('string contains NUL, which ends a Nix string', { value: text });
  }
  if (LONE_SURROGATE.test(text)) {
    throw new NixExprError('string contains a lone UTF-16 surrogate, which has no UTF-8 encoding', { value: text });
  }
}

/** False when `text` goes between `"` as it is: nothing to escape, no line break, no NUL or surrogate. */
export function needsEscape(text: string): boolean {
  return NEEDS_WORK.test(text);
}

/**
 * Escapes literal text for the inside of a `"…"` string (NixOS/nix lexer rule
 * `([^$"\\]|\$[^{"\\]|\\ANY|\$\\ANY)*`): backslash, quote, `${`, CR (a raw CR would read back as
 * LF), LF and TAB. `beforeInterpolation` says a `${…}` follows this text, in which case a final
 * `$` must become `\$`, or `$${` would block the interpolation.
 */
export function escapeDoubleQuoted(text: string, beforeInterpolation: boolean): string {
  if (!needsEscape(text)) return text;
  checkEncodable(text);
  let out = text.replace(ESCAPES, replacement);
  if (beforeInterpolation && out.endsWith('$')) {
    // An escaped backslash before it does not matter: `\\$` + `${` would still read `$${`.
    out = `${out.slice(0, -1)}\\$`;
  }
  return out;
}
