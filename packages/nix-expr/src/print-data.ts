import type { NixAttrs, NixBindingItem, NixExpr, NixString } from './ast.js';
import { attrName, isIdentifier } from './attr-name.js';
import type { PrintBuffer } from './print-buffer.js';
import { leafText, writeBinding } from './print-bindings.js';
import { writePlainIndented } from './print-indented-plain.js';
import { flat, flatBinding, wraps } from './print-flat.js';
import { SLOT_ARGUMENT } from './precedence.js';
import { commentLines, writeLineStart, type Layout } from './print.js';

// Generated configuration is mostly plain data: attribute sets of leaves, lists and more sets.
// Their expanded forms are written here in one tight loop per set or list, with the indentation,
// `⏎  name = ` prefixes and closing brackets made once per depth, nested data sets and lists
// written directly instead of through the general binding layout, and plain strings pushed as
// they are. Any other node is handed to the general printer at the same place, so the output is
// byte for byte what the general path writes (test/print-data.test.ts compares both).

/** Indentation-dependent strings of one depth, made once. */
interface Depth {
  ind: string;
  /** `⏎` + the indentation of this depth's items. */
  newline: string;
  /** `⏎` + the indentation of the enclosing block, then the closing bracket. */
  closeSet: string;
  closeList: string;
  prefixes: Map<string, string>;
  deeper: Depth | undefined;
}

const depths = new Map<string, Depth>();

function depthOf(layout: Layout, ind: string): Depth {
  const key = ind + '\0' + layout.unit;
  let depth = depths.get(key);
  if (depth === undefined) {
    if (depths.size >= 256) depths.clear();
    const inner = ind + layout.unit;
    depth = { ind: inner, newline: `\n${inner}`, closeSet: `\n${ind}}`, closeList: `\n${ind}]`, prefixes: new Map(), deeper: undefined };
    depths.set(key, depth);
  }
  return depth;
}

function deeper(layout: Layout, depth: Depth): Depth {
  return (depth.deeper ??= depthOf(layout, depth.ind));
}

let enabled = true;

/** Switches the fast path off and on; the tests use it to compare both paths. Not public API. */
export function setDataFastPath(on: boolean): void {
  enabled = on;
}

export function dataFastPathEnabled(): boolean {
  return enabled;
}

function isPlain(expr: NixExpr): boolean {
  return expr.comments === undefined || expr.comments.length === 0;
}

/** True for a set that the general printer always expands as a binding value. */
function expandsAsValue(expr: NixAttrs): boolean {
  const bindings = expr.bindings;
  if (bindings.length === 0) return false;
  return !(bindings.length === 1 && bindings[0]!.kind === 'inherit' && bindings[0]!.comments === undefined);
}

/**
 * The bindings and closing `}` of an expanded set whose opening bracket is written; `ind` is the
 * indentation of the line holding the `{`.
 */
export function writeSetBody(layout: Layout, out: PrintBuffer, expr: NixAttrs, ind: string): void {
  writeBodies(layout, out, { set: expr, items: expr.bindings, index: 0, depth: depthOf(layout, ind), suffix: '' });
}

/** The items and closing `]` of an expanded list whose `[` is written. */
export function writeListBody(layout: Layout, out: PrintBuffer, items: readonly NixExpr[], ind: string): void {
  writeBodies(layout, out, { set: undefined, items, index: 0, depth: depthOf(layout, ind), suffix: '' });
}

// Chunks are written as they are, without concatenating them first: a new string per piece
// costs an allocation. A string literal is escaped while it is copied into the output
// (PrintBuffer.escaped), without making the escaped string.

/** The text of a string literal without interpolation or comments that may print as `"…"`. */
function literalText(expr: NixExpr): string | undefined {
  if (expr.kind !== 'string' || expr.style === 'indented' || expr.comments !== undefined) return undefined;
  const parts = expr.parts;
  const only = parts.length === 1 ? parts[0] : parts.length === 0 ? '' : undefined;
  return typeof only === 'string' ? only : undefined;
}

/** An expanded list or set being written: its items, the next one, and what follows its bracket. */
interface Body {
  /** The set, for a set body; undefined for a list body. */
  set: NixAttrs | undefined;
  items: readonly (NixExpr | NixBindingItem)[];
  index: number;
  depth: Depth;
  /** Written after the closing bracket (`;` for a binding value). */
  suffix: string;
}

/** Work counter (items written by the data loop), read by the robustness tests. */
export const dataWork = { items: 0 };

/**
 * Writes nested expanded lists and sets with an explicit stack instead of recursion, so data
 * nested thousands of levels deep (the printer allows 10,000 by default) cannot overflow the call
 * stack. Each step writes one item: a leaf in place, a nested list or set by opening it and
 * pushing its body, anything else through the general printer.
 */
