/**
 * Python's `int(text)` for a base-10 string: optional sign, digits with single underscores
 * between them, surrounding whitespace allowed, and any Unicode decimal digit (`٣` is 3).
 */
import { pythonStrip } from './python-whitespace.js';

const INT_SHAPE = /^[+-]?\p{Nd}(?:_?\p{Nd})*$/u;
const DIGIT = /\p{Nd}/u;

/** The integer Python's `int()` reads from `text`, or undefined where Python raises. */
export function readPythonInt(text: string): number | undefined {
  const stripped = pythonStrip(text);
  if (!INT_SHAPE.test(stripped)) return undefined;
  // Python 3.11 (and 3.10.7+) refuses to convert more than 4300 digits.
  if (stripped.replace(/[^\p{Nd}]/gu, '').length > 4300) return undefined;
  let value = 0;
  let sign = 1;
  for (const char of stripped) {
    if (char === '-') sign = -1;
    else if (char !== '+' && char !== '_') value = value * 10 + digitValue(char);
  }
  return sign * value;
}

// Unicode decimal digits come in contiguous runs of ten starting at zero, so a digit's value is
// its distance from the start of its run, modulo ten.
function digitValue(char: string): number {
  const code = char.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  let start = code;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}
