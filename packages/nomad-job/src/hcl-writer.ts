import { formatGoDuration } from './duration.js';
import { hclString } from './hcl-string.js';

// A small HCL2 body model and its printer. The layout is what `nomad fmt` (hclwrite.Format)
// leaves unchanged: two-space indentation, one attribute or block header per line, and the `=`
// of consecutive one-line attributes aligned one space after the longest name. Values are
// always written on one line, so no alignment chain ever spans a nested bracket.

export type HclValue = string | number | boolean | readonly (string | number | boolean)[];

export type HclItem =
  | { kind: 'attribute'; name: string; value: string }
  | { kind: 'block'; type: string; labels: readonly string[]; body: HclItem[] };

export function hclValue(value: HclValue): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `[${value.map((v) => hclValue(v)).join(', ')}]`;
}

/** Adds `name = value` when `value` is defined. */
export function attr(body: HclItem[], name: string, value: HclValue | undefined): void {
  if (value !== undefined) body.push({ kind: 'attribute', name, value: hclValue(value) });
}

/** Adds a duration attribute as Go text (`"30s"`), which jobspec2 parses back to the same nanoseconds. */
export function durationAttr(body: HclItem[], name: string, ns: number | string | undefined): void {
  if (ns !== undefined) body.push({ kind: 'attribute', name, value: hclString(formatGoDuration(ns as number)) });
}

export function block(type: string, labels: readonly string[], body: HclItem[]): HclItem {
  return { kind: 'block', type, labels, body };
}

/** A block holding string attributes (`env`, `meta`), keys already checked to be identifiers. */
export function mapBlock(type: string, map: Record<string, string>): HclItem {
  return block(type, [], Object.entries(map).map(([name, value]) => ({ kind: 'attribute', name, value: hclString(value) })));
}

function printBody(items: readonly HclItem[], depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  let index = 0;
  let first = true;
  while (index < items.length) {
    const item = items[index] as HclItem;
    if (!first) lines.push('');
    first = false;
    if (item.kind === 'attribute') {
      // A run of attributes, aligned together; a blank line or a block ends the run.
      let end = index;
      while (end < items.length && (items[end] as HclItem).kind === 'attribute') end++;
      const run = items.slice(index, end) as { name: string; value: string }[];
      let width = 0;
      for (const a of run) width = Math.max(width, a.name.length);
      for (const a of run) lines.push(`${indent}${a.name.padEnd(width)} = ${a.value}`);
      index = end;
      continue;
    }
    const header = [item.type, ...item.labels.map(hclString)].join(' ');
    if (item.body.length === 0) {
      lines.push(`${indent}${header} {`, `${indent}}`);
    } else {
      lines.push(`${indent}${header} {`);
      printBody(item.body, depth + 1, lines);
      lines.push(`${indent}}`);
    }
    index++;
  }
}

/** The items as an HCL file: top-level items separated by blank lines, a final newline. */
export function printHcl(items: readonly HclItem[]): string {
  const lines: string[] = [];
  printBody(items, 0, lines);
  return `${lines.join('\n')}\n`;
}
