import type { PrintBuffer } from './print-buffer.js';

// The same characters as escape-indented.ts's NEEDS_ESCAPE: text with none of them is written as
// it is, each line indented.
const NEEDS_ESCAPE = /['$\r\0\uD800-\uDFFF]/;

/**
 * Writes `prefix''⏎<lineIndent>line…''suffix` for multi-line text with nothing to escape, exactly
 * as `printIndented([text], lineIndent, closeIndent)` (escape-indented.ts) writes it through its
 * plain-text path, but straight into the sink: no array of lines, no concatenated copy. Returns
 * false, having written nothing, for text without a line break or any text that path refuses
 * (characters to escape, no line starting with a non-space, a whitespace-only last line), which
 * the caller then prints through the general path.
 */
export function writePlainIndented(out: PrintBuffer, text: string, prefix: string, lineIndent: string, closeIndent: string, suffix: string): boolean {
  const length = text.length;
  const lastStart = text.lastIndexOf('\n') + 1;
  if (lastStart === 0 || NEEDS_ESCAPE.test(text)) return false;
  // Nix strips the indentation common to all lines; one line starting with a non-space keeps ours.
  let pinned = false;
  for (let from = 0; from <= length; ) {
    const lineEnd = nextBreak(text, from);
    if (lineEnd > from && text.charCodeAt(from) !== 32) {
      pinned = true;
      break;
    }
    from = lineEnd + 1;
  }
  if (!pinned) return false;
  if (lastStart < length) {
    const last = text.slice(lastStart);
    if (last.trim() === '' && !last.includes('\t')) return false;
  }
  out.write(prefix);
  out.write("''");
  for (let from = 0; from <= length; ) {
    const lineEnd = nextBreak(text, from);
    out.write('\n');
    if (lineEnd > from) {
      out.write(lineIndent);
      out.write(text, from, lineEnd);
    }
    from = lineEnd + 1;
  }
  if (lastStart === length) out.write(closeIndent);
  out.write("''");
  out.write(suffix);
  return true;
}

function nextBreak(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at;
}
