// The printer's output sink. Text is written as UTF-8 into one growing byte array, reused from
// call to call, and decoded once at the end. On large outputs this beats collecting millions of
// string chunks and joining them: no chunk array to grow, no intermediate strings for the garbage
// collector, and the final string is made in one native pass.
//
// Sinks nest: helpers that return text (`lineStart`, `attrs`, …) open their own sink while an
// outer one is open. All sinks write into the same byte array, each from where the array ended
// when it was opened, and closing one (`finish`) gives the array back from its start. That is
// safe because sinks are closed in the reverse order of opening (a helper finishes its sink before
// its caller writes again); `release` resets the array after an error.
//
// A lone UTF-16 surrogate has no UTF-8 form, and a decoder would turn it into U+FFFD; the text
// the printer wrote before this sink kept it as it was (only raw nodes and comments can carry
// one). So the bytes written so far are decoded and set aside, the surrogate is kept as a string,
// and byte writing goes on after it.

let bytes = new Uint8Array(1 << 16);
/** End of the written bytes, shared by all open sinks. */
let end = 0;
/**
 * Just past the last non-ASCII byte written: bytes from here on are ASCII. (Bytes given back by a
 * closed sink and written over only make this too careful, never wrong.)
 */
let asciiFrom = 0;
const decoder = new TextDecoder('utf-8');

// Generated configuration is mostly ASCII, and ASCII bytes read as Latin-1 are the same text:
// Node decodes Latin-1 by copying, many times faster than its validating UTF-8 decoder.
type NodeBytes = { toString(encoding: 'latin1'): string };
const NodeBuffer = (globalThis as { Buffer?: { from(bytes: ArrayBuffer, offset: number, length: number): NodeBytes } }).Buffer;

function decode(from: number, to: number): string {
  if (from === to) return '';
  if (asciiFrom <= from && NodeBuffer !== undefined) return NodeBuffer.from(bytes.buffer, from, to - from).toString('latin1');
  return decoder.decode(bytes.subarray(from, to));
}

function reserve(more: number): void {
  if (end + more <= bytes.length) return;
  let size = bytes.length * 2;
  while (size < end + more) size *= 2;
  const grown = new Uint8Array(size);
  grown.set(bytes.subarray(0, end));
  bytes = grown;
}

/**
 * Writes the UTF-8 form of `point` (at least U+0080, not a surrogate) into `target` at `at` and
 * returns the index after it; `reserve` has made room.
 */
function putMultiByte(target: Uint8Array, at: number, point: number): number {
  if (point < 0x800) {
    target[at++] = 0xc0 | (point >> 6);
  } else if (point < 0x10000) {
    target[at++] = 0xe0 | (point >> 12);
    target[at++] = 0x80 | ((point >> 6) & 0x3f);
  } else {
    target[at++] = 0xf0 | (point >> 18);
    target[at++] = 0x80 | ((point >> 12) & 0x3f);
    target[at++] = 0x80 | ((point >> 6) & 0x3f);
  }
  target[at++] = 0x80 | (point & 0x3f);
  return at;
}

/** Where one sink's text is: its bytes from `start`, after any text set aside for surrogates. */
export class PrintBuffer {
  /** Where this sink's bytes begin in the shared array. */
  readonly start: number;
  /** Where its not yet decoded bytes begin (after the last lone surrogate). */
  private pending: number;
  /** Text decoded before a lone surrogate, and the surrogates themselves, in order. */
  private decoded: string[] | undefined;

  constructor() {
    this.start = end;
    this.pending = end;
  }

  /** Writes up to four strings, in order (the printer's chunks come in small groups). */
  push(a: string, b?: string, c?: string, d?: string): void {
    this.write(a);
    if (b !== undefined) this.write(b);
    if (c !== undefined) this.write(c);
    if (d !== undefined) this.write(d);
  }

