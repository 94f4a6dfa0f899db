// A unified diff of two texts, for the CLI to show what `install` changed. Common leading and
// trailing lines are trimmed first, so an edit that inserts a few lines into a long file costs a
// table the size of the edit, not of the file.

type Op = { kind: ' ' | '-' | '+'; text: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffMiddle(a: readonly string[], b: readonly string[]): Op[] {
  // Longest common subsequence, filled from the end so the walk below runs forward.
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j]
        ? table[(i + 1) * width + j + 1]! + 1
        : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i++]! });
      j++;
    } else if (j < b.length && (i === a.length || table[i * width + j + 1]! >= table[(i + 1) * width + j]!)) {
      ops.push({ kind: '+', text: b[j++]! });
    } else {
      ops.push({ kind: '-', text: a[i++]! });
    }
  }
  return ops;
}

/**
 * A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around each change) from
 * `before` to `after`, or the empty string when they are equal. A missing trailing newline is not
 * reported; the CLI only diffs files it writes with one.
 */
export function unifiedDiff(before: string, after: string, names: { from: string; to: string }, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  if (start === endA && start === endB) return '';
  const ops: Op[] = [
    ...a.slice(0, start).map((text): Op => ({ kind: ' ', text })),
    ...diffMiddle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map((text): Op => ({ kind: ' ', text })),
  ];
  const out = [`--- ${names.from}`, `+++ ${names.to}`];
  let index = 0;
  while (index < ops.length) {
    const firstChange = ops.findIndex((op, k) => k >= index && op.kind !== ' ');
    if (firstChange === -1) break;
    const hunkStart = Math.max(index, firstChange - context);
    // Extend the hunk while the next change is within 2×context unchanged lines.
    let hunkEnd = firstChange;
    let quiet = 0;
    for (let k = firstChange; k < ops.length; k++) {
      if (ops[k]!.kind === ' ') {
        if (++quiet > 2 * context) break;
      } else {
        quiet = 0;
        hunkEnd = k;
      }
    }
    const stop = Math.min(ops.length, hunkEnd + context + 1);
    let lineA = 1;
    let lineB = 1;
    for (let k = 0; k < hunkStart; k++) {
      if (ops[k]!.kind !== '+') lineA++;
      if (ops[k]!.kind !== '-') lineB++;
    }
    const hunk = ops.slice(hunkStart, stop);
    const countA = hunk.filter((op) => op.kind !== '+').length;
    const countB = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${countA === 0 ? lineA - 1 : lineA},${countA} +${countB === 0 ? lineB - 1 : lineB},${countB} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
    index = stop;
  }
  return `${out.join('\n')}\n`;
}
