/**
 * Turns the no-break and other Unicode spaces that web pages and chat clients put into pasted
 * indentation back into plain spaces, and drops a byte-order mark, so key, tree and journal
 * lines are recognized by their text. Only the leading run is touched: the rest of the line is
 * data.
 */
export function normalizeIndent(line: string): string {
  let i = 0;
  let odd = false;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isOddSpace(c)) odd = true;
    else if (c !== 0x20 && c !== 0x09) break;
  }
  if (!odd) return line;
  let out = '';
  for (let k = 0; k < i; k++) {
    const c = line.charCodeAt(k);
    if (c !== 0xfeff) out += c === 0x09 ? '\t' : ' ';
  }
  return out + line.slice(i);
}

function isOddSpace(c: number): boolean {
  return c === 0xa0 || c === 0xfeff || c === 0x202f || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}
