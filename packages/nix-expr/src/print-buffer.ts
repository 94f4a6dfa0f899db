// The printer writes chunks into an array and joins once. On large outputs one array of millions
// of chunks costs more in reallocation and garbage collection than the printing itself, so every
// few thousand chunks are joined into a block kept aside, and the array is reused.

const FLUSH_AT = 4096;
const blocks = new WeakMap<string[], string[]>();

/** Moves the chunks written so far into one block when there are many of them. */
export function flushIfFull(out: string[]): void {
  if (out.length < FLUSH_AT) return;
  let done = blocks.get(out);
  if (done === undefined) blocks.set(out, (done = []));
  done.push(out.join(''));
  out.length = 0;
}

/** The whole text written into `out`. */
export function finish(out: string[]): string {
  const done = blocks.get(out);
  if (done === undefined) return out.join('');
  blocks.delete(out);
  done.push(out.join(''));
  return done.join('');
}
