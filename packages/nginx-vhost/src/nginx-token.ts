import { NginxVhostError, type FieldPath } from './errors.js';

// nginx reads a quoted token of at most 4094 bytes (its 4096-byte buffer minus the quotes);
// longer values fail `nginx -t` with "too long parameter".
const MAX_TOKEN_BYTES = 4094;

// Tokens made only of these characters mean the same bare as quoted; everything else is quoted.
// A backslash may stay bare before characters nginx does not translate (`\.` in a regex stays
// `\.`); before t, n, r, quotes or another backslash nginx would rewrite it, so those get quoted.
const BARE = /^(?:[A-Za-z0-9._~:/@%+=,*$^|?()[\]-]|\\[.dDwWsSbB/^$*+?()[\]|-])+$/;

/**
 * Refuses characters nginx cannot carry in a one-line value: NUL, CR, LF and the other control
 * characters except TAB (a CR/LF in a header or redirect splits the HTTP response), and lone
 * UTF-16 surrogates, which have no UTF-8 form and would not reach nginx unchanged.
 */
export function checkSingleLine(text: string, path: FieldPath): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) {
      throw new NginxVhostError(path, text, `control character U+${code.toString(16).padStart(4, '0').toUpperCase()} at offset ${i}`, 'one line of text without CR, LF, NUL or other control characters (TAB is allowed)');
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const pair = code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
      if (!pair) throw new NginxVhostError(path, text, `lone UTF-16 surrogate at offset ${i}`, 'well-formed Unicode text');
      i++;
    }
  }
}

/** UTF-8 length of a well-formed string, without TextEncoder (not in the ES2022 lib). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * One nginx argument exactly as nginx will read it back: bare when that is unambiguous,
 * otherwise double-quoted with `\` and `"` escaped (nginx maps `\\`→`\` and `\"`→`"`, and
 * doubling every backslash also keeps `\t`/`\n` from turning into control characters).
 */
export function quoteToken(text: string, path: FieldPath): string {
  checkSingleLine(text, path);
  if (BARE.test(text)) return text;
  const body = text.replace(/[\\"]/g, (c) => `\\${c}`);
  if (utf8Length(body) > MAX_TOKEN_BYTES) {
    throw new NginxVhostError(path, `${text.slice(0, 40)}…`, `value is ${utf8Length(body)} bytes once quoted`, `at most ${MAX_TOKEN_BYTES} bytes, nginx's limit for one argument`);
  }
  return `"${body}"`;
}