  /** Writes one string, or its units from `from` up to `to`, as UTF-8. */
  write(text: string, from = 0, to = text.length): void {
    const length = to;
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
    reserve((to - from) * 3);
    const target = bytes;
    let at = end;
    for (let i = from; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        target[at++] = c;
      } else if (c < 0xd800 || c > 0xdfff) {
        at = putMultiByte(target, at, c);
        asciiFrom = at;
      } else {
        const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          at = putMultiByte(target, at, 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00));
          i++;
          asciiFrom = at;
        } else {
          end = at;
          this.keepSurrogate(c);
          at = end;
        }
      }
    }
    end = at;
  }

  /**
   * Writes `prefix"text"suffix` when `text` needs no escaping in a double-quoted string, checking
   * and copying in one pass; otherwise writes nothing and returns false. The characters refused
   * are those of `needsEscape` (escape-string.ts): `\ " $ CR LF TAB NUL` and every surrogate.
   * `prefix` must hold no lone surrogate, and `suffix` must be ASCII.
   */
  quoted(text: string, prefix: string, suffix: string): boolean {
    const mark = end;
    this.write(prefix);
    const length = text.length;
    reserve(length * 3 + 2 + suffix.length);
    const target = bytes;
    let at = end;
    target[at++] = 34;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        // 0x22 ", 0x24 $, 0x5c \, and the control characters NUL, TAB, LF, CR.
        if (c === 34 || c === 36 || c === 92 || (c < 14 && (c === 0 || c === 9 || c === 10 || c === 13))) {
          end = mark;
          return false;
        }
        target[at++] = c;
      } else if (c < 0xd800 || c > 0xdfff) {
        at = putMultiByte(target, at, c);
        asciiFrom = at;
      } else {
        end = mark;
        return false;
      }
    }
    target[at++] = 34;
    for (let i = 0; i < suffix.length; i++) target[at++] = suffix.charCodeAt(i);
    end = at;
    return true;
  }

  /**
   * Writes `prefix"escaped"suffix`, escaping `text` as `escapeDoubleQuoted(text, false)` does
   * (escape-string.ts: backslash, quote, CR, TAB and `${`) in the same pass that copies it.
   * Returns the length of the escaped text in UTF-16 units (what layout widths count), or -1,
   * having written nothing, for text with a line break (printed as `''…''`) or with a NUL or a
   * lone surrogate (which the escaper refuses). `prefix` must hold no lone surrogate, and
   * `suffix` must be ASCII.
   */
  escaped(text: string, prefix: string, suffix: string): number {
    const mark = end;
    this.write(prefix);
    const length = text.length;
    // Up to 3 bytes per unit, or 2 for an escaped ASCII character.
    reserve(length * 3 + 2 + suffix.length);
    const target = bytes;
    let at = end;
    let added = 0;
    target[at++] = 34;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x25 ? c !== 92 : c !== 34 && c !== 36 && c >= 14) {
          target[at++] = c;
          continue;
        }
        // " $ \ and the control characters below 14.
        if (c === 34 || c === 92) {
          target[at++] = 92;
          target[at++] = c;
          added++;
        } else if (c === 36) {
          if (i + 1 < length && text.charCodeAt(i + 1) === 123) {
            target[at++] = 92;
            added++;
          }
          target[at++] = 36;
        } else if (c === 13 || c === 9) {
          target[at++] = 92;
          target[at++] = c === 13 ? 114 : 116;
          added++;
        } else if (c === 10 || c === 0) {
          end = mark;
          return -1;
        } else {
          target[at++] = c;
        }
      } else if (c < 0xd800 || c > 0xdfff) {
        at = putMultiByte(target, at, c);
        asciiFrom = at;
      } else {
        const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
        if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) {
          end = mark;
          return -1;
        }
        at = putMultiByte(target, at, 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00));
        asciiFrom = at;
        i++;
      }
    }
    target[at++] = 34;
    for (let i = 0; i < suffix.length; i++) target[at++] = suffix.charCodeAt(i);
    end = at;
    return length + added;
  }

  /** The current end, to `rewind` to when something written is not wanted after all. */
  mark(): number {
    return end;
  }

  /** Drops what was written since `mark()`; only for plain writes (no lone surrogate since). */
  rewind(mark: number): void {
    end = mark;
  }

  /** Writes a safe integer's decimal digits without making a string. */
  integer(value: number): void {
    reserve(24);
    if (value < 0) {
      bytes[end++] = 45;
      value = -value;
    }
    if (value < 10) {
      bytes[end++] = 48 + value;
      return;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = end + digits;
    end = at;
    while (value >= 10) {
      const next = Math.floor(value / 10);
      bytes[--at] = 48 + (value - next * 10);
      value = next;
    }
    bytes[--at] = 48 + value;
  }

  private keepSurrogate(unit: number): void {
    const decoded = (this.decoded ??= []);
    if (end > this.pending) decoded.push(decode(this.pending, end));
    decoded.push(String.fromCharCode(unit));
    this.pending = end;
  }

  /** This sink's text so far, without closing it. */
  text(): string {
    const tail = decode(this.pending, end);
    return this.decoded === undefined ? tail : this.decoded.join('') + tail;
  }
}

/** Opens a sink after everything written so far. */
export function buffer(): PrintBuffer {
  return new PrintBuffer();
}

/** The whole text written into `out`; closes it, giving its bytes back to the enclosing sinks. */
export function finish(out: PrintBuffer): string {
  const text = out.text();
  end = out.start;
  return text;
}

/**
 * Closes `out` whether or not it was finished, for the `finally` of a top-level call: an error
 * thrown through nested sinks leaves them open, and this gives all their bytes back.
 */
export function release(out: PrintBuffer): void {
  end = out.start;
  if (end === 0) asciiFrom = 0;
  // A huge output keeps no huge array alive between calls.
  if (out.start === 0 && bytes.length > 1 << 26) bytes = new Uint8Array(1 << 16);
}