function writeBodies(layout: Layout, out: PrintBuffer, first: Body): void {
  const stack: Body[] = [first];
  const width = layout.width;
  while (stack.length > 0) {
    const body = stack[stack.length - 1]!;
    const { depth } = body;
    if (body.index === body.items.length) {
      out.push(body.set === undefined ? depth.closeList : depth.closeSet);
      if (body.suffix !== '') out.push(body.suffix);
      stack.pop();
      continue;
    }
    const item = body.items[body.index++]!;
    dataWork.items++;
    if (body.set === undefined) {
      const opened = listItem(layout, out, item as NixExpr, depth);
      if (opened !== undefined) stack.push(opened);
      continue;
    }
    const binding = item as NixBindingItem;
    if (binding.kind === 'binding' && binding.path.length === 1 && binding.comments === undefined) {
      const key = binding.path[0]!;
      const value = binding.value;
      if (typeof key === 'string' && value.comments === undefined) {
        const { newline, prefixes } = depth;
        let start = prefixes.get(key);
        if (start === undefined) {
          start = `${newline}${attrName(key)} = `;
          if (prefixes.size < 1024) prefixes.set(key, start);
        }
        // Strings stay on a plain name's line whatever their length, as in nixfmt; after a quoted
        // name they move below `name =` when the line is too long (see print-bindings.ts). Text
        // with a line break, a NUL or a lone surrogate is left to leafText and the general path.
        const text = literalText(value);
        const simpleKey = isIdentifier(key);
        if (text !== undefined) {
          const mark = out.mark();
          const length = out.escaped(text, start, ';');
          if (length >= 0) {
            if (simpleKey || start.length - newline.length + length + 3 <= width) continue;
            out.rewind(mark);
          } else if (simpleKey && (value as NixString).style === 'auto' && writePlainIndented(out, text, start, deeper(layout, depth).ind, depth.ind, ';')) {
            // Multi-line text: `name = ''…'';` as the general path writes it (bare() in print.ts).
            continue;
          }
        }
        const leaf = leafText(value);
        if (leaf !== null) {
          // Other tokens move below `name =` (general path) when the line would be too long.
          if ((value.kind === 'string' && simpleKey) || start.length - newline.length + leaf.length + 1 <= width) {
            out.push(start, leaf, ';');
            continue;
          }
        } else if (!simpleKey && start.length - newline.length + (value.kind === 'attrs' && value.rec ? 5 : 1) > width) {
          // After a quoted name, `name = {` or `name = [` that overflows breaks after `=` (general path).
        } else if (value.kind === 'attrs' && expandsAsValue(value)) {
          out.push(start, value.rec ? 'rec {' : '{');
          stack.push({ set: value, items: value.bindings, index: 0, depth: deeper(layout, depth), suffix: ';' });
          continue;
        } else if (value.kind === 'list' && value.items.length > 0) {
          // The general path: `name = ` and the list, flat when one item fits after it.
          const room = width - (start.length - newline.length - 3) - 2;
          if (value.items.length === 1) {
            const one = flat(value.items[0]!, SLOT_ARGUMENT, room - 2 - 4);
            if (one !== null) {
              out.push(start, '[ ', one, ' ];');
              continue;
            }
          }
          out.push(start, '[');
          stack.push({ set: undefined, items: value.items, index: 0, depth: deeper(layout, depth), suffix: ';' });
          continue;
        }
      }
    }
    out.push(depth.newline);
    writeBinding(layout, out, binding, depth.ind, false);
  }
}

/** Writes one list element; returns the body to continue with when it opened a nested list or set. */
function listItem(layout: Layout, out: PrintBuffer, item: NixExpr, depth: Depth): Body | undefined {
  if (isPlain(item)) {
    const text = literalText(item);
    if (text !== undefined && out.escaped(text, depth.newline, '') >= 0) return undefined;
    const leaf = leafText(item);
    if (leaf !== null && !wraps(item, SLOT_ARGUMENT)) {
      out.push(depth.newline, leaf);
      return undefined;
    }
  }
  if (item.kind !== 'list' && item.kind !== 'attrs') {
    out.push(depth.newline);
    writeLineStart(layout, out, item, depth.ind, layout.width, SLOT_ARGUMENT);
    return undefined;
  }
  // What writeLineStart does for a list or set at the start of a line, without recursion.
  out.push(depth.newline);
  if (!isPlain(item)) out.push(commentLines(item.comments, depth.ind));
  const width = layout.width;
  if (item.kind === 'list') {
    const items = item.items;
    if (items.length === 0) {
      out.push('[ ]');
      return undefined;
    }
    if (items.length === 1) {
      const one = flat(items[0]!, SLOT_ARGUMENT, width - 4);
      if (one !== null) {
        out.push('[ ', one, ' ]');
        return undefined;
      }
    }
    out.push('[');
    return { set: undefined, items, index: 0, depth: deeper(layout, depth), suffix: '' };
  }
  const open = item.rec ? 'rec {' : '{';
  if (item.bindings.length === 0) {
    out.push(open, ' }');
    return undefined;
  }
  if (item.bindings.length === 1) {
    const one = flatBinding(item.bindings[0]!, width - open.length - 3);
    if (one !== null) {
      out.push(open, ' ', one, ' }');
      return undefined;
    }
  }
  out.push(open);
  return { set: item, items: item.bindings, index: 0, depth: deeper(layout, depth), suffix: '' };
}
