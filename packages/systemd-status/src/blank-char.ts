/**
 * Whether the character code `c` is one that `String.prototype.trim` drops and a regex `\s`
 * matches (ECMAScript WhiteSpace and LineTerminator), so scanners that work on indices instead
 * of trimmed copies or regex matches treat blanks exactly as those did.
 */
export function isBlankChar(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
