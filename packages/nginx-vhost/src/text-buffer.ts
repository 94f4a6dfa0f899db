import { NginxVhostError, type FieldPath } from './errors.js';
import { MAX_OUTPUT_CHARS } from './limits.js';

/**
 * Collects output text in flat chunks: appending many small pieces with `+=` builds a V8 rope of
 * one node per piece (tens of bytes each), which for millions of lines costs more memory than
 * the text. Refuses to grow past `MAX_OUTPUT_CHARS`, so a huge model gets this package's error
 * instead of V8's "Invalid string length".
 */
export class TextBuffer {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private length = 0;

  constructor(private readonly path: FieldPath = []) {}

  append(text: string): void {
    this.length += text.length;
    if (this.length > MAX_OUTPUT_CHARS) {
      throw new NginxVhostError(this.path, `${text.slice(0, 40)}…`, `the rendered text would exceed ${MAX_OUTPUT_CHARS} characters`, 'a smaller model: fewer or shorter entries');
    }
    this.pending.push(text);
    if (this.pending.length >= 4096) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.chunks.push(this.pending.join(''));
    this.pending = [];
  }

  toString(): string {
    this.flush();
    return this.chunks.join('');
  }
}

/** `items` joined by `separator`, through a `TextBuffer` (so a huge join is refused, not a RangeError). */
export function joinText(items: readonly string[], separator: string, path: FieldPath): string {
  const buffer = new TextBuffer(path);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) buffer.append(separator);
    buffer.append(items[i]!);
  }
  return buffer.toString();
}
