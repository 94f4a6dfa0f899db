import { addCost } from './cost-meter.js';
import { NginxVhostError, type FieldPath } from './errors.js';
import { MAX_BARE_TOKEN_BYTES, MAX_QUOTED_TOKEN_BYTES } from './limits.js';

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
  addCost(text.length);
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
export function utf8Length(text: string): number {
  addCost(text.length);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one 4-byte character: 2 + 2 for its two halves.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/**
 * One nginx argument exactly as nginx will read it back: bare when that is unambiguous,
 * otherwise double-quoted with `\` and `"` escaped (nginx maps `\\`→`\` and `\"`→`"`, and
 * doubling every backslash also keeps `\t`/`\n` from turning into control characters).
 */
export function quoteToken(text: string, path: FieldPath = []): string {
  if (typeof text !== 'string') throw new NginxVhostError(path, text, 'expected a string', 'a one-line string');
  // Longer text cannot fit either way; refusing it first keeps the scans below short.
  if (text.length > MAX_BARE_TOKEN_BYTES) throw tooLong(text, text.length, path);
  checkSingleLine(text, path);
  if (BARE.test(text)) {
    const bytes = utf8Length(text);
    if (bytes > MAX_BARE_TOKEN_BYTES) throw tooLong(text, bytes, path);
    return text;
  }
  const body = text.replace(/[\\"]/g, (c) => `\\${c}`);
  const bytes = utf8Length(body);
  if (bytes > MAX_QUOTED_TOKEN_BYTES) throw tooLong(text, bytes + 2, path);
  return `"${body}"`;
}

function tooLong(text: string, bytes: number, path: FieldPath): NginxVhostError {
  return new NginxVhostError(path, `${text.slice(0, 40)}…`, `value is ${bytes} bytes as an nginx argument`, `at most ${MAX_BARE_TOKEN_BYTES} bytes bare or ${MAX_QUOTED_TOKEN_BYTES} between quotes (nginx -t: "too long parameter")`);
}
