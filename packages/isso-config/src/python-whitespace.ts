/**
 * Python's idea of whitespace (`str.isspace`, `str.strip`, `re` `\s` on str patterns), which
 * configparser uses to strip values and measure indentation. It differs from JavaScript's `\s`:
 * it includes U+001C..U+001F and U+0085, and excludes U+FEFF.
 */
const PYTHON_WHITESPACE =
  '\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005' +
  '\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

const WHITESPACE_SET = new Set(PYTHON_WHITESPACE);

/** True when `char` (one UTF-16 unit) is whitespace to Python. */
export function isPythonSpace(char: string): boolean {
  return isSpaceCode(char.charCodeAt(0));
}

// Printable ASCII is by far the common case, so it is decided without the set lookup.
function isSpaceCode(code: number): boolean {
  if (code > 0x20 && code < 0x7f) return false;
  return WHITESPACE_SET.has(String.fromCharCode(code));
}

/** Every character Python treats as whitespace, for tests and error messages. */
export const PYTHON_WHITESPACE_CHARS: readonly string[] = [...PYTHON_WHITESPACE];

/** Index of the first non-whitespace character of `text` from `start`, or `text.length`. */
export function skipPythonSpace(text: string, start = 0, end = text.length): number {
  let i = start;
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** Python's `text[start:end].strip()`. */
export function pythonStrip(text: string, start = 0, end = text.length): string {
  const from = skipPythonSpace(text, start, end);
  let to = end;
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/** True when stripping would change `text`. */
export function hasOuterSpace(text: string): boolean {
  return text.length > 0 && (isSpaceCode(text.charCodeAt(0)) || isSpaceCode(text.charCodeAt(text.length - 1)));
}
