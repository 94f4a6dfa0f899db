// A unified diff of two texts, for the CLI to show what `install` changed, in the format GNU
// patch reads (`patch -p1` with `a/` and `b/` names). Common leading and trailing lines are
// trimmed first, so an edit that inserts a few lines into a long file costs a table the size of
// the edit, not of the file.

type Op = { kind: ' ' | '-' | '+'; text: string };

// A last line without a newline must differ from the same line with one, and be printed with
// patch's "\ No newline at end of file" marker; this suffix, which no line can contain, does both.
const NO_EOL = '\n';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

function printLine(op: Op): string {
  return op.text.endsWith(NO_EOL) ? `${op.kind}${op.text.slice(0, -1)}\n\\ No newline at end of file` : `${op.kind}${op.text}`;
}

/** Within each run of changed lines, the removed lines first, the way diff(1) prints them. */
function removalsFirst(ops: Op[]): Op[] {
  const out: Op[] = [];
  let index = 0;
  while (index < ops.length) {
    if (ops[index]!.kind === ' ') { out.push(ops[index++]!); continue; }
    const run: Op[] = [];
    while (index < ops.length && ops[index]!.kind !== ' ') run.push(ops[index++]!);
    out.push(...run.filter((op) => op.kind === '-'), ...run.filter((op) => op.kind === '+'));
  }
  return out;
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
 * `before` to `after`, or the empty string when they are equal. Removed lines come before added
 * ones, a missing newline at the end is marked the way patch(1) expects, and `names` are printed
 * as given (`a/configuration.nix`, `b/configuration.nix`, or `/dev/null` for a new file).
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
  const ops: Op[] = removalsFirst([
    ...a.slice(0, start).map((text): Op => ({ kind: ' ', text })),
    ...diffMiddle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map((text): Op => ({ kind: ' ', text })),
  ]);
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
    for (const op of hunk) out.push(printLine(op));
    index = stop;
  }
  return `${out.join('\n')}\n`;
}
